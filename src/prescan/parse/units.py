"""Functions, methods and classes of a parsed file: one cached tree-sitter query
per language finds the definitions, a stack over their sorted spans nests them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import tree_sitter as ts

from .config_units import CONFIG_LANGUAGES, extract_config_units
from .languages import grammar
from .model import Unit

# What each pattern captures: the definition node as @class, @function (a
# method when directly inside a class), @method (always a method), @default
# (JS `export default`), its name as @name, and for C/C++ the declarator
# (@decl) and for Go the receiver (@recv) to derive names from. "wrap" pairs a
# definition (@def) with a node before it that belongs to it (@wrap); "attr"
# marks decorators and attributes that are siblings of what they modify.
#
# Walking to a node's parent or sibling costs O(depth) in tree-sitter, and a
# pattern whose parent waits for a second child keeps a state open through
# every subtree it descends: both make deeply nested files quadratic. So the
# patterns stay shallow and relations are recovered from spans in Python.
_JS_FN = "[(arrow_function) (function_expression) (generator_function)]"
_JS_TARGET = "[(identifier) @name (member_expression property: (_) @name)]"
_JS = [
    ("function", "(function_declaration name: (_) @name) @function"),
    ("function", "(generator_function_declaration name: (_) @name) @function"),
    ("class", "(class_declaration name: (_) @name) @class"),
    ("method", "(method_definition name: (_) @name) @method"),
    # a function or class bound to a name is known by that name (a class
    # field is spanned whole, so that its decorators belong to it)
    ("function", f"(variable_declarator name: (identifier) @name value: {_JS_FN} @function)"),
    ("class", "(variable_declarator name: (identifier) @name value: (class) @class)"),
    ("function", f"(assignment_expression left: {_JS_TARGET} right: {_JS_FN} @function)"),
    ("class", f"(assignment_expression left: {_JS_TARGET} right: (class) @class)"),
    ("method", f"(pair key: (_) @name value: {_JS_FN} @method)"),
    ("default", f"(export_statement value: [{_JS_FN[1:-1]} (class)] @default)"),
    # route handlers and middleware are mostly inline callbacks: every
    # function expression and argument list, matched up in _callbacks
    ("fn", f"{_JS_FN} @fn"),
    ("args", "(arguments) @args"),
    ("wrap", "(export_statement decorator: (decorator) @wrap declaration: (_) @def)"),
]
_TS = _JS + [
    ("method", f"(public_field_definition name: (_) @name value: {_JS_FN}) @method"),
    ("class", "(abstract_class_declaration name: (_) @name) @class"),
    # TS keeps member decorators as siblings in the class body
    ("attr", "(decorator) @attr"),
]


def _named(kind: str, *types: str) -> list[tuple[str, str]]:
    return [(kind, f"({t} name: (_) @name) @{kind}") for t in types]


_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "python": _named("function", "function_definition") + _named("class", "class_definition")
    + [("wrap", "(decorated_definition definition: (_) @def) @wrap")],
    "javascript": _JS + [
        ("method", f"(field_definition property: (_) @name value: {_JS_FN}) @method")],
    "typescript": _TS,
    "tsx": _TS,
    "go": [
        ("function", "(function_declaration name: (_) @name) @function"),
        ("method", "(method_declaration receiver: (_) @recv name: (_) @name) @method"),
        ("class", "(type_spec name: (_) @name type: (struct_type)) @class"),
        # a lone `type S struct{...}` spans its `type` keyword too
        ("wrap", "(type_declaration . (type_spec) @def .) @wrap"),
    ],
    "java": _named("class", "class_declaration", "interface_declaration", "enum_declaration",
                   "record_declaration", "annotation_type_declaration")
    + _named("method", "method_declaration", "constructor_declaration",
             "compact_constructor_declaration"),
    "csharp": _named("class", "class_declaration", "struct_declaration", "interface_declaration",
                     "enum_declaration", "record_declaration")
    + _named("method", "method_declaration", "constructor_declaration", "destructor_declaration")
    + _named("function", "local_function_statement")
    + [("method", "(operator_declaration operator: _ @name) @method"),
       ("method", "(conversion_operator_declaration type: (_) @name) @method")],
    "c": [("function", "(function_definition declarator: (_) @decl) @function")],
    "cpp": [
        ("function", "(function_definition declarator: (_) @decl) @function"),
        ("class", "(class_specifier name: (_) @name body: (_)) @class"),
        ("class", "(struct_specifier name: (_) @name body: (_)) @class"),
        ("wrap", "(template_declaration parameters: (_) . [(function_definition) (class_specifier)"
                 " (struct_specifier) (template_declaration)] @def) @wrap"),
    ],
    "ruby": _named("function", "method", "singleton_method") + _named("class", "class", "module"),
    "php": _named("function", "function_definition")
    + _named("class", "class_declaration", "interface_declaration", "trait_declaration",
             "enum_declaration")
    + _named("method", "method_declaration"),
    "rust": _named("function", "function_item")
    + _named("class", "struct_item", "enum_item", "union_item", "trait_item")
    + [("class", "(impl_item type: (_) @name) @class"),
       ("attr", "(attribute_item) @attr")],
}

_TEMPLATE_ARGS = re.compile(r"<[^<>]*>")
_OPERATOR = re.compile(r"\boperator\b")
# `operator bool() const` -> `operator bool`, but keep the call operator's parens
_OPERATOR_NAME = re.compile(r"operator\s*(\(\s*\)|[^(]*)")
_GO_RECV = re.compile(r"\(\s*(?:[A-Za-z_]\w*\s+)?\*?\s*([A-Za-z_]\w*)")
_IDENT = re.compile(r"[A-Za-z_]\w*")
# declarator wrappers around a C/C++ function's name, innermost last
_C_WRAPPERS = frozenset({"function_declarator", "pointer_declarator", "reference_declarator",
                         "parenthesized_declarator", "attributed_declarator"})
_BLANK = frozenset(b" \t\r\n\f\v")
_MAX_QUALNAME = 1000     # absurdly deep nesting must not make qualnames quadratic
_MAX_NAME = 512


@lru_cache(maxsize=None)
def _query(language: str) -> tuple[ts.Query, tuple[str, ...]]:
    """The language's compiled query and the definition capture of each pattern."""
    patterns = _PATTERNS[language]
    # extract_units finds the definition node under the capture named by the kind
    assert all(f"@{kind}" in p for kind, p in patterns), language
    query = ts.Query(grammar(language), "\n".join(p for _, p in patterns))
    return query, tuple(kind for kind, _ in patterns)


def extract_units(root: ts.Node, source: bytes, language: str, *,
                  recovered: Sequence[ts.Node] = ()) -> tuple[Unit, ...]:
    """Every function, method and class of a file, sorted by start byte.

    `recovered` are roots of re-parses of text that the main tree lost in
    ERROR nodes (see parse._recover); their definitions are merged in."""
    if root is not None and language in CONFIG_LANGUAGES:
        return extract_config_units(root, source, language)
    if root is None or language not in _PATTERNS:
        return ()
    query, kinds = _query(language)
    defs, loose, arglists = [], [], []
    owner: dict[int, tuple[int, int]] = {}     # start byte -> (start, row) of its owner
    attrs: dict[int, tuple[int, int]] = {}     # end byte of an attribute -> (start, row)
    for tree_root in (root, *recovered):
        for index, caps in ts.QueryCursor(query).matches(tree_root):
            kind = kinds[index]
            node = caps[kind][0]
            if kind == "wrap":
                target = caps["def"][0].start_byte
                if node.start_byte < owner.get(target, (target,))[0]:
                    owner[target] = (node.start_byte, node.start_point[0])
            elif kind == "attr":
                attrs[node.end_byte] = (node.start_byte, node.start_point[0])
            elif kind == "fn":
                loose.append(node)
            elif kind == "args":
                arglists.append(node)
            else:
                defs.append((kind, node, caps))
    rows: dict[tuple[int, int], tuple] = {}
    claimed = set()
    for kind, node, caps in defs:
        claimed.add((node.start_byte, node.end_byte))
        start, row = _owned_start(node, source, owner, attrs)
        if (start, node.end_byte) in rows:        # two patterns, one definition
            continue
        if kind == "default":
            name, prefix = (_own_name(node, source) or "default"), ()
            kind = "class" if node.type == "class" else "function"
        else:
            name, prefix = _name(language, node, caps, source)
        if not name:
            name = _own_name(node, source) or f"<anonymous@{row + 1}>"
        rows[(start, node.end_byte)] = (start, node.end_byte, row, node.end_point, kind, name, prefix)
    unnamed = [n for n in loose if (n.start_byte, n.end_byte) not in claimed]
    for node in _callbacks(unnamed, arglists):
        row = node.start_point[0]
        name = _own_name(node, source) or f"<anonymous@{row + 1}>"
        rows.setdefault((node.start_byte, node.end_byte),
                        (node.start_byte, node.end_byte, row, node.end_point, "anon", name, ()))
    return _nest(sorted(rows.values(), key=lambda r: (r[0], -r[1])))


def _owned_start(node: ts.Node, source: bytes, owner: dict, attrs: dict) -> tuple[int, int]:
    """Where a definition starts once its decorators/attributes/templates are counted."""
    start, row = node.start_byte, node.start_point[0]
    for _ in range(256):     # each step moves strictly back; bounded anyway
        up = owner.get(start)
        if up is None and attrs:
            # an attribute sibling belongs to the item right after it
            j = start
            while j > 0 and source[j - 1] in _BLANK:
                j -= 1
            up = attrs.get(j)
        if up is None or up[0] >= start:
            break
        start, row = up
    return start, row


def _callbacks(fns: list[ts.Node], arglists: list[ts.Node]) -> list[ts.Node]:
    """The functions that are themselves an argument of a call: found by a sweep
    for the innermost argument list around each, then a look at its children."""
    arglists.sort(key=lambda n: (n.start_byte, -n.end_byte))
    fns.sort(key=lambda n: n.start_byte)
    out: list[ts.Node] = []
    stack: list[ts.Node] = []
    children: dict[int, set] = {}
    i = 0
    for fn in fns:
        start, end = fn.start_byte, fn.end_byte
        while i < len(arglists) and arglists[i].start_byte < start:
            args = arglists[i]
            i += 1
            while stack and stack[-1].end_byte <= args.start_byte:
                stack.pop()
            stack.append(args)
        while stack and stack[-1].end_byte < end:
            stack.pop()
        if not stack:
            continue
        args = stack[-1]
        spans = children.get(args.start_byte)
        if spans is None:
            spans = children[args.start_byte] = {(c.start_byte, c.end_byte) for c in args.named_children}
        if (start, end) in spans:
            out.append(fn)
    return out


def _nest(rows: list[tuple]) -> tuple[Unit, ...]:
    units: list[Unit] = []
    stack: list[tuple[int, str, str]] = []       # (end byte, qualname, kind) of open units
    for start, end, start_row, (end_row, end_col), kind, name, prefix in rows:
        while stack and stack[-1][0] < end:
            stack.pop()
        parent = stack[-1] if stack else None
        path = ".".join(prefix + (name,))
        qualname = f"{parent[1]}.{path}" if parent else path
        if len(qualname) > _MAX_QUALNAME:
            qualname = "..." + qualname[-_MAX_QUALNAME:]
        if kind == "anon":
            kind = "function"
        elif kind == "function" and (prefix or (parent is not None and parent[2] == "class")):
            kind = "method"
        # a node ending at column 0 ends on the newline of the line before
        last_line = end_row if end_col == 0 and end_row > start_row else end_row + 1
        units.append(Unit(kind, name, qualname, start, end, start_row + 1, last_line))
        stack.append((end, qualname, kind))
    return tuple(units)


def _name(language: str, node: ts.Node, caps: dict, source: bytes) -> tuple[str, tuple[str, ...]]:
    """The bare name of a definition and the scope written into it
    (`ns::Foo::bar`, a Go receiver), as (name, prefix parts)."""
    if "decl" in caps:
        target = _c_name_node(caps["decl"][0])
        return _split_scope(_text(source, target))
    name_nodes = caps.get("name")
    if not name_nodes:
        return "", ()
    name_node = name_nodes[0]
    text = _text(source, name_node)
    if "recv" in caps:
        m = _GO_RECV.match(_text(source, caps["recv"][0]))
        return text, ((m.group(1),) if m else ())
    kind = node.type
    if language in ("javascript", "typescript", "tsx"):
        if name_node.type == "string":
            text = text[1:-1]
        return text, ()
    if language == "ruby" or (language == "cpp" and kind in ("class_specifier", "struct_specifier")):
        return _split_scope(text)
    if language == "rust" and kind == "impl_item":
        return _rust_type_name(text), ()
    if language == "csharp":
        if kind == "destructor_declaration":
            return "~" + text, ()
        if kind == "operator_declaration":
            return "operator" + text, ()
        if kind == "conversion_operator_declaration":
            return "operator " + text, ()
    return text, ()


def _own_name(node: ts.Node, source: bytes) -> str:
    """The name a function or class expression gives itself, if any."""
    own = node.child_by_field_name("name")
    return _text(source, own) if own is not None else ""


def _c_name_node(node: ts.Node) -> ts.Node:
    """Unwrap pointer/reference/function declarators down to the name."""
    for _ in range(64):   # bounded: error trees can nest declarators oddly
        if node.type not in _C_WRAPPERS:
            break
        inner = node.child_by_field_name("declarator")
        if inner is None:
            count = node.named_child_count
            inner = node.named_child(count - 1) if count else None
        if inner is None:
            break
        node = inner
    return node


def _split_scope(text: str) -> tuple[str, tuple[str, ...]]:
    """`ns::Foo<T>::bar` -> ("bar", ("ns", "Foo")); operators keep their symbols."""
    text = " ".join(text.split())
    op = _OPERATOR.search(text)
    head, tail = (text[:op.start()], text[op.start():]) if op else (text, "")
    for _ in range(16):
        stripped = _TEMPLATE_ARGS.sub("", head)
        if stripped == head:
            break
        head = stripped
    parts = [p.strip() for p in head.split("::")]
    if tail:
        sym = _OPERATOR_NAME.match(tail).group(1).rstrip()
        sym = "()" if sym.startswith("(") else sym
        # conversion and new/delete operators are words: keep them apart
        parts[-1] = f"operator {sym}" if sym[:1].isalnum() or sym[:1] == "_" else f"operator{sym}"
    parts = [p for p in parts if p]
    if not parts:
        return "", ()
    return parts[-1], tuple(parts[:-1])


def _rust_type_name(text: str) -> str:
    """`crate::Foo<T>` or `&'a Foo` -> "Foo"."""
    for _ in range(16):
        stripped = _TEMPLATE_ARGS.sub("", text)
        if stripped == text:
            break
        text = stripped
    idents = _IDENT.findall(text)
    return idents[-1] if idents else text.strip()


def _text(source: bytes, node: ts.Node) -> str:
    # names come from nodes that error recovery can make arbitrarily large
    end = min(node.end_byte, node.start_byte + _MAX_NAME)
    return source[node.start_byte:end].decode("utf-8", "replace")
