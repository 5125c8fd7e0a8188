"""What dataflow needs to know of each grammar: which nodes assign, loop,
branch and leave a block, and which nodes name variables."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Flow:
    assigns: dict[str, tuple[str, str]]                 # node type -> (target field, value field)
    loops: dict[str, tuple[str, str]] = field(default_factory=dict)   # -> (variable field, iterable field)
    ifs: dict[str, tuple[str, str]] = field(default_factory=dict)     # -> (condition field, body field)
    unless: dict[str, tuple[str, str]] = field(default_factory=dict)  # body runs when the condition is false
    exits: frozenset[str] = frozenset()                 # statements that leave the block
    exit_calls: re.Pattern = re.compile(r"(?!)")        # calls that leave it (abort(), panic(), ...)
    names: frozenset[str] = frozenset({"identifier"})   # nodes that name a variable
    # fields whose identifier is not a variable read (attribute names, callee names, keywords)
    not_reads: frozenset[str] = frozenset({"attribute", "property", "field", "method", "name", "function",
                                           "type", "key", "label"})
    # `xs.each do |x|`, `xs.forEach(x => ...)`: node -> (element parameter, iterated value) or None
    iterate: Callable | None = None


# loops whose parts have no field names (PHP's `foreach ($rows as $k => $row)`): by position
FIRST = "#first"            # the first named child
AFTER_AS = "#after-as"      # the named child after the `as` keyword


def loop_parts(node, spec: tuple[str, str]):
    """(variable node, iterable node) of a loop, either may be None."""
    def part(how: str):
        if how == FIRST:
            return node.named_children[0] if node.named_children else None
        if how == AFTER_AS:
            seen = False
            for child in node.children:
                if seen and child.is_named:
                    return child
                seen = seen or child.type == "as"
            return None
        return node.child_by_field_name(how)
    return part(spec[0]), part(spec[1])


# methods that call their block or callback once per element, with the element first
_ELEMENT_FIRST = frozenset({
    "each", "each_with_index", "each_with_object", "each_slice", "map", "flat_map", "collect", "select",
    "filter", "reject", "find", "detect", "filter_map", "sum", "group_by", "sort_by", "min_by", "max_by",
    "forEach", "flatMap", "some", "every", "findIndex", "findLast"})


def _ruby_iteration(node):
    if node.type != "call":
        return None
    block, method, recv = (node.child_by_field_name(f) for f in ("block", "method", "receiver"))
    if block is None or method is None or recv is None or method.text.decode("utf-8", "replace") not in _ELEMENT_FIRST:
        return None
    params = block.child_by_field_name("parameters")
    return (params.named_children[0], recv) if params is not None and params.named_children else None


def _js_iteration(node):
    if node.type != "call_expression":
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or fn.type != "member_expression" or args is None or not args.named_children:
        return None
    prop, obj, callback = fn.child_by_field_name("property"), fn.child_by_field_name("object"), args.named_children[0]
    if prop is None or obj is None or prop.text.decode("utf-8", "replace") not in _ELEMENT_FIRST or \
            callback.type not in ("arrow_function", "function_expression", "function"):
        return None
    param = callback.child_by_field_name("parameter")
    if param is None:
        params = callback.child_by_field_name("parameters")
        param = params.named_children[0] if params is not None and params.named_children else None
    return (param, obj) if param is not None else None


_C_LIKE_EXITS = frozenset({"return_statement", "throw_statement", "continue_statement", "break_statement"})

FLOWS: dict[str, Flow] = {
    "python": Flow(
        assigns={"assignment": ("left", "right"), "augmented_assignment": ("left", "right"),
                 "named_expression": ("name", "value")},
        loops={"for_statement": ("left", "right"), "for_in_clause": ("left", "right")},
        ifs={"if_statement": ("condition", "consequence")},
        exits=frozenset({"return_statement", "raise_statement", "continue_statement", "break_statement"}),
        exit_calls=re.compile(r"^(abort|flask\.abort|sys\.exit|exit|os\._exit)$")),
    "javascript": Flow(
        assigns={"variable_declarator": ("name", "value"), "assignment_expression": ("left", "right"),
                 "augmented_assignment_expression": ("left", "right")},
        loops={"for_in_statement": ("left", "right")},
        ifs={"if_statement": ("condition", "consequence")},
        exits=_C_LIKE_EXITS, exit_calls=re.compile(r"^(process\.exit|next)$"),
        names=frozenset({"identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern"}),
        iterate=_js_iteration),
    "go": Flow(
        assigns={"short_var_declaration": ("left", "right"), "assignment_statement": ("left", "right"),
                 "var_spec": ("name", "value")},
        loops={"range_clause": ("left", "right")},
        ifs={"if_statement": ("condition", "consequence")},
        exits=_C_LIKE_EXITS, exit_calls=re.compile(r"^(panic|log\.Fatal\w*|os\.Exit|http\.Error)$")),
    "java": Flow(
        assigns={"variable_declarator": ("name", "value"), "assignment_expression": ("left", "right")},
        loops={"enhanced_for_statement": ("name", "value")},
        ifs={"if_statement": ("condition", "consequence")},
        exits=_C_LIKE_EXITS),
    "php": Flow(
        assigns={"assignment_expression": ("left", "right"), "augmented_assignment_expression": ("left", "right")},
        loops={"foreach_statement": (AFTER_AS, FIRST)},
        ifs={"if_statement": ("condition", "body")},
        exits=frozenset({"return_statement", "throw_expression", "exit_statement", "continue_statement",
                         "break_statement"}),
        exit_calls=re.compile(r"^(exit|die|http_response_code|header)$"),
        names=frozenset({"variable_name"})),
    "ruby": Flow(
        assigns={"assignment": ("left", "right"), "operator_assignment": ("left", "right")},
        loops={"for": ("pattern", "value")},
        ifs={"if": ("condition", "consequence"), "if_modifier": ("condition", "body")},
        unless={"unless": ("condition", "consequence"), "unless_modifier": ("condition", "body")},
        exits=frozenset({"return", "break", "next"}),
        exit_calls=re.compile(r"^(raise|redirect_to|head|render|fail)$"), iterate=_ruby_iteration),
    "c": Flow(
        assigns={"init_declarator": ("declarator", "value"), "assignment_expression": ("left", "right")},
        ifs={"if_statement": ("condition", "consequence")},
        exits=frozenset({"return_statement", "continue_statement", "break_statement", "goto_statement"}),
        exit_calls=re.compile(r"^(exit|abort|_exit)$")),
    "rust": Flow(
        assigns={"let_declaration": ("pattern", "value"), "assignment_expression": ("left", "right")},
        loops={"for_expression": ("pattern", "value")},
        ifs={"if_expression": ("condition", "consequence")},
        exits=frozenset({"return_expression", "break_expression", "continue_expression"}),
        exit_calls=re.compile(r"^(panic!?)$")),
}
FLOWS["typescript"] = FLOWS["tsx"] = FLOWS["javascript"]
FLOWS["cpp"] = FLOWS["c"]
FLOWS["csharp"] = Flow(
    assigns={"variable_declarator": ("name", "value"), "assignment_expression": ("left", "right")},
    loops={"foreach_statement": ("left", "right")},
    ifs={"if_statement": ("condition", "consequence")}, exits=_C_LIKE_EXITS)
