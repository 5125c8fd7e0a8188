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
SEQ_PARENT = "_parent"  # the block holding a statement of a sequence pattern

# tried in order: the first wrapper in which the pattern parses cleanly wins
_WRAPPERS = {
    "python": [("", "")],
    "javascript": [("", ""), ("class pmv_W {\n", "\n}")],
    "go": [("package pmv\nfunc pmv_W() {\n", "\n}"), ("package pmv\n", "")],
    # the last wrappers make a bare expression (`request.Query`, `req.getParameter("x")[0]`) a value
    "java": [("class pmv_W { void pmv_M() {\n", "\n} }"), ("class pmv_W {\n", "\n}"), ("", ""),
             ("class pmv_W { void pmv_M() {\nObject pmv_v = ", "\n} }")],
    "c": [("void pmv_W(void) {\n", "\n}"), ("", "")],
    "cpp": [("void pmv_W() {\n", "\n}"), ("", "")],
    "ruby": [("", "")],
    "php": [("<?php\n", "\n")],
    "rust": [("fn pmv_W() {\n", "\n}"), ("", "")],
    "csharp": [("class pmv_W { void pmv_M() {\n", "\n} }"), ("class pmv_W {\n", "\n}"), ("", ""),
               ("class pmv_W { void pmv_M() {\nvar pmv_v = ", "\n} }")],
}
_WRAPPERS["typescript"] = _WRAPPERS["tsx"] = _WRAPPERS["javascript"]
# config files: a pattern is a fragment of the file itself
_WRAPPERS["yaml"] = _WRAPPERS["dockerfile"] = _WRAPPERS["hcl"] = [("", "")]
_NEEDS_SEMI = {"java", "c", "cpp", "php", "rust", "csharp"}
# what makes a string literal interpolate code, per language
_INTERPOLATION = {"python": r"^[rRbBuU]{0,2}[fF]", "javascript": r"\$\{", "typescript": r"\$\{",
                  "tsx": r"\$\{", "ruby": r"#\{", "php": r'^".*\$', "csharp": r"^\$|^@\$"}
# the node types of string literals: `"..."` matches any of them
_STRING_TYPES = {
    "python": ("string", "concatenated_string"), "javascript": ("string", "template_string"),
    "typescript": ("string", "template_string"), "tsx": ("string", "template_string"),
    "go": ("interpreted_string_literal", "raw_string_literal"), "java": ("string_literal",),
    "c": ("string_literal", "concatenated_string"), "cpp": ("string_literal", "raw_string_literal",
                                                             "concatenated_string"),
    "ruby": ("string",), "php": ("string", "encapsed_string"),
    "rust": ("string_literal", "raw_string_literal"),
    "csharp": ("string_literal", "verbatim_string_literal", "raw_string_literal"),
}
_STRING_RE = re.compile(r'"\.\.\."|\'\.\.\.\'')


class PatternError(Exception):
    """A pattern that cannot be compiled; the loader adds the file and line."""


@dataclass(frozen=True)
class CompiledPattern:
    """Query patterns for one rule pattern. A single node is one query; a
    sequence of statements is one query per statement (`queries`), joined by
    the matcher within one block, in order, adjacent unless `gaps` says a
    `...` stands before that statement. Matching a sequence as one tree-sitter
    pattern would make the query engine walk every pair of siblings."""
    queries: tuple[str, ...]
    metavariables: tuple[str, ...] = ()
    gaps: tuple[bool, ...] = ()         # per statement: is there a `...` before it
    to_block_end: bool = False          # `A ... $LAST`: the match runs to the end of the block

    @property
    def sequence(self) -> bool:
        return len(self.queries) > 1 or self.to_block_end


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
        if language == "ruby" and not m.group(1):
            name = "P" + name[1:]          # a constant parses wherever a class name may stand
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
        t = self.text(node).strip().rstrip(";").strip().lstrip("$*")
        if t[:4] == "Pmv_":               # Ruby spells placeholders as constants
            t = "pmv_" + t[4:]
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
        # a wrapper such as PHP's `argument` holds the literal itself
        while node.named_child_count == 1 and self.text(node.named_children[0]) == self.text(node):
            node = node.named_children[0]
        kinds = _STRING_TYPES.get(self.language, (node.type,))
        alt = f"({kinds[0]})" if len(kinds) == 1 else "[" + " ".join(f"({k})" for k in kinds) + "]"
        rx = _INTERPOLATION.get(self.language)
        if rx is None:
            return alt
        c = self.cap()
        self.preds.append(f'(#not-match? @{c} "{_esc(rx)}")')
        return f"{alt} @{c}"

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
        return f"({node.type} {self.children(node)}{self.absent_receiver(node)})"

    def absent_receiver(self, node: ts.Node) -> str:
        """`foo(x)` must not match `obj.foo(x)`: where a call keeps its receiver
        in a field, a pattern without one says so with a negated field."""
        if "call" not in node.type and "invocation" not in node.type:
            return ""
        present = {node.field_name_for_child(i) for i in range(node.child_count)}
        lang = languages.grammar(self.language)
        return "".join(f" !{f}" for f in ("receiver", "object")
                       if f not in present and lang.field_id_for_name(f) is not None)

    def children(self, node: ts.Node) -> str:
        # items: (query text, positional?) or None for a gap
        items: list[tuple[str, bool] | None] = []
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if not child.is_named:
                if field and child.type.strip():
                    items.append((f'{field}: "{_esc(child.type)}"', False))
                continue
            if child.is_extra:              # comments in a pattern are not part of it
                continue
            ph = self.placeholder(child)
            if ph is not None and ph[0] == "gap":
                items.append(None)
                continue
            items.append(((f"{field}: " if field else "") + self.node(child), not field))
        # Anchors pin positional children (arguments, list elements, statements)
        # to exact neighbours; children named by a field need none, which also
        # lets a comment sit between them in the scanned code.
        out: list[str] = []
        prev: tuple[str, bool] | None = ("", True)      # the start acts as positional
        for item in items:
            if item is not None:
                if prev is not None and prev[1] and item[1]:
                    out.append(".")
                out.append(item[0])
            prev = item
        if items and items[-1] is not None and items[-1][1]:
            out.append(".")
        return " ".join(out)


def _parse(text: str, language: str) -> tuple[ts.Tree, bytes, int, int]:
    base = "javascript" if language in ("typescript", "tsx") else language
    parser = languages.parser(language)
    last = None
    bodies = [text]
    if language in _NEEDS_SEMI and not text.rstrip().endswith(";"):
        bodies.append(text + ";")
    if language == "python" and PH_ELL in text:
        # `{..., "k": v}`: in a dict, `...` must be a `**splat` to parse
        bodies.append(text.replace(PH_ELL, "**" + PH_ELL))
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


def _filter_predicates(filters: tuple[tuple[str, str], ...]) -> list[str]:
    """`#match?` predicates for metavariable-regex checks; tree-sitter's
    Python bindings use re.search, so anchor to keep re.match semantics."""
    out = []
    for name, rx in filters:
        flags = re.match(r"^\(\?[aiLmsux]+\)", rx)
        lead = flags.group(0) if flags else ""
        out.append(f'(#match? @{name} "{_esc(lead + "^(?:" + rx[len(lead):] + ")")}")')
    return out


def compile_pattern(pattern: str, language: str, filters: tuple[tuple[str, str], ...] = ()) -> CompiledPattern:
    """Query patterns for a rule pattern (each a parenthesized group with its predicates)."""
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
        return _sequence(node, (start, end + 1), src, language, filters)
    preds = em.preds + _filter_predicates(tuple(f for f in filters if f[0] in em.mv_count))
    query = "(" + body + "".join(" " + p for p in preds) + ")"
    return CompiledPattern(queries=(query,), metavariables=tuple(sorted(em.mv_count)))


def _sequence(block: ts.Node, within: tuple[int, int], src: bytes, language: str,
              filters: tuple[tuple[str, str], ...]) -> CompiledPattern:
    probe = _Emitter(src, language)
    stmts = [c for c in block.named_children
             if c.start_byte < within[1] and c.end_byte > within[0] and not c.is_extra]
    queries, gaps, names = [], [], set()
    gap, to_end = False, False
    for i, stmt in enumerate(stmts):
        ph = probe.placeholder(stmt)
        if ph is not None and ph[0] == "gap":
            gap = True
            continue
        if ph is not None and ph[0] == "mv" and gap and i == len(stmts) - 1 and queries:
            to_end = True           # `A ... $LAST`: A and the rest of its block
            break
        em = _Emitter(src, language)
        body = em.node(stmt)
        preds = em.preds + _filter_predicates(tuple(f for f in filters if f[0] in em.mv_count))
        queries.append("((_ " + body + f" @{MATCH}) @{SEQ_PARENT}" + "".join(" " + p for p in preds) + ")")
        gaps.append(gap)
        names.update(em.mv_count)
        gap = False
    if not queries:
        raise PatternError("the pattern is empty")
    return CompiledPattern(tuple(queries), tuple(sorted(names)), tuple(gaps), to_end)
