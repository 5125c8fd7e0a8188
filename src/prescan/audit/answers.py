"""Reading model answers: a detection answer into Claims per unit, a
refutation answer into a Verdict. Answers are checked against the schema
here, whatever the provider promised: a local server may ignore it."""
from __future__ import annotations

import re

from prescan.audit.model import Claim, Verdict
from prescan.audit.prompts import CONFIDENCES, SEVERITIES, VERDICTS


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class BadAnswer(ValueError):
    """An answer that does not follow the schema; the message says where."""


def _field(d: dict, name: str, kind, where: str):
    if not isinstance(d, dict) or name not in d:
        raise BadAnswer(f"{where}: missing {name}")
    value = d[name]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise BadAnswer(f"{where}: {name} is not {getattr(kind, '__name__', kind)}")
    # model text reaches terminals and CI logs: no escape sequences or other control characters
    return _CONTROL.sub("", value) if kind is str else value


def detect_claims(data: dict, unit_ids: list[str], model: str, needs: dict | None = None) -> dict[str, list[Claim]]:
    """unit_id -> claims, for every unit the answer covers. A unit the answer
    does not mention is absent from the result (not "clean"). `needs` gets
    the symbols the model said it lacked, by unit."""
    out: dict[str, list[Claim]] = {}
    for i, entry in enumerate(_field(data, "units", list, "answer")):
        where = f"units[{i}]"
        uid = _field(entry, "unit_id", str, where)
        if uid not in unit_ids:
            continue                    # a unit we did not ask about: ignored, never trusted
        claims = []
        for j, f in enumerate(_field(entry, "findings", list, where)):
            w = f"{where}.findings[{j}]"
            sev, conf = _field(f, "severity", str, w).lower(), _field(f, "confidence", str, w).lower()
            if sev not in SEVERITIES or conf not in CONFIDENCES:
                raise BadAnswer(f"{w}: severity or confidence out of range")
            claims.append(Claim(uid, _field(f, "category", str, w)[:40], _field(f, "cwe", str, w)[:16], sev, conf,
                                _field(f, "line_start", int, w), _field(f, "line_end", int, w),
                                _field(f, "evidence", str, w), _field(f, "title", str, w)[:200],
                                _field(f, "explanation", str, w)[:2000], bool(f.get("introduced", True)), model))
        out[uid] = out.get(uid, []) + claims
        wanted = entry.get("needs_context")
        if needs is not None and isinstance(wanted, list) and wanted:
            needs[uid] = [str(w)[:80] for w in wanted[:10]]
    return out


def refute_verdict(data: dict, source: str) -> Verdict:
    verdict = _field(data, "verdict", str, "answer").upper()
    if verdict not in VERDICTS:
        raise BadAnswer(f"answer: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    return Verdict(source, verdict, _field(data, "reason", str, "answer")[:500], _field(data, "quote", str, "answer"),
                   _field(data, "line", int, "answer"))


def claim_dict(c: Claim) -> dict:
    return {"unit_id": c.unit_id, "category": c.category, "cwe": c.cwe, "severity": c.severity,
            "confidence": c.confidence, "line_start": c.line_start, "line_end": c.line_end,
            "evidence": c.evidence, "title": c.title, "explanation": c.explanation, "introduced": c.introduced}


def claim_from_dict(d: dict, model: str) -> Claim:
    return Claim(**{k: d[k] for k in claim_dict(Claim("", "", "", "", "", 0, 0, "", "", "", True))}, model=model)
