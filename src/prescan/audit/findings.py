"""Confirmed model claims as Findings of origin `model`: located in the head
file, with the model that answered, the validation state and its rationale
in `extra`, and a fingerprint like any other finding's."""
from __future__ import annotations

import re

from prescan.analyze.secrets import redact
from prescan.findings import Finding
from prescan.store.fingerprint import base_fingerprint, number_occurrences


def rule_id(category: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", category.lower()).strip("-") or "other"
    return f"model-{slug}"


def to_findings(result, units: dict, checked) -> list[Finding]:
    heads = {v.path: v for v in result.versions if v.side == "head"}
    out = []
    for cc in checked:
        c = cc.claim
        u = units[c.unit_id]
        head = heads.get(u.path)
        lines = head.data.decode("utf-8", "replace").split("\n") if head else []
        code = lines[c.line_start - 1:c.line_end]
        snippet = redact("\n".join(code))
        rid = rule_id(c.category)
        cwe = (c.cwe.upper(),) if re.fullmatch(r"(?i)CWE-\d+", c.cwe) else ()
        extra = (("model", c.model), ("validation", cc.state), ("rationale", cc.rationale),
                 ("explanation", c.explanation))
        out.append(Finding(rid, "model", c.severity, c.confidence, c.title, u.path, c.line_start, 1, c.line_end,
                           len(code[-1]) + 1 if code else 1, u.qualname, snippet, u.language, cwe,
                           fingerprint=base_fingerprint(rid, u.qualname, snippet.encode()), status="new",
                           extra=extra))
    return number_occurrences(out)
