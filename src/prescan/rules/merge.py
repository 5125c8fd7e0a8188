"""Merges query patterns that differ only in the literals their predicates
test into one tree-sitter pattern per shape.

tree-sitter analyses every pattern against the grammar when it compiles a
query, and the cost is per pattern and per node shape: in Ruby's grammar a
`(call method: ...)` pattern costs about 7 ms however simple it is. Rules
that check a call for different method names (`eval`, `to_f`, `system`...)
share one shape, so N of them compile as one pattern whose literals are the
union (`#any-of?`, one regex alternation); after a match, each member's own
literals are checked here to say which members the match belongs to."""
from __future__ import annotations

import re
from dataclasses import dataclass

from prescan.rules.nodequery import unescape

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_PLAIN = re.compile(r'[^"@()\[\];]+')          # a run of characters the loop below need not look at one by one
_NAME = re.compile(r"[\w.-]+")
# a regex whose global flags must stay at its start cannot be put into an alternation
_FLAGS_AT_START = re.compile(r"^\(\?[aiLmsux]+\)")
_VARYING = {"eq?", "match?"}


@dataclass(frozen=True)
class Member:
    owner: tuple                                    # (leaf key, element) of the pattern's leaf
    rename: tuple[tuple[str, str], ...] = ()        # merged capture name -> the member's own name
    checks: tuple[tuple[str, str, object], ...] = ()  # (merged capture, "eq"/"match", literal bytes / regex text)


@dataclass(frozen=True)
class _Parsed:
    body: str                                       # canonical text before the predicates, no closing paren
    captures: tuple[str, ...]                       # own names, in canonical order
    fixed: tuple[str, ...]                          # canonical predicates every member must share
    varying: tuple[tuple[str, str, str], ...]       # (name, canonical capture, escaped literal)


def merge(items: list[tuple[tuple, str]]) -> list[tuple[str, tuple[Member, ...]]]:
    """(owner, pattern text) pairs -> (query text, members) per merged pattern,
    in first-appearance order. A text this cannot read is kept as it is."""
    groups: dict[object, list[tuple[tuple, str, _Parsed | None]]] = {}
    for i, (owner, text) in enumerate(items):
        parsed = _parse(text)
        key = (parsed.body, parsed.fixed, tuple((n, c) for n, c, _ in parsed.varying)) if parsed else i
        groups.setdefault(key, []).append((owner, text, parsed))
    out = []
    for members in groups.values():
        if len(members) == 1:
            owner, text, _ = members[0]
            out.append((text, (Member(owner),)))
        else:
            out.append(_merged(members))
    return out


def expand(members: tuple[Member, ...], caps: dict, source: bytes):
    """The (owner, captures) pairs a match of a merged pattern stands for."""
    if len(members) == 1 and not members[0].checks and not members[0].rename:
        yield members[0].owner, caps
        return
    for m in members:
        if all(_holds(kind, lit, caps.get(cap, ()), source) for cap, kind, lit in m.checks):
            yield m.owner, {own: caps[canon] for canon, own in m.rename if canon in caps}


_REGEXES: dict[str, re.Pattern] = {}


def _regex(text: str) -> re.Pattern:
    """A member's regex, compiled when a match first needs it."""
    rx = _REGEXES.get(text)
    if rx is None:
        rx = _REGEXES[text] = re.compile(text)
    return rx


def _holds(kind: str, literal, nodes, source: bytes) -> bool:
    if not nodes:
        return False
    for n in nodes:
        text = source[n.start_byte:n.end_byte]
        if kind == "eq":
            if text != literal:
                return False
        elif _regex(literal).search(text.decode("utf-8", "replace")) is None:
            return False
    return True


def _merged(members) -> tuple[str, tuple[Member, ...]]:
    first = members[0][2]
    preds = list(first.fixed)
    union: dict[tuple[str, str], list[str]] = {}
    for _, _, p in members:
        for name, cap, lit in p.varying:
            lits = union.setdefault((name, cap), [])
            if lit not in lits:
                lits.append(lit)
    for (name, cap), lits in union.items():
        if name == "eq?":
            preds.append(f"(#any-of? @{cap} {' '.join(lits)})")
        else:
            preds.append(f'(#match? @{cap} "{"|".join(f"(?:{lit[1:-1]})" for lit in lits)}")')
    text = f"{first.body} {' '.join(preds)})"
    out = []
    for owner, _, p in members:
        rename = tuple((f"k{i}", own) for i, own in enumerate(p.captures))
        checks = tuple((cap, "eq", unescape(lit).encode()) if name == "eq?"
                       else (cap, "match", unescape(lit))
                       for name, cap, lit in p.varying)
        out.append(Member(owner, rename, checks))
    return text, tuple(out)


def _parse(text: str) -> _Parsed | None:
    """A single pattern `( ... preds)` whose predicates all sit at its end,
    at its top level: its canonical shape; None for anything else."""
    text = text.strip()
    if not text.startswith("("):
        return None
    names: dict[str, str] = {}
    out: list[str] = []
    preds: list[str] = []
    depth, i, n, closed = 0, 0, len(text), False
    while i < n:
        c = text[i]
        if closed and not c.isspace():
            return None                                 # a second top-level pattern
        if c == '"':
            m = _STRING.match(text, i)
            if m is None:
                return None
            if preds:
                return None
            out.append(m.group())
            i = m.end()
            continue
        if c not in '"@()[];':
            m = _PLAIN.match(text, i)
            run = m.group()
            if (closed or preds) and not run.isspace():
                return None                             # a second pattern, or code after a predicate
            out.append(run)
            i = m.end()
            continue
        if c == ";":
            return None                                 # comments: leave such text alone
        if c == "@":
            m = _NAME.match(text, i + 1)
            if m is None:
                return None
            out.append("@" + names.setdefault(m.group(), f"k{len(names)}"))
            i = m.end()
            continue
        if c == "(" and text.startswith("(#", i):
            if depth != 1:
                return None
            end = _pred_end(text, i)
            if end is None:
                return None
            preds.append(text[i:end])
            i = end
            continue
        if c in "([":
            if preds:
                return None                             # code after a predicate
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0:
                closed = True
                i += 1
                continue
        elif preds and not c.isspace():
            return None
        out.append(c)
        i += 1
    if not closed:
        return None
    fixed, varying, seen = [], [], set()
    for pred in preds:
        got = _read_pred(pred, names)
        if got is None:
            return None
        name, args = got
        if (name in _VARYING and len(args) == 2 and args[0].startswith("@") and args[1].startswith('"')
                and (name == "eq?" or not _FLAGS_AT_START.match(unescape(args[1])))
                and (name, args[0]) not in seen):
            seen.add((name, args[0]))
            varying.append((name, args[0][1:], args[1]))
        else:
            fixed.append(f"(#{name} {' '.join(args)})")
    return _Parsed("".join(out).rstrip(), tuple(names), tuple(sorted(fixed)), tuple(sorted(varying)))


def _pred_end(text: str, i: int) -> int | None:
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == '"':
            m = _STRING.match(text, j)
            if m is None:
                return None
            j = m.end()
            continue
        if c == "(":
            return None
        if c == ")":
            return j + 1
        j += 1
    return None


def _read_pred(pred: str, names: dict[str, str]) -> tuple[str, list[str]] | None:
    inner = pred[2:-1]
    m = re.match(r"[a-z-]+[?!]?", inner)
    if m is None:
        return None
    args, j = [], m.end()
    while j < len(inner):
        if inner[j].isspace():
            j += 1
            continue
        if inner[j] == '"':
            s = _STRING.match(inner, j)
            args.append(s.group())
            j = s.end()
            continue
        if inner[j] == "@":
            t = _NAME.match(inner, j + 1)
            if t is None or t.group() not in names:
                return None
            args.append("@" + names[t.group()])
            j = t.end()
            continue
        t = _NAME.match(inner, j)
        if t is None:
            return None
        args.append(t.group())
        j = t.end()
    return m.group(), args

