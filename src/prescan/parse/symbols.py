"""The symbol index of one file: what it defines and what it calls.

Definitions are the file's units (functions, methods, classes); references
are call sites, each with the bare name called and the unit it sits in. The
scope stage follows these names across files (callers and callees of a
change); `to_table` gives the Arrow form that is cached by blob id."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa
import tree_sitter as ts

from .languages import grammar
from .model import Unit

# call nodes of each grammar, and the fields that name what is called
_CALLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "python": (("call",), ("function",)),
    "javascript": (("call_expression", "new_expression"), ("function", "constructor")),
    "go": (("call_expression",), ("function",)),
    "java": (("method_invocation", "object_creation_expression"), ("name", "type")),
    "c": (("call_expression",), ("function",)),
    "ruby": (("call",), ("method",)),
    "php": (("function_call_expression", "member_call_expression", "scoped_call_expression",
             "nullsafe_member_call_expression", "object_creation_expression"), ("function", "name")),
    "rust": (("call_expression", "macro_invocation"), ("function", "macro")),
    "csharp": (("invocation_expression", "object_creation_expression"), ("function", "type")),
}
_CALLS["typescript"] = _CALLS["tsx"] = _CALLS["javascript"]
_CALLS["cpp"] = _CALLS["c"]
# statements that bring other files' names in; their words say which files a file can call into
_IMPORTS: dict[str, tuple[str, ...]] = {
    "python": ("import_statement", "import_from_statement"),
    "javascript": ("import_statement",),
    "go": ("import_declaration",),
    "java": ("import_declaration", "package_declaration"),
    "c": ("preproc_include",),
    "ruby": (),
    "php": ("namespace_use_declaration", "namespace_definition", "require_expression", "require_once_expression",
            "include_expression", "include_once_expression"),
    "rust": ("use_declaration", "mod_item"),
    "csharp": ("using_directive", "namespace_declaration", "file_scoped_namespace_declaration"),
}
_IMPORTS["typescript"] = _IMPORTS["tsx"] = _IMPORTS["javascript"]
_IMPORTS["cpp"] = _IMPORTS["c"]
# calls that load another file: require("./x"), require_relative "x", include "x.php"
_LOADERS = re.compile(rb"^(require|require_relative|load|import|include|include_once|require_once)$")
_WORD = re.compile(r"[A-Za-z_$][\w$]*")
_LAST_NAME = re.compile(rb"([A-Za-z_$][\w$]*)[!?]?\s*(?:<[^<>]*>)?\s*$")

SCHEMA = pa.schema([
    ("kind", pa.string()),          # def | call | import | flow (a parameter's data passed to `name` by `unit`)
    ("name", pa.string()),          # bare name defined or called
    ("unit", pa.string()),          # qualname of the defining unit, or of the unit the call sits in
    ("unit_kind", pa.string()),
    ("line", pa.int32()),           # first line of the definition or of the call
    ("end_line", pa.int32()),
])


@dataclass(frozen=True)
class Symbols:
    defs: tuple[tuple[str, str, str, int, int], ...]    # (name, qualname, kind, start_line, end_line)
    calls: tuple[tuple[str, str, int], ...]             # (callee name, caller qualname, line)
    imports: tuple[str, ...] = ()                       # words of the file's import statements
    flows: tuple[tuple[str, str], ...] = ()             # (function, callee) a parameter's data is passed to

    def to_table(self) -> pa.Table:
        rows = [("def", n, q, k, s, e) for n, q, k, s, e in self.defs] + \
               [("call", n, u, "", line, line) for n, u, line in self.calls] + \
               [("import", w, "", "", 0, 0) for w in self.imports] + \
               [("flow", callee, fn, "", 0, 0) for fn, callee in self.flows]
        cols = list(zip(*rows)) if rows else [()] * 6
        return pa.table([pa.array(c, type=f.type) for c, f in zip(cols, SCHEMA)], schema=SCHEMA)

    @classmethod
    def from_table(cls, table: pa.Table) -> Symbols:
        d = table.to_pydict()
        defs, calls, imports, flows = [], [], [], []
        for kind, name, unit, ukind, line, end in zip(d["kind"], d["name"], d["unit"], d["unit_kind"],
                                                      d["line"], d["end_line"]):
            if kind == "def":
                defs.append((name, unit, ukind, line, end))
            elif kind == "import":
                imports.append(name)
            elif kind == "flow":
                flows.append((unit, name))
            else:
                calls.append((name, unit, line))
        return cls(tuple(defs), tuple(calls), tuple(imports), tuple(flows))

    def callers_of(self, names: set[str]) -> set[str]:
        """Bare names of the units here that call any of `names`."""
        short = {q: n for n, q, _k, _s, _e in self.defs}
        return {short[u] for n, u, _ in self.calls if n in names and u in short}

    def callees_of(self, units: set[str]) -> set[str]:
        """Names called from the units with these bare names."""
        quals = {q for n, q, _k, _s, _e in self.defs if n in units}
        return {n for n, u, _ in self.calls if u in quals}

    def defines(self) -> set[str]:
        return {n for n, _q, k, _s, _e in self.defs if k in ("function", "method")}


@lru_cache(maxsize=None)
def _query(language: str) -> ts.Query | None:
    spec = _CALLS.get(language)
    if spec is None:
        return None
    types, _fields = spec
    text = "[" + " ".join(f"({t})" for t in types) + "] @call"
    if _IMPORTS.get(language):
        text += " [" + " ".join(f"({t})" for t in _IMPORTS[language]) + "] @import"
    return ts.Query(grammar(language), text)


def extract_symbols(root: ts.Node, source: bytes, language: str, units: tuple[Unit, ...],
                    flows: bool = False) -> Symbols:
    """With `flows`, also which callees each function passes its parameters'
    data to (one walk per function, whatever the rules), for the impact scope."""
    defs = tuple((u.name, u.qualname, u.kind, u.start_line, u.end_line) for u in units if u.kind != "module")
    query = _query(language)
    if query is None:
        return Symbols(defs, ())
    fields = _CALLS[language][1]
    starts = [u.start_byte for u in units]
    calls = []
    caps = ts.QueryCursor(query).captures(root)
    words: set[str] = set()
    for node in caps.get("import", ()):
        words.update(_WORD.findall(source[node.start_byte:node.end_byte].decode("utf-8", "replace")))
    for node in caps.get("call", ()):
        fn = None
        for f in fields:
            fn = node.child_by_field_name(f)
            if fn is not None:
                break
        if fn is None:
            continue
        m = _LAST_NAME.search(source[fn.start_byte:fn.end_byte])
        if m is None:
            continue
        if _LOADERS.match(m.group(1)):
            args = node.child_by_field_name("arguments")
            if args is not None:
                words.update(_WORD.findall(source[args.start_byte:args.end_byte].decode("utf-8", "replace")))
        calls.append((m.group(1).decode("utf-8", "replace"), _enclosing(units, starts, node.start_byte,
                                                                         node.end_byte),
                      node.start_point[0] + 1))
    calls.sort(key=lambda c: (c[2], c[0]))
    found: set[tuple[str, str]] = set()
    if flows:
        from prescan.analyze.taint import track_relays
        scopes = [(u.start_byte, u.end_byte, u.name) for u in units if u.kind in ("function", "method")]
        names = frozenset(u.name.encode() for u in units if u.kind in ("function", "method"))
        for c in track_relays(root, source, language, scopes, [], names):
            found.add((c.function.decode("utf-8", "replace"), c.callee.decode("utf-8", "replace")))
    return Symbols(defs, tuple(calls), tuple(sorted(words)), tuple(sorted(found)))


def _enclosing(units: tuple[Unit, ...], starts: list[int], start: int, end: int) -> str:
    for u in reversed(units[:bisect_right(starts, start)]):
        if u.start_byte <= start and end <= u.end_byte and u.kind != "module":
            return u.qualname
    return "<module>"
