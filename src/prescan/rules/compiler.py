"""Compiles a code-like pattern (`subprocess.run($CMD, shell=True, ...)`) into
a tree-sitter query for one language.

The pattern is parsed by the language's own grammar, with metavariables and
`...` replaced by placeholder identifiers, and the resulting tree is written
out as an S-expression: named nodes become typed node patterns, leaves are
pinned by their text, metavariables become captures, `...` relaxes the
anchors between siblings. A pattern of several statements becomes a sequence
inside any parent node."""
from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter as ts

from prescan.parse import languages

MV_RE = re.compile(r"\$(\.\.\.)?([A-Z][A-Z0-9_]*|_)(?![A-Za-z0-9_])")
# PHP's own upper-case variables are code, not metavariables
_PHP_GLOBALS = {"GLOBALS"}
PH_MV = "pmv_"          # $X      -> pmv_X
PH_SEQ = "pmvseq_"      # $...X   -> pmvseq_X (a gap that may bind anything)
PH_ELL = "pmv_ELLIPSIS"
PH_STR = "pmv_ANYSTRING"
MATCH = "_match"        # capture of the node a match reports
SEQ = "_seq"            # captures of the statements of a sequence pattern

# tried in order: the first wrapper in which the pattern parses cleanly wins
_WRAPPERS = {
    "python": [("", "")],
    "javascript": [("", ""), ("class pmv_W {\n", "\n}")],
    "go": [("package pmv\nfunc pmv_W() {\n", "\n}"), ("package pmv\n", "")],
    "java": [("class pmv_W { void pmv_M() {\n", "\n} }"), ("class pmv_W {\n", "\n}"), ("", "")],
    "c": [("void pmv_W(void) {\n", "\n}"), ("", "")],
    "cpp": [("void pmv_W() {\n", "\n}"), ("", "")],
    "ruby": [("", "")],
    "php": [("<?php\n", "\n")],
    "rust": [("fn pmv_W() {\n", "\n}"), ("", "")],
    "csharp": [("class pmv_W { void pmv_M() {\n", "\n} }"), ("class pmv_W {\n", "\n}"), ("", "")],
}
_WRAPPERS["typescript"] = _WRAPPERS["tsx"] = _WRAPPERS["javascript"]
_NEEDS_SEMI = {"java", "c", "cpp", "php", "rust", "csharp"}
# what makes a string literal interpolate code, per language
_INTERPOLATION = {"python": r"^[rRbBuU]{0,2}[fF]", "javascript": r"\$\{", "typescript": r"\$\{",
                  "tsx": r"\$\{", "ruby": r"#\{", "php": r'^".*\$', "csharp": r"^\$|^@\$"}
_STRING_RE = re.compile(r'"\.\.\."|\'\.\.\.\'')


class PatternError(Exception):
    """A pattern that cannot be compiled; the loader adds the file and line."""


@dataclass(frozen=True)
class CompiledPattern:
    query: str                  # one tree-sitter query pattern (a single top-level group)
    metavariables: tuple[str, ...]


def _prepare(pattern: str, language: str) -> str:
    text = pattern.strip("\n").rstrip()
    text = _STRING_RE.sub(lambda m: m.group(0)[0] + PH_STR + m.group(0)[0], text)
    if language in _NEEDS_SEMI:
        text = re.sub(r"(?m)^([ \t]*)\.\.\.[ \t]*$", r"\1" + PH_ELL + ";", text)
    text = text.replace("...", PH_ELL)

    def mv(m: re.Match) -> str:
        if language == "php" and m.group(2) in _PHP_GLOBALS:
            return m.group(0)
        name = (PH_SEQ if m.group(1) else PH_MV) + m.group(2)
        # PHP variables keep their sigil so that `$X = ...` still parses as an assignment
        return ("$" + name) if language == "php" else name
    text = MV_RE.sub(mv, text)
    # Python needs the pattern dedented to parse at module level
    lines = text.split("\n")
    indent = min((len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()), default=0)
    return "\n".join(ln[indent:] for ln in lines)


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


class _Emitter:
    def __init__(self, src: bytes, language: str) -> None:
        self.src = src
        self.language = language
        self.preds: list[str] = []
        self.ncap = 0
        self.mv_count: dict[str, int] = {}

    def text(self, node: ts.Node) -> str:
        return self.src[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def placeholder(self, node: ts.Node) -> tuple[str, str] | None:
        t = self.text(node).strip().rstrip(";").strip().lstrip("$")
        if t == PH_ELL:
            return ("gap", "")
        if t.startswith(PH_SEQ) and t[len(PH_SEQ):].isidentifier():
            return ("gap", t[len(PH_SEQ):])
        if t.startswith(PH_MV) and t[len(PH_MV):].isidentifier() and t != PH_STR:
            return ("mv", t[len(PH_MV):])
        if PH_STR in t and len(t) <= len(PH_STR) + 3:
            return ("str", "")
        return None

    def cap(self) -> str:
        self.ncap += 1
        return f"_c{self.ncap}"

    def metavar(self, name: str) -> str:
        if name == "_":
            return "(_)"
        n = self.mv_count.get(name, 0)
        self.mv_count[name] = n + 1
        if n == 0:
            return f"(_) @{name}"
        # the matcher checks that every copy binds the same code, ignoring whitespace
        return f"(_) @{name}__{n}"

    def any_string(self, node: ts.Node) -> str:
        """`"..."`: any constant string literal, but not one that interpolates code."""
        rx = _INTERPOLATION.get(self.language)
        if rx is None:
            return f"({node.type})"
        c = self.cap()
        self.preds.append(f'(#not-match? @{c} "{_esc(rx)}")')
        return f"({node.type}) @{c}"

    def plain_string(self, node: ts.Node) -> bool:
        """A quoted literal without interpolation, compared as a whole."""
        if "string" not in node.type:
            return False
        text = self.text(node)
        return len(text) >= 2 and text[0] in "\"'`" and text[-1] == text[0] and \
            all(not c.is_named or any(k in c.type for k in ("content", "escape", "start", "end", "fragment"))
                for c in node.children)

    def leaf(self, node: ts.Node) -> str:
        text = self.text(node)
        if text == node.type:
            return f"({node.type})"
        c = self.cap()
        if "string" in node.type and len(text) >= 2 and text[0] in "\"'`" and text[-1] == text[0]:
            # a quoted literal matches whatever quotes the code uses
            body = re.escape(text[1:-1])
            self.preds.append(f'(#match? @{c} "^[\\"\'`]{_esc(body)}[\\"\'`]$")')
        else:
            self.preds.append(f'(#eq? @{c} "{_esc(text)}")')
        return f"({node.type}) @{c}"

    def node(self, node: ts.Node) -> str:
        ph = self.placeholder(node)
        if ph is not None:
            kind, name = ph
            if kind == "mv":
                return self.metavar(name)
            if kind == "str":
                return self.any_string(node)
            raise PatternError("'...' can only stand among arguments, parameters, statements or fields")
        if node.type == "ERROR":
            raise PatternError(f"the pattern does not parse: {self.text(node)!r}")
        if node.named_child_count == 0 or self.plain_string(node):
            return self.leaf(node)
        return f"({node.type} {self.children(node)})"

    def children(self, node: ts.Node, within: tuple[int, int] | None = None, capture: str = "") -> str:
        items: list[str | None] = []        # None marks a gap
        for i, child in enumerate(node.children):
            if within and (child.end_byte <= within[0] or child.start_byte >= within[1]):
                continue
            field = node.field_name_for_child(i)
            if not child.is_named:
                if field and child.type.strip():
                    items.append(f'{field}: "{_esc(child.type)}"')
                continue
            if child.is_extra:              # comments in a pattern are not part of it
                continue
            ph = self.placeholder(child)
            if ph is not None and ph[0] == "gap":
                items.append(None)
                continue
            body = self.node(child) + (f" @{capture}" if capture else "")
            items.append((f"{field}: " if field else "") + body)
        out: list[str] = []
        prev_gap = True if within else False
        for k, item in enumerate(items):
            if item is None:
                prev_gap = True
                continue
            if not prev_gap:
                out.append(".")
            out.append(item)
            prev_gap = False
        if items and items[-1] is not None and not within:
            out.append(".")
        if not items:
            return ""
        return " ".join(out)


def _parse(text: str, language: str) -> tuple[ts.Tree, bytes, int, int]:
    base = "javascript" if language in ("typescript", "tsx") else language
    parser = languages.parser(language)
    last = None
    bodies = [text]
    if language in _NEEDS_SEMI and not text.rstrip().endswith((";", "}")):
        bodies.append(text + ";")
    for prefix, suffix in _WRAPPERS[base]:
        for body in bodies:
            src = (prefix + body + suffix).encode()
            tree = parser.parse(src)
            if not tree.root_node.has_error:
                start = len(prefix.encode())
                return tree, src, start, start + len(text.encode())
            last = tree
    bad = _first_error(last.root_node) if last else None
    where = f" near {bad!r}" if bad else ""
    raise PatternError(f"the pattern does not parse as {language}{where}")


def _first_error(node: ts.Node) -> str | None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return n.text.decode("utf-8", "replace")[:40] if n.text else n.type
        if n.has_error:
            stack.extend(reversed(n.children))
    return None


def compile_pattern(pattern: str, language: str) -> CompiledPattern:
    """One tree-sitter query pattern (a parenthesized group with its predicates)."""
    if not pattern.strip():
        raise PatternError("the pattern is empty")
    text = _prepare(pattern, language)
    tree, src, start, end = _parse(text, language)
    # the pattern's own extent, without a statement terminator
    while end > start and src[end - 1:end] in (b";", b" ", b"\n", b"\t"):
        end -= 1
    em = _Emitter(src, language)
    node = tree.root_node.named_descendant_for_byte_range(start, end)
    if node is None:
        raise PatternError("the pattern is empty")
    # a node wider than the pattern (the wrapper's body, or the module) holds
    # the pattern's statements: one statement is the pattern, several a sequence
    while node.start_byte < start or node.end_byte > end + 1 or node.parent is None:
        inside = [c for c in node.named_children
                  if c.start_byte >= start and c.end_byte <= end + 1 and not c.is_extra]
        if len(inside) != 1:
            break
        node = inside[0]
    if node.start_byte >= start and node.end_byte <= end + 1 and node.parent is not None:
        # unwrap statement wrappers that add nothing but a terminator
        while node.named_child_count == 1 and node.type.endswith("statement") \
                and em.text(node).rstrip(";").strip() == em.text(node.named_children[0]).strip():
            node = node.named_children[0]
        ph = em.placeholder(node)
        if ph is not None and ph[0] != "str":
            raise PatternError("a pattern of only a metavariable or '...' matches everything; "
                               "write the code around it")
        body = em.node(node) + f" @{MATCH}"
    else:
        inner = em.children(node, within=(start, end + 1), capture=SEQ)
        if not inner:
            raise PatternError("the pattern is empty")
        body = f"(_ {inner})"
    query = "(" + body + "".join(" " + p for p in em.preds) + ")"
    names = tuple(sorted(em.mv_count))
    return CompiledPattern(query=query, metavariables=names)
