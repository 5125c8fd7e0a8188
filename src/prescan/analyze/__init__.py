"""The analyze stage: pattern and taint rules over one parsed file, and the
credential detectors over any text file.

Entry points: analyze_file(parsed, ruleset) and secret_findings(path, data),
each -> list[Finding] with base fingerprints (occurrence numbers are added
once all files are in)."""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from prescan._native import lineindex
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


def analyze_file(parsed, ruleset: RuleSet) -> list[Finding]:
    facts = parsed.facts
    source: bytes = parsed.source
    if parsed.tree is None and languages.LANGUAGES[facts.language].has_grammar:
        return []                   # the parse stage already reported why
    matcher = matcher_for(ruleset, facts.language)
    units = facts.units
    scopes = [(u.start_byte, u.end_byte, u.name) for u in units if u.kind in ("function", "method")]
    # a file without a grammar has no tree: only its regex rules run
    hits = matcher.run(parsed.tree.root_node if parsed.tree else None, source, scopes)
    if not hits:
        return []
    starts = lineindex.line_starts(source)
    offsets = array("q")
    for _, m, steps in hits:
        offsets.append(m.start)
        offsets.append(max(m.start, m.end - 1) if m.end > m.start else m.start)
        offsets.extend(at for at, _ in steps)
    lines, cols = lineindex.offsets_to_points(source, starts, offsets)
    unit_starts = [u.start_byte for u in units]
    out, k = [], 0
    for rule, m, steps in hits:
        sl, sc, el, ec = lines[k], cols[k], lines[k + 1], cols[k + 1] + 1
        trace = tuple(TraceStep(facts.path, lines[k + 2 + j], cols[k + 2 + j], redact(note))
                      for j, (_, note) in enumerate(steps))
        k += 2 + len(steps)
        unit = _enclosing(units, unit_starts, m.start, m.end)
        out.append(Finding(
            rule_id=rule.id, origin="taint" if rule.taint else "rule", severity=rule.severity,
            confidence=rule.confidence, message=redact(_interpolate(rule.message, m, source)), path=facts.path,
            start_line=sl, start_col=sc, end_line=el, end_col=ec, unit=unit,
            snippet=redact(_snippet(source, starts, sl, el)), language=facts.language,
            cwe=rule.cwe, owasp=rule.owasp, trace=trace,
            fingerprint=base_fingerprint(rule.id, unit, source[m.start:m.end]),
        ))
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


__all__ = ["analyze_file", "matcher_for", "secret_findings"]


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
