"""Calls through a local alias of a function match the patterns written for
the function: `import subprocess as sp; sp.call(...)`, `from os import
system as run`, `const run = promisify(exec)`, `const ex = cp.exec`,
`import sh "os/exec"`.

Rules name functions as code names them by default; code that renames them
would otherwise slip past every rule. A call whose callee starts with an
alias is written out again with the aliased name (`subprocess.call(...)`),
parsed on its own, matched by the same combined query, and the matches are
mapped back onto the original call. Nothing is executed; an alias assigned
two different values in a file is not followed."""
from __future__ import annotations

import re

import tree_sitter as ts

from prescan.parse import languages

# per language: (query finding alias definitions, query finding calls, wrapper for parsing a call alone)
_ALIAS_QUERIES = {
    "python": """
(import_statement name: (aliased_import name: (dotted_name) @target alias: (identifier) @name))
(import_from_statement module_name: (dotted_name) @module name: (aliased_import name: (dotted_name) @target
  alias: (identifier) @name))
(assignment left: (identifier) @name right: [(identifier) (attribute)] @target)
(import_statement name: (dotted_name) @imported)
(import_from_statement name: (dotted_name) @imported)
""",
    "javascript": """
(import_specifier name: (identifier) @target alias: (identifier) @name)
(variable_declarator name: (identifier) @name value: [(identifier) (member_expression)] @target)
(variable_declarator name: (identifier) @name
  value: (call_expression function: [(identifier) (member_expression)] @wrap
                          arguments: (arguments . [(identifier) (member_expression)] @target .)))
(variable_declarator name: (identifier) @name
  value: (call_expression function: (member_expression object: [(identifier) (member_expression)] @target
                                                       property: (property_identifier) @bind)))
(variable_declarator name: (object_pattern (pair_pattern key: (property_identifier) @target value: (identifier) @name)))
(assignment_expression left: (identifier) @name right: [(identifier) (member_expression)] @target)
(import_clause (identifier) @imported)
(namespace_import (identifier) @imported)
(import_specifier name: (identifier) @imported)
(variable_declarator name: (identifier) @imported value: (call_expression function: (identifier) @require))
(variable_declarator name: (object_pattern (shorthand_property_identifier_pattern) @imported)
  value: (call_expression function: (identifier) @require))
""",
    "go": """
(import_spec name: (package_identifier) @name path: (interpreted_string_literal) @path)
""",
}
_ALIAS_QUERIES["typescript"] = _ALIAS_QUERIES["tsx"] = _ALIAS_QUERIES["javascript"]
_CALLS = {
    "python": "(call function: [(identifier) (attribute)] @callee) @call",
    "javascript": "(call_expression function: [(identifier) (member_expression)] @callee) @call",
    "go": "(call_expression function: [(identifier) (selector_expression)] @callee) @call",
}
_CALLS["typescript"] = _CALLS["tsx"] = _CALLS["javascript"]
_WRAP = {"go": ("package pmv\nfunc pmv_W() {\n", "\n}")}
_WRAPPERS_OF_FUNCTIONS = {"promisify", "util.promisify"}
_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\Z")
MAX_DEPTH = 4                       # alias of an alias of ...

_COMPILED: dict[str, tuple[ts.Query, ts.Query]] = {}


def supported(language: str) -> bool:
    return language in _ALIAS_QUERIES


def _queries(language: str) -> tuple[ts.Query, ts.Query]:
    got = _COMPILED.get(language)
    if got is None:
        grammar = languages.grammar(language)
        got = _COMPILED[language] = (ts.Query(grammar, _ALIAS_QUERIES[language]),
                                     ts.Query(grammar, _CALLS[language]))
    return got


def _text(source: bytes, node: ts.Node) -> str:
    return source[node.start_byte:node.end_byte].decode("utf-8", "replace")


def find(root: ts.Node, source: bytes, language: str) -> dict[str, str]:
    """Alias name -> the dotted name it stands for, resolved through other
    aliases. Only names of what the file imports: `x = self.y` is no alias."""
    defs: dict[str, set[str]] = {}
    imported: set[str] = set()
    by_import: set[str] = set()                     # aliases an import statement defines
    for _, caps in ts.QueryCursor(_queries(language)[0]).matches(root):
        if "imported" in caps:
            if "require" not in caps or _text(source, caps["require"][0]) == "require":
                imported.add(_text(source, caps["imported"][0]).split(".", 1)[0])
            continue
        name = caps.get("name")
        if not name:
            continue
        name = _text(source, name[0])
        if "path" in caps:                                  # Go: import sh "os/exec" -> exec
            path = _text(source, caps["path"][0]).strip('"')
            target = path.rsplit("/", 1)[-1]
            if name in ("_", ".") or not target.isidentifier():
                continue
            by_import.add(name)
        elif "target" in caps:
            target = _text(source, caps["target"][0])
            if "wrap" in caps and _text(source, caps["wrap"][0]) not in _WRAPPERS_OF_FUNCTIONS:
                continue
            if "bind" in caps and _text(source, caps["bind"][0]) != "bind":
                continue
            if "module" in caps:
                target = _text(source, caps["module"][0]) + "." + target
            if caps["name"][0].parent is not None and "import" in caps["name"][0].parent.type:
                by_import.add(name)
        else:
            continue
        if target != name and _DOTTED.match(target):
            defs.setdefault(name, set()).add(target)
    aliases = {name: next(iter(t)) for name, t in defs.items() if len(t) == 1}
    out = {}
    for name, target in aliases.items():
        target = _resolve(target, aliases)
        if name in by_import or target.split(".", 1)[0] in imported | by_import:
            out[name] = target
    return out


def _resolve(target: str, aliases: dict[str, str]) -> str:
    for _ in range(MAX_DEPTH):
        head, dot, rest = target.partition(".")
        again = aliases.get(head)
        if again is None or again == target:
            break
        target = again + dot + rest
    return target


def calls(root: ts.Node, source: bytes, language: str, aliases: dict[str, str], wanted: set[str]):
    """(call node, callee node, the aliased name of the callee's first word)
    for each call through an alias whose last name a rule looks for."""
    for _, caps in ts.QueryCursor(_queries(language)[1]).matches(root):
        callee, call = caps["callee"][0], caps["call"][0]
        head, dot, rest = _text(source, callee).partition(".")
        target = aliases.get(head)
        if target is not None and (target + dot + rest).rsplit(".", 1)[-1] in wanted:
            yield call, callee, target


def rewrite(source: bytes, call: ts.Node, callee: ts.Node, target: str, language: str):
    """The call with its callee's first word replaced by `target`, parsed
    alone: (tree, snippet bytes, a function mapping snippet byte spans back to
    the file or None, the snippet's span of the replaced word)."""
    prefix, suffix = _WRAP.get(language, ("", ""))
    head_len = source.index(b".", callee.start_byte, callee.end_byte) - callee.start_byte \
        if b"." in source[callee.start_byte:callee.end_byte] else callee.end_byte - callee.start_byte
    lo = len(prefix.encode())
    hi = lo + len(target.encode())
    rest = source[callee.start_byte + head_len:call.end_byte]
    snippet = prefix.encode() + target.encode() + rest + suffix.encode()
    tree = ts.Parser(languages.grammar(language)).parse(snippet)
    shift = callee.start_byte + head_len - hi
    word_end = callee.start_byte + head_len

    def back(start: int, end: int) -> tuple[int, int] | None:
        if start < lo or end > hi + len(rest) or end < start:
            return None
        s = callee.start_byte if start < hi else start + shift
        e = (word_end if end > lo else callee.start_byte) if end <= hi else end + shift
        return s, e
    return tree, snippet, back, (lo, hi)
