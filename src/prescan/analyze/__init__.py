"""The analyze stage: pattern and taint rules over one parsed file, and the
credential detectors over any text file.

Entry points: analyze_file(parsed, ruleset) and secret_findings(path, data),
each -> list[Finding] with base fingerprints (occurrence numbers are added
once all files are in)."""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import replace

from prescan._native import lineindex
from prescan.analyze import interproc, taint
from prescan.analyze.matcher import LanguageMatcher, Match
from prescan.analyze.secrets import find_secrets, redact
from prescan.findings import Finding, TraceStep
from prescan.parse import languages
from prescan.parse.model import Unit
from prescan.rules.loader import RuleSet
from prescan.store.fingerprint import base_fingerprint

_MATCHERS: dict[tuple[str, str], LanguageMatcher] = {}
SNIPPET_LINES = 5


def matcher_for(ruleset: RuleSet, language: str) -> LanguageMatcher:
    key = (ruleset.digest, language)
    m = _MATCHERS.get(key)
    if m is None:
        m = _MATCHERS[key] = LanguageMatcher(ruleset, language)
    return m


def analyze_file(parsed, ruleset: RuleSet, facts: list | None = None, relay: dict | None = None,
                 sanitizer_fns: dict | None = None) -> list[Finding]:
    """Findings of one file. With a `facts` list, taint rules also append what
    data flow across files needs (interproc.SinkExport and interproc.CallFact);
    `relay` (rule id -> function names) asks for the parameters of those
    functions to be followed into calls even where they hold no sink;
    `sanitizer_fns` (rule id -> function names) names functions of other
    files whose calls sanitize."""
    facts_data = parsed.facts
    source: bytes = parsed.source
    if parsed.tree is None and languages.LANGUAGES[facts_data.language].has_grammar:
        return []                   # the parse stage already reported why
    matcher = matcher_for(ruleset, facts_data.language)
    units = facts_data.units
    scopes = [(u.start_byte, u.end_byte, u.name) for u in units if u.kind in ("function", "method")]
    tracked: list | None = [] if facts is not None else None
    # a file without a grammar has no tree: only its regex rules run
    hits = matcher.run(parsed.tree.root_node if parsed.tree else None, source, scopes, tracked,
                       {k: frozenset(n.encode() for n in v) for k, v in (relay or {}).items()},
                       {k: frozenset(n.encode() for n in v) for k, v in (sanitizer_fns or {}).items()})
    # exported sinks and tainted calls become rows like findings, then facts
    extra: list[tuple] = []
    for rule, tr, sinks in tracked or ():
        if tr is None:              # the rule's sanitizer spans here
            facts.append(interproc.Sanitizers(rule.id, tuple(sinks)))
            continue
        if tr == "sanitizer-functions":
            facts.extend(interproc.SanitizerFn(rule.id, facts_data.path, n.decode("utf-8", "replace"))
                         for n in sinks)
            continue
        for e in tr.exports:
            m = sinks[e.sink]
            extra.append((rule, Match(e.sink[0], e.sink[1], m.bindings), e.steps, e))
        for c in tr.calls:
            extra.append((rule, None, c.steps, c))
        for r in tr.returns:
            extra.append((rule, None, r.steps, r))
        for r in tr.result_sinks:
            m = sinks.get(r.sink)
            if m is not None:
                extra.append((rule, Match(r.sink[0], r.sink[1], m.bindings), r.steps, r))
    if not hits and not extra:
        return []
    starts = lineindex.line_starts(source)
    offsets = array("q")
    for rule, m, steps, *_ in (*hits, *extra):
        at = m.start if m is not None else steps[-1][0]
        offsets.append(at)
        offsets.append(max(at, m.end - 1) if m is not None and m.end > m.start else at)
        offsets.extend(a for a, _ in steps)
    lines, cols = lineindex.offsets_to_points(source, starts, offsets)
    unit_starts = [u.start_byte for u in units]
    out, k = [], 0
    path = facts_data.path
    for rule, m, steps, *fact in (*hits, *extra):
        sl, sc, el, ec = lines[k], cols[k], lines[k + 1], cols[k + 1] + 1
        trace = tuple(TraceStep(path, lines[k + 2 + j], cols[k + 2 + j], redact(note))
                      for j, (_, note) in enumerate(steps))
        k += 2 + len(steps)
        if m is None:               # a tainted call or a return: no finding here, a fact for other files
            c = fact[0]
            at = steps[-1][0]
            unit = _enclosing(units, unit_starts, at, at + 1)
            if isinstance(c, taint.Returned):
                facts.append(interproc.ReturnFact(rule.id, path, c.function.decode("utf-8", "replace"), unit,
                                                  c.callee.decode("utf-8", "replace"), trace))
                continue
            facts.append(interproc.CallFact(
                rule.id, path, c.function.decode("utf-8", "replace"), unit,
                c.param, c.params, c.callee.decode("utf-8", "replace"), c.arg, c.args, trace, c.bare))
            continue
        unit = _enclosing(units, unit_starts, m.start, m.end)
        if rule.guard is not None:  # not a finding by itself: the pipeline compares base and head
            if facts is not None:
                facts.append(interproc.GuardHit(rule.id, path, unit, steps[0][1], sl, el,
                                                tuple(source[starts[sl - 1]:starts[el] if el < len(starts)
                                                             else len(source)].decode("utf-8", "replace")
                                                      .rstrip("\n").split("\n")),
                                                source[m.start:m.end].decode("utf-8", "replace")))
            continue
        finding = Finding(
            rule_id=rule.id, origin="taint" if rule.taint else "rule", severity=rule.severity,
            confidence=rule.confidence, message=redact(_interpolate(rule.message, m, source)), path=path,
            start_line=sl, start_col=sc, end_line=el, end_col=ec, unit=unit,
            snippet=redact(_snippet(source, starts, sl, el)), language=facts_data.language,
            cwe=rule.cwe, owasp=rule.owasp, trace=trace,
            fingerprint=base_fingerprint(rule.id, unit, source[m.start:m.end]),
        )
        if fact and isinstance(fact[0], taint.CallResultSink):
            facts.append(interproc.ResultSink(rule.id, fact[0].callee.decode("utf-8", "replace"),
                                              replace(finding, trace=()), trace))
        elif fact:
            e = fact[0]
            fn_unit = _enclosing(units, unit_starts, e.steps[0][0], e.steps[0][0] + 1) if e.steps else unit
            kinds = {u.qualname: u.kind for u in units}
            facts.append(interproc.SinkExport(rule.id, e.function.decode("utf-8", "replace"), e.param,
                                              e.params, replace(finding, trace=()), trace, 1, path, fn_unit,
                                              kinds.get(fn_unit) == "method"))
        else:
            out.append(finding)
    return out


def relay_facts(parsed, sanitizers: dict[str, tuple], requests: dict[str, tuple[str, ...]]) -> list:
    """CallFacts for the parameters of the named functions (rule id -> names):
    which calls their values are passed to, stopped by the rule's sanitizer
    spans found in the first pass. No query runs again."""
    if parsed.tree is None:
        return []
    facts_data, source = parsed.facts, parsed.source
    units = facts_data.units
    scopes = [(u.start_byte, u.end_byte, u.name) for u in units if u.kind in ("function", "method")]
    starts = lineindex.line_starts(source)
    unit_starts = [u.start_byte for u in units]
    out = []
    for rule_id, names in sorted(requests.items()):
        calls = taint.track_relays(parsed.tree.root_node, source, facts_data.language, scopes,
                                   list(sanitizers.get(rule_id, ())), frozenset(n.encode() for n in names))
        for c in calls:
            offsets = array("q", (a for a, _ in c.steps))
            lines, cols = lineindex.offsets_to_points(source, starts, offsets)
            trace = tuple(TraceStep(facts_data.path, lines[j], cols[j], note) for j, (_, note) in enumerate(c.steps))
            at = c.steps[-1][0]
            out.append(interproc.CallFact(rule_id, facts_data.path, c.function.decode("utf-8", "replace"),
                                          _enclosing(units, unit_starts, at, at + 1), c.param, c.params,
                                          c.callee.decode("utf-8", "replace"), c.arg, c.args, trace, c.bare))
    return out


def _enclosing(units: tuple[Unit, ...], unit_starts: list[int], start: int, end: int) -> str:
    """Qualified name of the innermost unit holding [start, end)."""
    # units are sorted by start: the last one that holds the span is the innermost
    for u in reversed(units[:bisect_right(unit_starts, start)]):
        if u.start_byte <= start and end <= u.end_byte:
            return u.qualname
    return "<module>"


def _snippet(source: bytes, starts, first: int, last: int) -> str:
    last = min(last, first + SNIPPET_LINES - 1)
    a = starts[first - 1]
    b = starts[last] if last < len(starts) else len(source)
    return source[a:b].decode("utf-8", "replace").rstrip("\n")


def _interpolate(message: str, m: Match, source: bytes) -> str:
    if "$" not in message:
        return message
    for name, s, e in sorted(m.bindings, key=lambda b: -len(b[0])):
        text = " ".join(source[s:e].decode("utf-8", "replace").split())
        if len(text) > 60:
            text = text[:57] + "..."
        message = message.replace("$" + name, text)
    return message


__all__ = ["analyze_file", "matcher_for", "relay_facts", "secret_findings"]


_EXAMPLE_FILE = re.compile(r"(?i)(?:^|[._-])(?:example|sample|template|tmpl|dist)s?(?:[._-]|$)")


def secret_findings(path: str, source: bytes, units: tuple[Unit, ...] = (), language: str = "") -> list[Finding]:
    """Credentials committed in a file of any kind, masked."""
    hits = find_secrets(source, language)
    if hits and _EXAMPLE_FILE.search(path.rsplit("/", 1)[-1]):
        # a sample config documents the shape of a value; only a real format counts there
        hits = [h for h in hits if h.detector.id != "secret-generic-high-entropy"]
    if not hits:
        return []
    starts = lineindex.line_starts(source)
    offsets = array("q")
    for h in hits:
        offsets.append(h.start)
        offsets.append(max(h.start, h.end - 1))
    lines, cols = lineindex.offsets_to_points(source, starts, offsets)
    unit_starts = [u.start_byte for u in units]
    out = []
    for i, h in enumerate(hits):
        sl, sc, el, ec = lines[2 * i], cols[2 * i], lines[2 * i + 1], cols[2 * i + 1] + 1
        unit = _enclosing(units, unit_starts, h.start, h.end)
        secret = source[h.start:h.end].decode("utf-8", "replace")
        # some detectors need context beyond the line (a hint elsewhere in the file)
        snippet = redact(_snippet(source, starts, sl, sl)).replace(secret, h.masked)
        out.append(Finding(
            rule_id=h.detector.id, origin="secret", severity=h.detector.severity,
            confidence=h.detector.confidence, path=path,
            message=f"{h.detector.what} is committed here ({h.masked}); anyone who can read the code can use it",
            start_line=sl, start_col=sc, end_line=el, end_col=ec, unit=unit, snippet=snippet,
            language=language, cwe=("CWE-798",),
            fingerprint=base_fingerprint(h.detector.id, unit, source[h.start:h.end]),
        ))
    return out
