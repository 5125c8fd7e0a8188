"""Runs every rule of a language as one combined tree-sitter query (one
cursor pass per file) and evaluates the rules' formulas over the matches."""
from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter as ts

from prescan.rules import compiler
from prescan.rules.loader import RuleSet
from prescan.rules.queries import combined
from prescan.rules.model import All, Either, Formula, Leaf, Rule

MATCH_LIMIT = 1 << 16


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    bindings: tuple[tuple[str, int, int], ...] = ()     # (metavariable, start byte, end byte)

    def binding(self, name: str) -> tuple[int, int] | None:
        for n, s, e in self.bindings:
            if n == name:
                return s, e
        return None


class LanguageMatcher:
    """All query leaves of a ruleset for one language, in a single ts.Query."""

    def __init__(self, ruleset: RuleSet, language: str) -> None:
        self.language = language
        self.rules: list[Rule] = ruleset.for_language(language)
        leaf_ids: dict[tuple[str, str], int] = {}
        self.regex_leaves: dict[int, re.Pattern] = {}
        for rule in self.rules:
            for leaf in rule.leaves():
                key = (leaf.kind, leaf.text)
                if key not in leaf_ids:
                    lid = leaf_ids[key] = len(leaf_ids)
                    if leaf.kind == "regex":
                        self.regex_leaves[lid] = re.compile(leaf.text.encode(), re.MULTILINE)
        self.leaf_ids = leaf_ids
        cq = combined(ruleset, language)
        self.query = cq.query
        self.pattern_leaf = [leaf_ids[k] for k in cq.pattern_leaf]     # query pattern index -> leaf id

    def leaf_matches(self, root: ts.Node, source: bytes) -> dict[int, list[Match]]:
        out: dict[int, list[Match]] = {}
        if self.query is not None:
            cursor = ts.QueryCursor(self.query, match_limit=MATCH_LIMIT)
            for index, caps in cursor.matches(root):
                m = _to_match(caps, source)
                if m is not None:
                    out.setdefault(self.pattern_leaf[index], []).append(m)
        for lid, rx in self.regex_leaves.items():
            out[lid] = [Match(m.start(), m.end()) for m in rx.finditer(source)]
        return out

    def run(self, root: ts.Node, source: bytes) -> list[tuple[Rule, Match]]:
        found = self.leaf_matches(root, source)
        results: list[tuple[Rule, Match]] = []
        for rule in self.rules:
            ev = _Evaluator(found, self.leaf_ids, source)
            seen = set()
            for m in ev.eval(rule.formula):
                if rule.focus:
                    span = m.binding(rule.focus)
                    if span is None:
                        continue
                    m = Match(span[0], span[1], m.bindings)
                if (m.start, m.end) in seen:
                    continue
                seen.add((m.start, m.end))
                results.append((rule, m))
        return results


def _norm(source: bytes, node: ts.Node) -> bytes:
    return b"".join(source[node.start_byte:node.end_byte].split())


def _to_match(caps: dict[str, list[ts.Node]], source: bytes) -> Match | None:
    start = end = None
    binds = []
    for name, nodes in caps.items():
        # `$X ... $X`: each later copy (X__1, X__2, ...) must be the same code as X
        if "__" in name and not name.startswith("_") and nodes:
            first = caps.get(name.split("__", 1)[0])
            if not first or _norm(source, first[0]) != _norm(source, nodes[0]):
                return None
    for name, nodes in caps.items():
        if not nodes:
            continue
        if name == compiler.MATCH or name == "match":
            start, end = nodes[0].start_byte, nodes[-1].end_byte
        elif name == compiler.SEQ:
            start = min(n.start_byte for n in nodes)
            end = max(n.end_byte for n in nodes)
        elif not name.startswith("_") and "__" not in name:
            binds.append((name, nodes[0].start_byte, nodes[-1].end_byte))
    if start is None:
        # a raw query without @match reports the span of all its captures
        spans = [(n.start_byte, n.end_byte) for ns in caps.values() for n in ns]
        if not spans:
            return None
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return Match(start, end, tuple(sorted(set(binds))))


class _Evaluator:
    def __init__(self, found: dict[int, list[Match]], leaf_ids: dict, source: bytes) -> None:
        self.found = found
        self.leaf_ids = leaf_ids
        self.source = source

    def text(self, span: tuple[int, int]) -> bytes:
        return b"".join(self.source[span[0]:span[1]].split())

    def merge(self, a: Match, b: Match) -> Match | None:
        """a with b's bindings added, or None if they bind a name differently."""
        out = dict((n, (s, e)) for n, s, e in a.bindings)
        for n, s, e in b.bindings:
            if n in out and out[n] != (s, e) and self.text(out[n]) != self.text((s, e)):
                return None
            out.setdefault(n, (s, e))
        return Match(a.start, a.end, tuple(sorted((n, s, e) for n, (s, e) in out.items())))

    def eval(self, f: Formula) -> list[Match]:
        if isinstance(f, Leaf):
            return self.found.get(self.leaf_ids[(f.kind, f.text)], [])
        if isinstance(f, Either):
            out = []
            for alt in f.alternatives:
                out.extend(self.eval(alt))
            return out
        return self.eval_all(f)

    def eval_all(self, f: All) -> list[Match]:
        cur = self.eval(f.positives[0])
        for p in f.positives[1:]:
            other = self.eval(p)
            cur = [r for m in cur for r in self._first(m, other, same=True)]
        for p in f.insides:
            other = self.eval(p)
            cur = [r for m in cur for r in self._first(m, other, same=False)]
        for p in f.negatives:
            other = self.eval(p)
            cur = [m for m in cur if not self._first(m, other, same=True)]
        for p in f.not_insides:
            other = self.eval(p)
            cur = [m for m in cur if not self._first(m, other, same=False)]
        for name, rx in f.regexes:
            pat = re.compile(rx)
            keep = []
            for m in cur:
                span = m.binding(name)
                if span and pat.match(self.source[span[0]:span[1]].decode("utf-8", "replace")):
                    keep.append(m)
            cur = keep
        return cur

    def _first(self, m: Match, other: list[Match], same: bool) -> list[Match]:
        for o in other:
            if (o.start == m.start and o.end == m.end) if same else (o.start <= m.start and m.end <= o.end):
                merged = self.merge(m, o)
                if merged is not None:
                    return [merged]
        return []
