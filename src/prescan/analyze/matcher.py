"""Runs every rule of a language as one combined query (one anchor
cursor pass per file) and evaluates the rules' formulas over the matches."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import tree_sitter as ts

from prescan.analyze import aliases, sequence, taint
from prescan.rules import compiler
from prescan.rules.loader import RuleSet, leaf_query
from prescan.rules.model import All, Either, Formula, Leaf, Rule
from prescan.rules.queries import combined

MATCH_LIMIT = 1 << 16
MAX_MERGES = 16        # combinations of one match with its containers kept for later clauses
MAX_SCAN = 512         # closed matches passed over while looking for a container


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
    """All query leaves of a ruleset for one language, in a single NodeQuery."""

    def __init__(self, ruleset: RuleSet, language: str) -> None:
        self.language = language
        self.rules: list[Rule] = ruleset.for_language(language)
        leaf_ids: dict[tuple, int] = {}
        self.regex_leaves: dict[int, re.Pattern] = {}
        self.sequences: dict[int, compiler.CompiledPattern] = {}
        for rule in self.rules:
            for leaf in rule.leaves():
                key = leaf.key
                if key not in leaf_ids:
                    lid = leaf_ids[key] = len(leaf_ids)
                    if leaf.kind == "regex":
                        self.regex_leaves[lid] = re.compile(leaf.text.encode(), re.MULTILINE)
                    elif leaf_query(leaf, language).sequence:
                        self.sequences[lid] = leaf_query(leaf, language)
        self.leaf_ids = leaf_ids
        self.combined = cq = combined(ruleset, language)
        self.query = cq.query
        self.lazy_combined = lq = combined(ruleset, language, lazy=True)
        self.lazy_query = lq.query
        self.lazy_ids = {leaf_ids[m.owner[0]] for ms in lq.pattern_members for m in ms}
        self._words: set[str] | None = None     # names the rules mention (aliases worth following)

    def leaf_matches(self, root: ts.Node, source: bytes) -> dict[int, list[Match]]:
        out: dict[int, list[Match]] = {}
        elements: dict[int, list[list[sequence.Element]]] = {
            lid: [[] for _ in seq.queries] for lid, seq in self.sequences.items()}
        if self.query is not None:
            leaf_ids = self.leaf_ids
            for index, found in self.query.matches(root, MATCH_LIMIT):
                for (key, element), caps in self.combined.owners(index, found, source):
                    lid = leaf_ids[key]
                    m = _to_match(caps, source)
                    if m is None:
                        continue
                    if lid in elements:
                        e = sequence.to_element(caps, m.bindings)
                        if e is not None:
                            elements[lid][element].append(e)
                    else:
                        out.setdefault(lid, []).append(m)
        if self.query is not None and aliases.supported(self.language):
            self._through_aliases(root, source, out)
        merger = _Evaluator({}, {}, source)

        def merge_bindings(a, b):
            merged = merger.merge(Match(0, 0, a), Match(0, 0, b))
            return merged.bindings if merged is not None else None
        for lid, per_element in elements.items():
            out[lid] = sequence.assemble(per_element, self.sequences[lid], merge_bindings, Match)
        for lid, rx in self.regex_leaves.items():
            out[lid] = [Match(m.start(), m.end()) for m in rx.finditer(source)]
        return out

    def _through_aliases(self, root: ts.Node, source: bytes, out: dict[int, list[Match]]) -> None:
        """Matches of calls made through a local alias (see aliases.py), mapped onto the real call."""
        if self._words is None:
            texts = (text for rule in self.rules for leaf in rule.leaves() if leaf.kind != "regex"
                     for text in leaf_query(leaf, self.language).queries)
            self._words = {w for text in texts for w in re.findall(r"[A-Za-z_$][A-Za-z0-9_$]*", text)}
        found = {name: target for name, target in aliases.find(root, source, self.language).items()
                 if target.split(".", 1)[0] in self._words or target.rsplit(".", 1)[-1] in self._words}
        if not found:
            return
        for call, callee, canonical in aliases.calls(root, source, self.language, found, self._words):
            tree, snippet, back, (lo, hi) = aliases.rewrite(source, call, callee, canonical, self.language)
            for index, got in self.query.matches(tree.root_node, MATCH_LIMIT):
                for (key, _), caps in self.combined.owners(index, got, snippet):
                    lid = self.leaf_ids[key]
                    m = _to_match(caps, snippet)
                    # only what the renamed callee takes part in: the rest matched in the file itself
                    if lid in self.sequences or m is None or m.start >= hi or m.end <= lo:
                        continue
                    spans = [back(m.start, m.end), *(back(s, e) for _, s, e in m.bindings)]
                    if None in spans:
                        continue
                    mapped = Match(*spans[0], tuple(sorted({(name, *span) for (name, _, _), span
                                                            in zip(m.bindings, spans[1:])})))
                    got_lid = out.setdefault(lid, [])
                    if mapped not in got_lid:
                        got_lid.append(mapped)

    def run(self, root: ts.Node, source: bytes, scopes: list[tuple[int, int, str]] = (),
            facts: list | None = None, relay: dict | None = None, sanitizer_fns: dict | None = None) -> list[tuple]:
        """(rule, match, trace steps) for every finding in the file; `scopes`
        are the spans of functions, where taint rules follow data. With a
        `facts` list, each taint rule appends (rule, Tracked, sink matches):
        what data flow across files needs from this one; `relay` maps rule ids
        to function names whose parameters must be followed even without a
        sink here; `sanitizer_fns` (rule id -> function names) are functions of
        other files whose calls sanitize."""
        found = self.leaf_matches(root, source)
        lazy = _LazyLeaves(self, root, source)
        results: list[tuple] = []
        for rule in self.rules:
            ev = _Evaluator(found, self.leaf_ids, source, lazy)
            if rule.taint is not None:
                results.extend(self._taint(rule, ev, root, source, scopes, facts,
                                           (relay or {}).get(rule.id, frozenset()), sanitizer_fns))
                continue
            if rule.guard is not None:      # what a change may remove, and where to report its loss
                for kind, formula in (("guard", rule.guard.removed), ("at", rule.guard.at)):
                    if formula is not None:
                        results.extend((rule, m, ((m.start, kind),)) for m in ev.eval(formula))
                continue
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
                results.append((rule, m, ()))
        return results

    def _taint(self, rule: Rule, ev: "_Evaluator", root: ts.Node, source: bytes, scopes,
               facts: list | None = None, relay: frozenset = frozenset(),
               sanitizer_fns: dict | None = None) -> list[tuple]:
        spec = rule.taint
        sinks: dict[tuple[int, int], Match] = {}
        for f in spec.sinks:
            for m in ev.eval(f):
                span = m.binding("SINK") or (m.start, m.end)
                sinks.setdefault(span, m)
        if not sinks and facts is None:
            return []
        spans = [(m.start, m.end) for f in spec.sources for m in ev.eval(f)]
        clean = [(m.start, m.end) for f in spec.sanitizers for m in ev.eval(f)] if (sinks or spans or facts is not None) \
            else []
        fns: list[bytes] = []
        if clean and (facts is not None or sinks and spans):
            fns = taint.sanitizer_functions(root, source, self.language, list(scopes), clean)
        if facts is not None and clean:
            facts.append((rule, None, clean))       # sanitizers, for following parameters later (relays)
            if fns:
                facts.append((rule, "sanitizer-functions", fns))    # calls to them sanitize in other files too
        if not sinks and not spans and not relay:
            return []
        tracked = taint.track(root, source, self.language, [*scopes, (0, len(source), "<module>")], spans, clean,
                              list(sinks), facts=facts is not None, relay=relay,
                              sanitizer_fns=frozenset(fns) | (sanitizer_fns or {}).get(rule.id, frozenset()),
                              find_sanitizer_fns=False)
        if facts is not None and (tracked.exports or tracked.calls or tracked.returns or tracked.result_sinks):
            facts.append((rule, tracked, sinks))
        out = []
        for hit in tracked.hits:
            m = sinks[hit.sink]
            out.append((rule, Match(hit.sink[0], hit.sink[1], m.bindings), hit.steps))
        return out


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
        elif not name.startswith("_") and "__" not in name:
            binds.append((name, nodes[0].start_byte, nodes[-1].end_byte))
    if start is None:
        # a raw query without @match reports the span of all its captures
        spans = [(n.start_byte, n.end_byte) for ns in caps.values() for n in ns]
        if not spans:
            return None
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return Match(start, end, tuple(sorted(set(binds))))


class _LazyLeaves:
    """Matches of the lazy leaves, found only at the places asked about: one
    cursor pass of the lazy query over each such place, remembered."""

    def __init__(self, matcher: LanguageMatcher, root: ts.Node, source: bytes) -> None:
        self.m = matcher
        self.root = root
        self.source = source
        self.done: dict[tuple[int, int], dict[int, list[Match]]] = {}

    def at(self, lid: int, spans: set[tuple[int, int]]) -> list[Match]:
        out: list[Match] = []
        for span in spans:
            found = self.done.get(span)
            if found is None:
                found = self.done[span] = self._run(span)
            out.extend(found.get(lid, ()))
        return out

    def _run(self, span: tuple[int, int]) -> dict[int, list[Match]]:
        found: dict[int, list[Match]] = {}
        if self.m.lazy_query is None:
            return found
        node = self.root.named_descendant_for_byte_range(span[0], span[1])
        # patterns rooted exactly at the node (or a wrapper of the same extent)
        while node is not None and (node.start_byte, node.end_byte) == span:
            for index, got in self.m.lazy_query.matches_at(node):
                for (key, _), caps in self.m.lazy_combined.owners(index, got, self.source):
                    m = _to_match(caps, self.source)
                    if m is not None and (m.start, m.end) == span:
                        found.setdefault(self.m.leaf_ids[key], []).append(m)
            node = node.parent
        return found


class _Evaluator:
    def __init__(self, found: dict[int, list[Match]], leaf_ids: dict, source: bytes,
                 lazy: _LazyLeaves | None = None) -> None:
        self.found = found
        self.leaf_ids = leaf_ids
        self.source = source
        self.lazy = lazy

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

    def eval(self, f: Formula, at: set[tuple[int, int]] | None = None) -> list[Match]:
        """Matches of a clause; `at` limits them to those exact spans (which
        is all a same-place clause needs, and all a lazy leaf can give)."""
        if isinstance(f, Leaf):
            lid = self.leaf_ids[f.key]
            if self.lazy is not None and lid in self.lazy.m.lazy_ids:
                return self.lazy.at(lid, at or set())
            return self.found.get(lid, [])
        if isinstance(f, Either):
            out = []
            for alt in f.alternatives:
                out.extend(self.eval(alt, at))
            return out
        return self.eval_all(f, at)

    def eval_all(self, f: All, at: set[tuple[int, int]] | None = None) -> list[Match]:
        regexes = [(name, re.compile(rx)) for name, rx in f.regexes]
        cur = self._regex(self.eval(f.positives[0], at), regexes, final=False)
        # every compatible combination is kept (up to a bound): a later
        # metavariable-regex may reject one binding and accept another
        for p in f.positives[1:]:
            if not cur:
                return cur
            idx = _Index(self.eval(p, {(m.start, m.end) for m in cur}))
            cur = [r for m in cur for r in self._merges(m, idx.same(m))]
        cur = self._regex(cur, regexes, final=False)
        for p in f.insides:
            if not cur:
                return cur
            idx = _Index(self.eval(p))
            cur = [r for m in cur for r in self._merges(m, idx.around(m))]
            cur = self._regex(cur, regexes, final=False)
        if not cur:
            return cur
        for p in f.negatives:
            idx = _Index(self.eval(p, {(m.start, m.end) for m in cur}))
            cur = [m for m in cur if not self._merges(m, idx.same(m), first=True)]
        for p in f.not_insides:
            idx = _Index(self.eval(p))
            cur = [m for m in cur if not self._merges(m, idx.around(m), first=True)]
        return self._regex(cur, regexes, final=True)

    def _regex(self, cur: list[Match], regexes, final: bool) -> list[Match]:
        """Drop matches whose bound code fails a metavariable-regex; a
        metavariable not bound yet is judged later (or, at the end, fails)."""
        if not regexes:
            return cur
        keep = []
        for m in cur:
            for name, pat in regexes:
                span = m.binding(name)
                if span is None:
                    if final:
                        break
                    continue
                if not pat.match(self.source[span[0]:span[1]].decode("utf-8", "replace")):
                    break
            else:
                keep.append(m)
        return keep

    def _merges(self, m: Match, candidates, first: bool = False) -> list[Match]:
        out, seen = [], set()
        for o in candidates:
            merged = self.merge(m, o)
            if merged is not None and merged.bindings not in seen:
                seen.add(merged.bindings)
                out.append(merged)
                if first or len(out) >= MAX_MERGES:
                    break
        return out


class _Index:
    """Matches of one clause, indexed for `same range` and `contains` lookups."""

    def __init__(self, matches: list[Match]) -> None:
        self.by_range: dict[tuple[int, int], list[Match]] = {}
        for o in matches:
            self.by_range.setdefault((o.start, o.end), []).append(o)
        self.sorted = sorted(matches, key=lambda o: o.start)
        self.starts = [o.start for o in self.sorted]

    def same(self, m: Match) -> list[Match]:
        return self.by_range.get((m.start, m.end), [])

    def around(self, m: Match):
        """Matches that contain m, innermost first. Walking back from m's
        start meets its containers after at most a bounded number of
        earlier, already-closed matches."""
        i = bisect_right(self.starts, m.start) - 1
        misses = 0
        while i >= 0 and misses < MAX_SCAN:
            o = self.sorted[i]
            if o.end >= m.end:
                yield o
            else:
                misses += 1
            i -= 1
