"""prescan's own matcher for tree-sitter query patterns.

`ts.Query` analyses every pattern against the grammar's parse table when it
is built, at several milliseconds per pattern rooted at a common node type
(`call` in Ruby's grammar: about 7 ms), so a pack of a thousand patterns took
seconds to compile. This module reads the same query language and matches it
itself, in two steps:

1. every pattern gets an *anchor*: one of its mandatory steps, preferably a
   leaf whose text a predicate fixes (`(identifier) @f (#eq? @f "eval")`),
   else a typed step. All anchors of a language make one tree-sitter query
   of single-node patterns, which tree-sitter builds without analysis;
2. each node the anchor query finds is lifted to the pattern's root (the
   anchor's depth in the pattern, parent by parent) and the whole pattern is
   matched there, with tree-sitter's semantics: child steps match children in
   order, `field:` a child in that field, `.` an immediate named sibling (or
   the first/last named child), `!field` an absent field, `[...]`
   alternatives, `?`/`*`/`+`, and the text predicates (`#eq?`, `#match?`,
   `#any-of?` and their `not-` and `any-` forms).

Before a pattern is matched at a node, cheap tests drop most candidates: the
file must hold the strings its predicates require, patterns tested on the
same field path share one union regex per node, and a prefilter that binds
nothing checks types and texts a few levels down.

A match is (pattern index, {capture: [nodes]}), as ts.QueryCursor.matches
gives it. tests/rules/test_nodequery.py holds it to tree-sitter's results."""
from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as _field

import tree_sitter as ts

try:                                    # the regex parser of CPython's re module: 3.11 names it re._parser
    from re import _constants as re_c
    from re import _parser as re_parser
except ImportError:                     # pragma: no cover - Python < 3.11
    import sre_constants as re_c        # type: ignore[no-redef]
    import sre_parse as re_parser       # type: ignore[no-redef]

MAX_MATCHES_PER_ROOT = 10_000   # ways one pattern may bind at one node before the rest are dropped
MAX_STEPS_PER_ROOT = 1_000_000  # steps one pattern may try at one node (a pathological pattern stops there)


class QuerySyntaxError(ValueError):
    """A pattern this module cannot read, or that names what the grammar lacks."""


@dataclass(eq=False)
class Step:
    kind: str                               # "node" (named), "anon" (a literal or `_`), "alt", "group"
    type: str | None = None                 # None: a wildcard
    field: str | None = None
    quant: str = ""                         # "", "?", "*", "+"
    captures: tuple[str, ...] = ()
    children: list[Step] = _field(default_factory=list)   # child steps, or a group's/alt's members
    imm: bool = False                       # an anchor `.` before this step
    end_anchor: bool = False                # an anchor `.` after the last child
    negated: tuple[str, ...] = ()
    types: frozenset[str] | None = None     # the node types a typed named step accepts (supertypes expanded)
    by_type: dict | None = None             # an alternation's members by the node type they accept


@dataclass(eq=False)
class Pattern:
    root: Step
    predicates: list[tuple[str, tuple]]     # (name, args: ("@", capture) / ("s", text))
    start_byte: int
    early: dict = _field(default_factory=dict)   # capture -> tests of its text alone, checked as it binds
    late: list = _field(default_factory=list)    # the other predicates, checked on the whole match
    fast: object = None                          # node -> False when the pattern cannot match there


# ---------------------------------------------------------------- reading

_TOKEN = re.compile(r'''
    (?P<ws>\s+|;[^\n]*)
  | (?P<str>"[^"\\]*(?:\\.[^"\\]*)*")
  | (?P<cap>@[\w.\-]+)
  | (?P<pred>\#[\w\-]+[?!]?)
  | (?P<neg>![\w]+)
  | (?P<fld>[\w]+\s*:)
  | (?P<name>[\w.\-/]+)
  | (?P<punct>[()\[\].?*+_])
''', re.X)

_ESC = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


def unescape(lit: str) -> str:
    """The value of a query string literal, quotes included (tree-sitter's escapes)."""
    return re.sub(r"\\(.)", lambda m: _ESC.get(m.group(1), m.group(1)), lit[1:-1], flags=re.S)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    for m in _TOKEN.finditer(text):
        if m.start() != pos:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind != "ws":
            value = m.group(kind)
            if kind == "name" and value == "_":
                kind = "punct"
            out.append((kind, value, m.start()))
    if pos != len(text):
        raise QuerySyntaxError(f"unexpected {text[pos:pos + 10]!r} at byte {pos}")
    return out


class _Reader:
    def __init__(self, text: str) -> None:
        eof = ("eof", "", len(text))
        self.toks = _tokens(text) + [eof, eof]     # peek(1) at the end needs no bounds check
        self.i = 0
        self.text = text
        self.ascii = text.isascii()

    def peek(self, k: int = 0):
        return self.toks[self.i + k]

    def take(self):
        t = self.toks[self.i]
        if t[0] != "eof":
            self.i += 1
        return t

    def expect(self, value: str):
        t = self.take()
        if t[1] != value:
            raise QuerySyntaxError(f"expected {value!r} at byte {t[2]}, found {t[1]!r}")
        return t

    def patterns(self) -> list[Pattern]:
        out = []
        while self.peek()[0] != "eof":
            start = self.peek()[2]
            preds: list = []
            step = self.item(preds)
            out.append(Pattern(step, preds, start if self.ascii else len(self.text[:start].encode())))
        return out

    def item(self, preds: list) -> Step:
        kind, value, pos = self.peek()
        fld = None
        if kind == "fld":
            self.take()
            fld = value[:-1].strip()
            kind, value, pos = self.peek()
        if value == "(":
            step = self.paren(preds)
        elif value == "[":
            self.take()
            alts = []
            while self.peek()[1] != "]":
                if self.peek()[0] == "eof":
                    raise QuerySyntaxError(f"unclosed '[' at byte {pos}")
                alts.append(self.item(preds))
            self.take()
            step = Step("alt", children=alts)
        elif kind == "str":
            self.take()
            step = Step("anon", type=unescape(value))
        elif value == "_":
            self.take()
            step = Step("anon", type=None)
        else:
            raise QuerySyntaxError(f"unexpected {value!r} at byte {pos}")
        step.field = fld
        while True:
            kind, value, _ = self.peek()
            if value in ("?", "*", "+"):
                self.take()
                step.quant = value
            elif kind == "cap":
                self.take()
                step.captures += (value[1:],)
            else:
                return step

    def paren(self, preds: list) -> Step:
        _, _, pos = self.expect("(")
        kind, value, _ = self.peek()
        if kind == "pred":
            raise QuerySyntaxError(f"a predicate outside a pattern at byte {pos}")
        if kind == "name" or value == "_":
            self.take()
            step = Step("node", type=None if value == "_" else value)
        else:
            step = Step("group")
        negated: list[str] = []
        imm = False
        while True:
            kind, value, p = self.peek()
            if value == ")":
                self.take()
                break
            if kind == "eof":
                raise QuerySyntaxError(f"unclosed '(' at byte {pos}")
            if value == ".":
                self.take()
                imm = True
                continue
            if kind == "neg":
                self.take()
                negated.append(value[1:])
                continue
            if value == "(" and self.peek(1)[0] == "pred":
                self.take()
                preds.append(self.predicate())
                continue
            child = self.item(preds)
            if child.kind == "group" and step.kind == "node":
                # a group inside a node is a run of its children: splice it in
                if child.quant or child.captures or child.field:
                    raise QuerySyntaxError(f"a quantified or captured group at byte {p} is not supported")
                child.children[0].imm = child.children[0].imm or imm
                step.children.extend(child.children)
                if child.end_anchor:
                    raise QuerySyntaxError(f"an anchor at the end of a group at byte {p} is not supported")
            else:
                child.imm = imm
                step.children.append(child)
            imm = False
        if imm:
            step.end_anchor = True
        step.negated = tuple(negated)
        if step.kind == "group":
            if not step.children:
                raise QuerySyntaxError(f"an empty group at byte {pos}")
            if len(step.children) == 1 and not step.end_anchor and not step.children[0].imm:
                return step.children[0]
        return step

    def predicate(self) -> tuple[str, tuple]:
        _, name, pos = self.take()
        args = []
        while True:
            kind, value, _ = self.take()
            if value == ")":
                break
            if kind == "cap":
                args.append(("@", value[1:]))
            elif kind == "str":
                args.append(("s", unescape(value)))
            elif kind == "name":
                args.append(("s", value))
            else:
                raise QuerySyntaxError(f"unexpected {value!r} in {name} at byte {pos}")
        return name[1:], tuple(args)


def parse(text: str) -> list[Pattern]:
    """The patterns of a query text, in order."""
    return _Reader(text).patterns()


# ---------------------------------------------------------------- checking against a grammar

def _check(step: Step, grammar: ts.Language, subtypes: dict[str, frozenset[str]], known: dict,
           root: bool = True) -> None:
    """Names the grammar lacks are errors, and so are the groups this module
    does not match (a run of siblings anywhere but a whole pattern, or one
    with a quantifier or a capture); `known` remembers the names checked."""
    if step.kind == "group" and (not root or step.quant or step.captures or step.field):
        raise QuerySyntaxError("a group of sibling patterns is supported only as a whole pattern, "
                               "without a quantifier or a capture")
    for f in (step.field, *step.negated) if step.field is not None else step.negated:
        if ("f", f) not in known:
            if grammar.field_id_for_name(f) is None:
                raise QuerySyntaxError(f"invalid field name {f!r}")
            known[("f", f)] = True
    if step.type is not None and step.kind in ("node", "anon") and step.type not in ("ERROR", "MISSING"):
        key = (step.kind, step.type)
        if key not in known:
            if step.kind == "node":
                ok = grammar.id_for_node_kind(step.type, True) is not None
            else:
                ok = grammar.id_for_node_kind(step.type, False) is not None or \
                    grammar.id_for_node_kind(step.type, True) is not None
            if not ok:
                raise QuerySyntaxError(f"invalid node type {step.type!r}")
            known[key] = True
        if step.kind == "node":
            step.types = subtypes.get(step.type) or frozenset((step.type,))
    elif step.kind == "node" and step.type is not None:
        step.types = frozenset((step.type,))
    for c in step.children:
        _check(c, grammar, subtypes, known, root=False)


def _subtypes(grammar: ts.Language) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    supers = {grammar.node_kind_for_id(i): i for i in grammar.supertypes}

    def expand(sid: int, seen: set) -> set[str]:
        names = set()
        for sub in grammar.subtypes(sid):
            name = grammar.node_kind_for_id(sub)
            if name in supers and name not in seen:
                seen.add(name)
                names |= expand(supers[name], seen)
            names.add(name)
        return names
    for name, sid in supers.items():
        out[name] = frozenset(expand(sid, {name}) | {name})
    return out


# ---------------------------------------------------------------- anchors

@dataclass(frozen=True)
class _Anchor:
    type: str | None            # node type the anchor query looks for; None: any named node
    named: bool
    literals: frozenset[str] | None
    depth: int                  # parents from the anchored node up to the pattern's root


def _text_tests(preds: list[tuple[str, tuple]]):
    """(capture, texts, regex) of each #eq?, #any-of? (texts) and #match?
    (regex) that tests one capture against literals: what anchors, file
    prefilters and gates are made of."""
    for name, args in preds:
        if len(args) < 2 or args[0][0] != "@" or any(k != "s" for k, _ in args[1:]):
            continue
        if name == "any-of?" or (name == "eq?" and len(args) == 2):
            yield args[0][1], frozenset(v for _, v in args[1:]), None
        elif name == "match?" and len(args) == 2:
            yield args[0][1], None, args[1][1]


def _literal_sets(preds: list[tuple[str, tuple]]) -> dict[str, frozenset[str]]:
    """Capture -> the exact texts an #eq?/#any-of? predicate, or a #match?
    whose regex matches a small finite set of texts, allows it."""
    out: dict[str, frozenset[str]] = {}
    for cap, texts, regex in _text_tests(preds):
        lits = texts if texts is not None else finite_texts(regex)
        if lits is not None:
            out[cap] = out[cap] & lits if cap in out else lits
    return out


MAX_FINITE = 256
# repetition, a class escape, any character, a lookaround or inline flags: never a small finite set
# (this only spares parsing; finite_texts' own walk decides the rest)
_NOT_FINITE = re.compile(r"(?<!\\)[*+{]|\\[wWsSdDbBpP]|(?<![\\\[])\.(?![^\[]*\])|\(\?[!=<aiLmsux]")


def finite_texts(regex: str) -> frozenset[str] | None:
    """Every text `re.search(regex, text)` accepts, when that is a small
    finite set: each top-level alternative anchored by ^ and $ around
    literals, classes of a few characters, groups, alternations and `?`.
    None when the regex is anything else (or the set would be large)."""
    if _NOT_FINITE.search(regex):
        return None
    try:
        got, end = _alternatives(regex, 0)
    except _NotFinite:
        return None
    if end != len(regex):
        return None
    out = set()
    for text in got:
        # each text must be ^...$, anchors nowhere else (^^ and $$ are one anchor)
        body = text.lstrip(_BEGIN).rstrip(_END)
        if not text.startswith(_BEGIN) or not text.endswith(_END) or _BEGIN in body or _END in body:
            return None
        out.add(body)
    return frozenset(out)


_BEGIN, _END = "\ue000", "\ue001"      # ^ and $ while expanding (private-use characters)


class _NotFinite(Exception):
    pass


def _alternatives(rx: str, i: int) -> tuple[set[str], int]:
    """The texts of `a|b|...` from rx[i] up to an unmatched ')' or the end,
    with ^ and $ kept as markers; raises _NotFinite past what it reads."""
    out: set[str] = set()
    while True:
        seq, i = _sequence(rx, i)
        out |= seq
        if len(out) > MAX_FINITE:
            raise _NotFinite
        if i < len(rx) and rx[i] == "|":
            i += 1
            continue
        return out, i


_PLAIN_RUN = re.compile(r"[^\\()\[\]|^$.*+?{}]+")


def _sequence(rx: str, i: int) -> tuple[set[str], int]:
    out = {""}
    while i < len(rx) and rx[i] not in "|)":
        c = rx[i]
        run = _PLAIN_RUN.match(rx, i)
        if run is not None and run.end() - i > 1:
            # a run of plain characters: all but the last join every text at once
            # (the last may carry a quantifier)
            chunk = rx[i:run.end() - 1]
            out = {a + chunk for a in out}
            i = run.end() - 1
            c = rx[i]
        if c == "(":
            if rx.startswith("(?:", i):
                i += 3
            elif rx.startswith("(?", i):
                raise _NotFinite                # named groups, flags, lookarounds
            else:
                i += 1
            opts, i = _alternatives(rx, i)
            if i >= len(rx) or rx[i] != ")":
                raise _NotFinite
            i += 1
        elif c == "[":
            opts, i = _class(rx, i + 1)
        elif c == "\\":
            if i + 1 >= len(rx) or rx[i + 1].isalnum():
                raise _NotFinite                # \w, \d, \b, \1...: not one character
            opts, i = {rx[i + 1]}, i + 2
        elif c == "^":
            opts, i = {_BEGIN}, i + 1
        elif c == "$":
            opts, i = {_END}, i + 1
        elif c in ".*+{}?":
            raise _NotFinite
        else:
            opts, i = {c}, i + 1
        if i < len(rx) and rx[i] == "?":        # optional, greedy only
            if rx[i + 1:i + 2] in ("?", "+"):
                raise _NotFinite
            opts = opts | {""}
            i += 1
        if i < len(rx) and rx[i] in "*+{":
            raise _NotFinite
        out = {a + b for a in out for b in opts}
        if len(out) > MAX_FINITE:
            raise _NotFinite
    return out, i


def _class(rx: str, i: int) -> tuple[set[str], int]:
    """A character class of plain characters and short ranges."""
    if i < len(rx) and rx[i] == "^":
        raise _NotFinite
    chars: set[str] = set()
    first = True
    while i < len(rx) and (rx[i] != "]" or first):
        c = rx[i]
        first = False
        if c == "\\":
            if i + 1 >= len(rx) or rx[i + 1].isalnum():
                raise _NotFinite
            c, i = rx[i + 1], i + 2
        elif c == "[":
            raise _NotFinite                    # [[:alpha:]] and set operations
        else:
            i += 1
        if i + 1 < len(rx) and rx[i] == "-" and rx[i + 1] != "]":
            hi = rx[i + 1]
            if hi == "\\" or ord(hi) < ord(c) or ord(hi) - ord(c) > 16:
                raise _NotFinite
            chars.update(chr(x) for x in range(ord(c), ord(hi) + 1))
            i += 2
        else:
            chars.add(c)
    if i >= len(rx):
        raise _NotFinite
    return chars, i + 1


def _anchors(pattern: Pattern) -> list[_Anchor]:
    """Anchors one of which every match of the pattern holds: one step (or,
    under an alternation, one per alternative) that is never optional."""
    lits = _literal_sets(pattern.predicates)

    def own(step: Step, depth: int):
        if step.kind == "node" and step.type in ("ERROR", "MISSING"):
            return None
        fixed = None
        for c in step.captures if step.kind == "node" or step.type is not None else ():
            if c in lits:
                fixed = lits[c] if fixed is None else fixed & lits[c]
        typed = step.type is not None
        # a typed step with fixed texts finds the fewest nodes; then a typed
        # step (the shallowest: its parents need no climbing); a wildcard
        # with fixed texts costs a text test at every node
        if fixed is not None:
            score = (4 if typed else 1, -len(fixed), depth)
        elif typed:
            score = (2, 0, -depth)
        else:
            score = (0, 0, -depth)
        return score, [_Anchor(step.type, step.kind == "node", fixed, depth)]

    def best(step: Step, depth: int):
        if step.kind == "group":            # a run of siblings: its first step is the match's node
            return best(step.children[0], depth)
        if step.kind == "alt":
            got = [best(a, depth) for a in step.children]
            if not got or any(g is None for g in got):
                return None
            return min(g[0] for g in got), [a for g in got for a in g[1]]
        found = own(step, depth)
        if step.kind == "node":
            for c in step.children:
                if c.quant in ("", "+"):
                    sub = best(c, depth + 1)
                    if sub is not None and (found is None or sub[0] > found[0]):
                        found = sub
        return found

    got = best(pattern.root, 0)
    if got is None:
        return [_Anchor(None, True, None, 0)]
    return got[1]


def _needs(pattern: Pattern) -> list[tuple[bytes, ...]]:
    """Sets of strings the source must hold one of (each set), for the
    pattern to match: from the predicates on captures every match binds."""
    bound: set[str] = set()

    def walk(step: Step) -> None:
        bound.update(step.captures)
        if step.kind != "alt":
            for c in step.children:
                if c.quant in ("", "+"):
                    walk(c)
    walk(pattern.root)
    out = []
    for cap, texts, regex in _text_tests(pattern.predicates):
        if cap not in bound:
            continue
        got = texts if texts is not None else required_substrings(regex)
        if got and all(len(x.encode()) >= MIN_NEEDED for x in got):
            out.append(tuple(sorted(x.encode() for x in got)))
    return out


_REPEATS = {re_c.MAX_REPEAT, re_c.MIN_REPEAT, getattr(re_c, "POSSESSIVE_REPEAT", re_c.MAX_REPEAT)}
MIN_NEEDED = 3          # shorter strings are in nearly every file: not worth a search


def required_substrings(regex: str) -> set[str] | None:
    """Strings one of which every text `re.search(regex, text)` accepts
    holds (case-sensitive regexes only), or None when none is known."""
    try:
        parsed = re_parser.parse(regex)
    except Exception:  # noqa: BLE001 - matching reports a bad regex
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required(list(parsed))


def _required(items: list) -> set[str] | None:
    found: list[set[str]] = []
    run = ""
    for op, av in items:
        if op == re_c.LITERAL:
            run += chr(av)
            continue
        if run:
            found.append({run})
            run = ""
        got = None
        if op == re_c.SUBPATTERN and not av[1] and not av[2]:
            got = _required(list(av[3]))
        elif op == re_c.BRANCH:
            alts = [_required(list(alt)) for alt in av[1]]
            if all(alts):
                got = set().union(*alts)
        elif op in _REPEATS and av[0] >= 1:
            got = _required(list(av[2]))
        if got:
            found.append(got)
    if run:
        found.append({run})
    if not found:
        return None
    # the most selective: the longest shortest string, then the fewest strings
    return max(found, key=lambda s: (min(len(x) for x in s), -len(s)))


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# ---------------------------------------------------------------- matching

class _Kids:
    """A node's children with their fields, read once per node and match."""
    __slots__ = ("nodes", "fields", "named", "by_field")

    def __init__(self, node: ts.Node) -> None:
        self.nodes = node.children
        self.fields = [node.field_name_for_child(i) for i in range(len(self.nodes))]
        self.named = [c.is_named for c in self.nodes]
        self.by_field: dict[str, list[int]] = {}
        for i, f in enumerate(self.fields):
            if f is not None:
                self.by_field.setdefault(f, []).append(i)


class NodeQuery:
    """A query text matched by prescan (see the module's doc)."""

    def __init__(self, grammar: ts.Language, source: str, anchored: bool = True) -> None:
        """`anchored=False` defers the anchor query to the first matches()
        call (a query only ever matched at given nodes never needs it)."""
        self.grammar = grammar
        self._regex: dict[str, re.Pattern] = {}
        self.patterns = parse(source)
        subtypes = _subtypes(grammar)
        known: dict = {}
        for p in self.patterns:
            _check(p.root, grammar, subtypes, known)
            captures = _captures(p.root)
            for name, args in p.predicates:
                _check_predicate(name, args, captures)
                if name not in _ANY_NODE and all(k == "s" for k, _ in args[1:]):
                    p.early.setdefault(args[0][1], []).append(self._text_test(name, args))
                else:
                    p.late.append((name, args))
        self.pattern_count = len(self.patterns)
        self._by_root: dict[str | None, list[int]] = {}
        for i, p in enumerate(self.patterns):
            roots = _root_types(p.root)
            for t in roots:
                self._by_root.setdefault(t, []).append(i)
        self._needs: dict[int, list[tuple[bytes, ...]]] = {}
        self._groups: dict[int, list] = {}
        self._plain: dict[int, list[int]] = {}      # anchor -> patterns that are the anchor node alone
        self._trivial: dict[int, tuple[str, ...]] = {
            i: p.root.captures for i, p in enumerate(self.patterns)
            if p.root.kind in ("node", "anon") and not p.root.children and not p.late and not p.early
            and not p.root.negated and p.root.type not in ("ERROR", "MISSING")}
        self._anchor_query: ts.Query | None = None
        self._anchor_plan: list = []
        self._anchored = False
        if anchored:
            self._build_anchors()

    def start_byte_for_pattern(self, index: int) -> int:
        return self.patterns[index].start_byte

    # -- anchors

    def _build_anchors(self) -> None:
        """One single-node pattern per anchored node type (texts are checked
        here, against a dict: faster than tree-sitter's #any-of? predicate);
        a wildcard anchored on texts keeps the predicate, or it would stop at
        every node."""
        groups: dict[tuple, tuple[dict, list]] = {}
        for i, p in enumerate(self.patterns):
            for a in _anchors(p):
                wild_lits = a.type is None and a.literals is not None
                lits, every = groups.setdefault((a.type, a.named, wild_lits), ({}, []))
                if a.literals is None:
                    if (i, a.depth) not in every:
                        every.append((i, a.depth))
                else:
                    for lit in a.literals:
                        lits.setdefault(lit.encode(), []).append((i, a.depth))
        parts, plan = [], []
        for (typ, named, wild_lits), (lits, every) in groups.items():
            if typ is None:
                node = "(_)" if named else "_"
            else:
                node = f"({typ})" if named else _q(typ)
            cap = f"a{len(plan)}"
            if wild_lits:
                texts = " ".join(_q(x.decode()) for x in sorted(lits))
                parts.append(f"({node} @{cap} (#any-of? @{cap} {texts}))")
            else:
                parts.append(f"{node} @{cap}")
            plan.append((lits or None, every))
        if parts:
            self._anchor_query = ts.Query(self.grammar, "\n".join(parts))
            self._anchor_plan = plan
        self._anchored = True

    # -- matching

    def matches(self, root: ts.Node, limit: int = 1 << 16):
        """Every match whose root lies in `root`'s subtree, in source order."""
        if not self._anchored:
            self._build_anchors()
        if self._anchor_query is None:
            return []
        lo, hi = root.start_byte, root.end_byte
        seen: set[tuple[int, int]] = set()
        todo: list[tuple[int, int, ts.Node]] = []
        text = root.text or b""
        allowed: dict[int, bool] = {}       # pattern -> the text holds what it needs
        memo: dict = {}
        present: dict[bytes, bool] = {}
        cursor = ts.QueryCursor(self._anchor_query, match_limit=limit)
        # captures, not matches: one list per anchor pattern instead of a dict per node
        for cap, nodes in cursor.captures(root).items():
            index = int(cap[1:])
            lits, _ = self._anchor_plan[index]
            base = self._groups[index] if index in self._groups else self._group(index)
            plain = self._plain[index]
            for node in nodes:
                for pi in plain:
                    todo.append((node.start_byte, pi, node))
                groups = base
                if lits is not None:
                    hit = lits.get(node.text)
                    if hit is not None:
                        groups = [(None, None, hit), *base]
                for gate_field, gate, targets in groups:
                    if gate is not None and not any(gate(_text(k, memo)) is not None
                                                    for k in _along(node, gate_field)):
                        continue
                    self._visit(node, targets, lo, hi, text, allowed, present, seen, memo, todo)
        todo.sort(key=lambda t: (t[0], -t[2].end_byte, t[1]))
        out: list = []
        kids: dict[int, _Kids] = {}
        trivial = self._trivial
        for _, pi, top in todo:
            names = trivial.get(pi)
            if names is not None:
                out.append((pi, {c: [top] for c in names}))
                continue
            for caps in self._match(pi, top, kids):
                out.append((pi, caps))
        return out

    def _group(self, index: int) -> list:
        """The patterns an anchor node stands for, split by gate: those tested
        on one field's text are gated by one regex (the union of theirs), so
        a node none of them can match costs one search, not one per pattern."""
        _, every = self._anchor_plan[index]
        by_field: dict[str, list] = {}
        rest = []
        plain = []
        for pi, depth in every:
            if depth == 0 and pi in self._trivial:
                plain.append(pi)            # `(identifier) @x`: every anchor node is a match
                continue
            gate = _gate(self.patterns[pi]) if depth == 0 else None
            if gate is None:
                rest.append((pi, depth))
            else:
                by_field.setdefault(gate[0], []).append(((pi, depth), gate[1]))
        out = [(None, None, rest)] if rest else []
        for fld, members in by_field.items():
            targets = [t for t, _ in members]
            try:
                union = re.compile("|".join(f"(?:{_scoped(rx)})" for _, rx in members))
            except re.error:
                out.append((None, None, targets))
                continue
            out.append((fld, union.search, targets))
        self._groups[index] = out
        self._plain[index] = plain
        return out

    def _visit(self, node, targets, lo, hi, text, allowed, present, seen, memo, todo) -> None:
        for pi, depth in targets:
            ok = allowed.get(pi)
            if ok is None:
                ok = allowed[pi] = self._text_may_match(pi, text, present)
            if not ok:
                continue
            top = node
            for _ in range(depth):
                top = top.parent
                if top is None:
                    break
            if top is None or top.start_byte < lo or top.end_byte > hi:
                continue
            key = (pi, top.id)
            if key in seen:
                continue
            seen.add(key)
            fast = self._fast(pi)
            if fast is _always or fast(top, memo):
                todo.append((top.start_byte, pi, top))

    def _text_may_match(self, index: int, text: bytes, present: dict[bytes, bool]) -> bool:
        """False when the text lacks every string of one of the sets the
        pattern's predicates require (a prefilter: True decides nothing)."""
        needs = self._needs.get(index)
        if needs is None:
            needs = self._needs[index] = _needs(self.patterns[index])
        for options in needs:
            for lit in options:
                hit = present.get(lit)
                if hit is None:
                    hit = present[lit] = lit in text
                if hit:
                    break
            else:
                return False
        return True

    def _fast(self, index: int):
        p = self.patterns[index]
        if p.fast is None:
            p.fast = _prefilter(p.root, p.early) if p.root.kind != "group" else _always
        return p.fast

    def matches_at(self, node: ts.Node):
        """The matches rooted at `node` itself."""
        out = []
        kids: dict[int, _Kids] = {}
        memo: dict = {}
        for pi in sorted({*self._by_root.get(node.type, ()), *self._by_root.get(None, ())}):
            fast = self._fast(pi)
            if fast is not _always and not fast(node, memo):
                continue
            for caps in self._match(pi, node, kids):
                out.append((pi, caps))
        return out

    def _match(self, index: int, node: ts.Node, kids: dict | None = None):
        p = self.patterns[index]
        if p.root.kind in ("node", "anon") and not p.root.children and not p.late:
            # one node, nothing below it: no search (what ts.Query's (identifier) @x is)
            root = p.root
            if _accepts(root, node) and all(node.child_by_field_name(f) is None for f in root.negated) \
                    and (not root.captures or _early_ok(root, node, _Ctx(self, p.early, kids))):
                yield {c: [node] for c in root.captures}
            return
        ctx = _Ctx(self, p.early, kids)
        got = 0
        seen = set()
        steps = _run(p.root, node, ctx) if p.root.kind == "group" else _step(p.root, node, None, ctx)
        while True:
            try:
                binds = next(steps)
            except (StopIteration, _Budget):
                return
            caps: dict[str, list[ts.Node]] = {}
            b = binds
            while b is not None:
                name, n, b = b
                caps.setdefault(name, []).append(n)
            for v in caps.values():
                v.reverse()
            key = tuple((name, tuple(n.id for n in v)) for name, v in caps.items())
            if key in seen:
                continue
            seen.add(key)
            if self._holds(p.late, caps):
                yield caps
                got += 1
                if got >= MAX_MATCHES_PER_ROOT:
                    return

    def _holds(self, preds, caps) -> bool:
        for name, args in preds:
            if not _PREDICATES[name](self, args, caps):
                return False
        return True

    def _text_test(self, name: str, args: tuple):
        """A test of one captured node's text, for a predicate on one capture and literals."""
        values = [v for _, v in args[1:]]
        if name in ("eq?", "not-eq?"):
            want, same = values[0], name == "eq?"
            return lambda t: (t == want) == same
        if name in ("any-of?", "not-any-of?"):
            allowed, inside = frozenset(values), name == "any-of?"
            return lambda t: (t in allowed) == inside
        rx, found = values[0], name == "match?"
        return lambda t: (self.regex(rx).search(t) is not None) == found

    def check_regexes(self) -> None:
        """Compile every #match? regex now (matching compiles them on first use)."""
        for p in self.patterns:
            for name, args in p.predicates:
                if name in ("match?", "not-match?"):
                    self.regex(args[1][1])

    def regex(self, text: str) -> re.Pattern:
        rx = self._regex.get(text)
        if rx is None:
            rx = self._regex[text] = re.compile(text)
        return rx


def _root_types(step: Step) -> set[str | None]:
    if step.kind == "alt":
        return {t for c in step.children for t in _root_types(c)}
    if step.kind == "group":
        return _root_types(step.children[0])
    if step.type is None or step.kind == "anon":
        return {step.type} if step.kind == "anon" and step.type is not None else {None}
    if step.type == "MISSING":              # a missing node has the type of what is missing
        return {None}
    return set(step.types or (step.type,))


def _accepts(step: Step, node: ts.Node) -> bool:
    if step.kind == "node":
        if not node.is_named and step.type != "MISSING":
            return False
        if step.type is None:
            return not node.is_error        # as tree-sitter: (_) skips ERROR nodes; (ERROR) finds them
        if step.type == "ERROR":
            return node.is_error
        if step.type == "MISSING":
            return node.is_missing
        return node.type in step.types
    return step.type is None or (not node.is_named and node.type == step.type)


class _Budget(Exception):
    """Raised when one pattern has tried too many ways at one node."""


class _Ctx:
    __slots__ = ("kids", "left", "early", "q")

    def __init__(self, q: NodeQuery, early: dict, kids: dict | None = None) -> None:
        self.kids: dict[int, _Kids] = {} if kids is None else kids
        self.left = MAX_STEPS_PER_ROOT
        self.early = early          # capture -> predicates on it alone, checked as it binds
        self.q = q


def _step(step: Step, node: ts.Node, b, ctx: _Ctx):
    """Bindings (a linked list of (capture, node, rest)) of `step` matched at `node`."""
    ctx.left -= 1
    if ctx.left < 0:
        raise _Budget
    if step.kind == "alt":
        if step.captures and not _early_ok(step, node, ctx):
            return
        table = step.by_type if step.by_type is not None else _by_type(step)
        for alt in table.get(node.type) or table.get(None, ()):
            for got in _step(alt, node, b, ctx):
                for c in step.captures:
                    got = (c, node, got)
                yield got
        return
    if not _accepts(step, node):
        return
    for f in step.negated:
        if node.child_by_field_name(f) is not None:
            return
    if step.captures:
        if not _early_ok(step, node, ctx):
            return
        for c in step.captures:
            b = (c, node, b)
    if not step.children:
        yield b
        return
    k = ctx.kids.get(node.id)
    if k is None:
        k = ctx.kids[node.id] = _Kids(node)
    yield from _seq(step.children, 0, k, 0, b, step.end_anchor, ctx)


def _by_type(alt: Step) -> dict:
    """An alternation's members that can match a node of each type (in
    order); under None, those a node of any other type may match."""
    typed: dict[str, set[int]] = {}
    anywhere: list[int] = []
    for i, member in enumerate(alt.children):
        roots = _root_types(member)
        if None in roots:
            anywhere.append(i)
        else:
            for t in roots:
                typed.setdefault(t, set()).add(i)
    table: dict = {t: tuple(alt.children[i] for i in sorted(ids | set(anywhere))) for t, ids in typed.items()}
    table[None] = tuple(alt.children[i] for i in anywhere)
    alt.by_type = table
    return table


def _early_ok(step: Step, node: ts.Node, ctx: _Ctx) -> bool:
    """The predicates on one capture alone, checked as the step binds it."""
    text = None
    for c in step.captures:
        checks = ctx.early.get(c)
        if checks is not None:
            if text is None:
                text = node.text.decode("utf-8", "replace")
            for test in checks:
                if not test(text):
                    return False
    return True


def _run(group: Step, node: ts.Node, ctx: _Ctx):
    """A top-level group: its first step at `node`, the rest at the siblings after it."""
    parent = node.parent
    if parent is None:
        return
    k = ctx.kids.get(parent.id)
    if k is None:
        k = ctx.kids[parent.id] = _Kids(parent)
    at = next((j for j, c in enumerate(k.nodes) if c.id == node.id), None)
    if at is None:
        return
    first = group.children[0]
    for b in _step(first, node, None, ctx):
        if first.quant in ("*", "+"):
            yield from _repeat(group.children, 0, k, at + 1, b, group.end_anchor, ctx)
        else:
            yield from _seq(group.children, 1, k, at + 1, b, group.end_anchor, ctx)


def _prefilter(step: Step, early: dict, depth: int = 0):
    """A quick test, (node, memo) -> bool, that rejects most nodes where
    `step` cannot match, binding nothing: the step's type, the tests on its
    captures, and the same for the children it must have (a few levels
    deep). What it passes, matching decides. `memo` keeps node texts and
    children for the other patterns tested at the same nodes."""
    tests = tuple(t for c in step.captures for t in early.get(c, ()))
    if step.kind == "alt":
        alts = tuple(_prefilter(a, early, depth) for a in step.children)

        def test_alt(node, memo) -> bool:
            if tests:
                text = _text(node, memo)
                for t in tests:
                    if not t(text):
                        return False
            for a in alts:
                if a(node, memo):
                    return True
            return False
        return test_alt
    subs = []
    if step.kind == "node" and depth < 3:
        for c in step.children:
            if c.quant in ("", "+") and c.kind != "group":
                sub = _prefilter(c, early, depth + 1)
                if sub is not _always:
                    subs.append((c.field, sub))
    subs = tuple(subs)
    if step.kind == "node":
        types = step.types if step.type not in ("ERROR", "MISSING") else None
        named = True
    else:
        types = frozenset((step.type,)) if step.type is not None else None
        named = False
    check_type = types is not None or named
    if not tests and not subs and not check_type:
        return _always

    def test(node, memo) -> bool:
        if check_type:
            if types is not None:
                if node.type not in types or node.is_named != named:
                    return False
            elif not node.is_named or node.is_error:
                return False
        if tests:
            text = _text(node, memo)
            for t in tests:
                if not t(text):
                    return False
        for fld, sub in subs:
            key = (node.id, fld)
            kids = memo.get(key)
            if kids is None:
                kids = memo[key] = node.children_by_field_name(fld) if fld is not None else node.children
            for k in kids:
                if sub(k, memo):
                    break
            else:
                return False
        return True
    return test


def _gate(p: Pattern) -> tuple[tuple, str] | None:
    """(path, regex): a node every match has, reached from the root by
    fields (`function:` then `attribute:`...) or fixed positions (`. (_)`:
    the first named child), and a regex its text must match, from a
    predicate on that node's capture."""
    tests: dict[str, str] = {}
    for cap, texts, regex in _text_tests(p.predicates):
        tests.setdefault(cap, regex if regex is not None
                         else "^(?:" + "|".join(re.escape(v) for v in sorted(texts)) + r")\Z")
    if not tests or p.root.kind != "node":
        return None

    def find(step: Step, path: tuple):
        leading = True                      # every child so far is `. (named)`: positions are fixed
        for i, c in enumerate(step.children):
            leading = leading and c.imm and c.quant == "" and c.kind in ("node", "alt") and _named_step(c)
            if c.field and c.quant in ("", "+") and c.kind in ("node", "anon"):
                hop = c.field
            elif leading and c.kind == "node":
                hop = i                     # the i-th named child: `(argument_list . (_) @first)`
            else:
                continue
            for cap in c.captures:
                if cap in tests:
                    return path + (hop,), tests[cap]
            if c.kind == "node" and len(path) < 3:
                got = find(c, path + (hop,))
                if got is not None:
                    return got
        return None
    return find(p.root, ())


def _along(node: ts.Node, path: tuple) -> list[ts.Node]:
    """The nodes a gate's path reaches: by field, or (an int) the n-th named child."""
    nodes = [node]
    for hop in path:
        if isinstance(hop, int):
            nodes = [n.named_child(hop) for n in nodes if n.named_child_count > hop]
        else:
            nodes = [k for n in nodes for k in n.children_by_field_name(hop)]
    return nodes


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(regex: str) -> str:
    """A regex that can stand inside an alternation: leading global flags scoped."""
    m = _GLOBAL_FLAGS.match(regex)
    if m is None:
        return regex
    return f"(?{m.group(1)}:{regex[m.end():]})"


def _text(node: ts.Node, memo: dict) -> str:
    text = memo.get(node.id)
    if text is None:
        text = memo[node.id] = node.text.decode("utf-8", "replace")
    return text


def _always(node: ts.Node, memo: dict | None = None) -> bool:
    return True


def _named_step(step: Step) -> bool:
    if step.kind == "alt":
        return all(_named_step(c) for c in step.children)
    return step.kind == "node"


def _seq(items: list[Step], i: int, k: _Kids, pos: int, b, end_anchor: bool, ctx: _Ctx):
    if i == len(items):
        if end_anchor and any(k.named[j] for j in range(pos, len(k.nodes))):
            return
        yield b
        return
    item = items[i]
    some = False
    last = i + 1 == len(items) and not end_anchor and item.quant in ("", "?")
    nodes = k.nodes
    for j in _candidates(item, k, pos):
        child = nodes[j]
        if not _could(item, child):
            continue
        for got in _step(item, child, b, ctx):
            if item.quant in ("*", "+"):
                for m in _repeat(items, i, k, j + 1, got, end_anchor, ctx):
                    some = True
                    yield m
            elif last:                      # nothing after it: the binding is a match
                some = True
                yield got
            else:
                for m in _seq(items, i + 1, k, j + 1, got, end_anchor, ctx):
                    some = True
                    yield m
    # an optional step is left out only where it cannot take part (as tree-sitter reports it)
    if item.quant in ("?", "*") and not some:
        yield from _seq(items, i + 1, k, pos, b, end_anchor, ctx)


def _could(item: Step, node: ts.Node) -> bool:
    """A cheap look at the node's type before a generator is made for the step."""
    kind = item.kind
    if kind == "node":
        if item.types is not None:
            return node.type in item.types and node.is_named
        return item.type is not None or (node.is_named and not node.is_error)
    if kind == "anon":
        return item.type is None or (node.type == item.type and not node.is_named)
    if kind == "alt":
        table = item.by_type if item.by_type is not None else _by_type(item)
        return bool(table.get(node.type) or table.get(None))
    return True


def _repeat(items, i, k, pos, b, end_anchor, ctx):
    """After one repetition of items[i]: one more at the very next sibling,
    or, where the run ends, the next step (tree-sitter's repetitions are
    runs of adjacent siblings, and it reports the longest)."""
    item = items[i]
    more = False
    if pos < len(k.nodes) and (item.field is None or k.fields[pos] == item.field):
        for got in _step(item, k.nodes[pos], b, ctx):
            for m in _repeat(items, i, k, pos + 1, got, end_anchor, ctx):
                more = True
                yield m
    if not more:
        yield from _seq(items, i + 1, k, pos, b, end_anchor, ctx)


def _next_named(k: _Kids, pos: int, named: bool) -> int | None:
    for j in range(pos, len(k.nodes)):
        if k.named[j] or not named:
            return j
    return None


def _candidates(item: Step, k: _Kids, pos: int):
    if item.imm:
        j = _next_named(k, pos, _named_step(item))
        if j is not None and (item.field is None or k.fields[j] == item.field):
            yield j
        return
    fld = item.field
    if fld is None:
        yield from range(pos, len(k.nodes))
    else:
        for j in k.by_field.get(fld, ()):
            if j >= pos:
                yield j


# ---------------------------------------------------------------- predicates

def _texts(caps, name) -> list[str]:
    return [n.text.decode("utf-8", "replace") for n in caps.get(name, ())]


def _eq(q, args, caps, negate=False) -> bool:
    left = _texts(caps, args[0][1])
    if args[1][0] == "@":
        right = _texts(caps, args[1][1])
        if not left or not right:
            return True
        return (left[0] == right[0]) != negate
    return all((t == args[1][1]) != negate for t in left)


def _match(q, args, caps, negate=False) -> bool:
    rx = q.regex(args[1][1])
    return all((rx.search(t) is not None) != negate for t in _texts(caps, args[0][1]))


def _any_of(q, args, caps, negate=False) -> bool:
    allowed = {v for _, v in args[1:]}
    return all((t in allowed) != negate for t in _texts(caps, args[0][1]))


def _any(test):
    """The any- form of a predicate on a quantified capture: one node is enough."""
    def check(q, args, caps) -> bool:
        nodes = caps.get(args[0][1], ())
        return not nodes or any(test(q, args, {**caps, args[0][1]: [n]}) for n in nodes)
    return check


_PREDICATES = {
    "eq?": _eq, "not-eq?": lambda q, a, c: _eq(q, a, c, True),
    "match?": _match, "not-match?": lambda q, a, c: _match(q, a, c, True),
    "any-of?": _any_of, "not-any-of?": lambda q, a, c: _any_of(q, a, c, True),
}
_ANY_NODE = {"any-eq?", "any-not-eq?", "any-match?", "any-not-match?"}   # checked on the whole match
_PREDICATES.update({
    "any-eq?": _any(_eq), "any-not-eq?": _any(_PREDICATES["not-eq?"]),
    "any-match?": _any(_match), "any-not-match?": _any(_PREDICATES["not-match?"]),
})


def _captures(step: Step) -> set[str]:
    return {*step.captures, *(n for c in step.children for n in _captures(c))}


def _check_predicate(name: str, args: tuple, captures: set[str]) -> None:
    if name not in _PREDICATES:
        raise QuerySyntaxError(f"unknown predicate #{name}")
    if not args or args[0][0] != "@":
        raise QuerySyntaxError(f"#{name} needs a capture first")
    for kind, value in args:
        if kind == "@" and value not in captures:
            raise QuerySyntaxError(f"#{name} names @{value}, which the pattern does not capture")
    if name.endswith(("eq?", "match?")) and len(args) != 2:
        raise QuerySyntaxError(f"#{name} takes two arguments, got {len(args)}")
    if name.endswith("match?") and args[1][0] != "s":
        raise QuerySyntaxError(f"#{name} takes a capture and a regex string")
    if name.endswith("any-of?") and (len(args) < 2 or any(k != "s" for k, _ in args[1:])):
        raise QuerySyntaxError(f"#{name} takes a capture and strings")
