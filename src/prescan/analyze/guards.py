"""Rules over what a change removes (`mode: removed`).

A guard (a bounds check, an escape, a path-containment test, an
authorization decorator) that the base version of a function has and its
head version lost is reported in the head function, at the code it guarded
(the rule's `at` match) or else at the function's first line, with the
removed lines shown. Such findings describe a change, so only a diff scan
(or a base/head fixture pair) has them."""
from __future__ import annotations

import re
from collections import Counter

from prescan.analyze.interproc import GuardHit
from prescan.findings import Finding
from prescan.parse.model import Unit
from prescan.rules.loader import RuleSet
from prescan.store.fingerprint import base_fingerprint


def lost_guards(ruleset: RuleSet, path: str, old_path: str, base_hits: list[GuardHit], head_hits: list[GuardHit],
                head_units: tuple[Unit, ...], head_source: bytes, language: str = "",
                to_head_line=lambda line: line) -> list[Finding]:
    """Findings for the guards lost between base_hits and head_hits;
    `to_head_line` maps a base line to where it sits in the head."""
    units = {u.qualname: u for u in head_units}
    kept = Counter((h.rule_id, h.unit, _key(h)) for h in head_hits if h.kind == "guard")
    lost: dict[tuple[str, str], list[GuardHit]] = {}
    for h in base_hits:
        # the function must still be there (a deleted function guards nothing), with fewer of this guard
        if h.kind != "guard" or h.unit not in units:
            continue
        k = (h.rule_id, h.unit, _key(h))
        if kept[k] > 0:
            kept[k] -= 1
        else:
            lost.setdefault((h.rule_id, h.unit), []).append(h)
    lines = head_source.decode("utf-8", "replace").split("\n")
    out = []
    for (rule_id, unit), hits in sorted(lost.items()):
        rule = ruleset.by_id[rule_id]
        # report at the first protected use after the place the guard stood
        after = min(to_head_line(h.start_line) for h in hits)
        ats = [h for h in head_hits if h.kind == "at" and h.rule_id == rule_id and h.unit == unit]
        at = next((h for h in ats if h.start_line >= after), ats[0] if ats else None)
        if at is None and rule.guard is not None and rule.guard.at is not None:
            continue                # the rule names what the guard protects, and the function no longer has it
        u = units[unit]
        start, end = (at.start_line, at.end_line) if at else (u.start_line, u.start_line)
        text = lines[start - 1:min(end, start + 4)]
        removed = tuple(f"{old_path}:{h.start_line + i}: {line}" for h in hits for i, line in enumerate(h.lines))
        out.append(Finding(
            rule_id=rule_id, origin="removed", severity=rule.severity, confidence=rule.confidence,
            message=rule.message, path=path, start_line=start, start_col=1, end_line=end,
            end_col=len(text[-1]) + 1 if text else 1, unit=unit, snippet="\n".join(text),
            language=language or rule.languages[0], cwe=rule.cwe, owasp=rule.owasp, removed=removed[:20],
            status="new", link=f"the change removed this from {unit}",
            fingerprint=base_fingerprint(rule_id, unit, "\n".join(x for h in hits for x in h.lines).encode())))
    return out


def _key(h: GuardHit) -> str:
    """What identifies a guard: a call or decorator by its name (new
    arguments to htmlspecialchars are not its removal), a condition by its
    code without whitespace (reformatting it is not removing it)."""
    code = "".join((h.code or "".join(h.lines)).split())
    m = _CALLEE.match(code)
    if m and m.group(1).lstrip("@") not in _KEYWORDS:
        return m.group(1)
    return code


_CALLEE = re.compile(r"^(@?[\w.$\\:>-]+)\(")
_KEYWORDS = frozenset({"if", "elif", "while", "for", "switch", "unless", "until", "return"})
