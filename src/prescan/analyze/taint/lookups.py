"""Lookups in a constant table: `SORTS[req.query.sort]`, `ROUTES.get(name)`,
`destinations[c.Query("to")]` where the table is a literal defined once at
the top of the file. What comes out is one of the table's own values, never
the key, so the lookup is clean: the allow-list idiom of safe code."""
from __future__ import annotations

import re

import tree_sitter as ts

Span = tuple[int, int]

# per language: top-level definitions (node type -> (name field, value field)), container literals,
# and subscript nodes (node type -> field of the table)
_DEFS = {
    "python": ({"assignment": ("left", "right")}, {"dictionary", "set", "list", "tuple"},
               {"subscript": "value"}),
    "javascript": ({"variable_declarator": ("name", "value")}, {"object", "array"},
                   {"subscript_expression": "object"}),
    "go": ({"var_spec": ("name", "value"), "const_spec": ("name", "value")}, {"composite_literal"},
           {"index_expression": "operand"}),
    "ruby": ({"assignment": ("left", "right")}, {"hash", "array"}, {"element_reference": "object"}),
}
_DEFS["typescript"] = _DEFS["tsx"] = _DEFS["javascript"]
_GETTERS = re.compile(rb"^(get|fetch)$")
_TOP_WRAPPERS = {"expression_statement", "lexical_declaration", "variable_declaration", "export_statement",
                 "var_declaration", "const_declaration", "expression_list", "var_spec_list", "const_spec_list"}


_LAST: list = [None, None]             # (key, spans) of the file seen last: every taint rule asks


def constant_lookups(root: ts.Node, source: bytes, language: str) -> list[Span]:
    """Spans of lookups in tables the file defines once, at its top level, as literals."""
    spec = _DEFS.get(language)
    if spec is None or root is None:
        return []
    key = (source, language, root.start_byte, root.end_byte)
    if _LAST[0] == key:
        return _LAST[1]
    _LAST[0], _LAST[1] = key, _lookups(root, source, spec)
    return _LAST[1]


def _lookups(root: ts.Node, source: bytes, spec) -> list[Span]:
    defs, containers, subscripts = spec
    tables = _tables(root, source, defs, containers)
    if not tables:
        return []
    out: list[Span] = []
    stack = [root]
    while stack:
        n = stack.pop()
        field = subscripts.get(n.type)
        table = n.child_by_field_name(field) if field else None
        if table is None and ("call" in n.type):            # TABLE.get(key), TABLE.fetch(key)
            table = _getter_receiver(n, source)
        if table is not None and source[table.start_byte:table.end_byte] in tables:
            out.append((n.start_byte, n.end_byte))
            continue
        stack.extend(n.named_children)
    return out


def _tables(root: ts.Node, source: bytes, defs: dict, containers: set[str]) -> set[bytes]:
    """Names bound at the top level to a container literal, and bound nowhere else."""
    found: dict[bytes, int] = {}
    stack = [(c, 0) for c in root.named_children]
    while stack:
        n, depth = stack.pop()
        if n.type in _TOP_WRAPPERS and depth < 4:
            stack.extend((c, depth + 1) for c in n.named_children)
            continue
        names = defs.get(n.type)
        if names is None:
            continue
        name, value = (n.child_by_field_name(f) for f in names)
        if name is None or value is None:
            continue
        while value.type in ("expression_list", "call") and value.named_children:
            # Go's `= map[...]{...}` is a list of one; Ruby's `{...}.freeze` a call on the literal
            value = value.child_by_field_name("receiver") or value.named_children[0]
        if value.type in containers and name.type in ("identifier", "constant"):
            key = source[name.start_byte:name.end_byte]
            found[key] = found.get(key, 0) + 1
    if not found:
        return set()
    # a table assigned again anywhere may hold other data
    writes: dict[bytes, int] = {}
    names = b"|".join(re.escape(k) for k in found)
    for m in re.finditer(rb"(?<![\w.$])(" + names + rb")(?:\s*\[[^\n]*?\])?\s*(?:=(?!=)|:=|\+=|<<|\|\|=)|"
                         rb"(?<![\w.$])(" + names + rb")\.(?:update|setdefault|push|set|append|extend|insert|"
                         rb"merge!|store|unshift|splice|assign)\(", source):
        name = m.group(1) or m.group(2)
        writes[name] = writes.get(name, 0) + (1 if m.group(1) else 2)
    return {k for k, n in found.items() if n == 1 and writes.get(k, 0) <= 1}


def _getter_receiver(call: ts.Node, source: bytes) -> ts.Node | None:
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type in ("attribute", "member_expression", "selector_expression"):
        obj = fn.child_by_field_name("object") or fn.child_by_field_name("operand")
        attr = fn.child_by_field_name("attribute") or fn.child_by_field_name("property") \
            or fn.child_by_field_name("field")
    else:                                               # Ruby: receiver.method
        obj, attr = call.child_by_field_name("receiver"), call.child_by_field_name("method")
    if obj is None or attr is None or not _GETTERS.match(source[attr.start_byte:attr.end_byte]):
        return None
    return obj
