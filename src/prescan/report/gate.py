"""The gate: which findings block, and the exit code that says so."""
from __future__ import annotations

from prescan.errors import EXIT_CLEAN, EXIT_FINDINGS
from prescan.findings import Finding
from prescan.report.common import suppression
from prescan.rules.model import CONFIDENCE_RANK, SEVERITY_RANK

FAIL_ON_NEVER = "never"


def blocks(f: Finding, fail_on: str, min_confidence: str = "low") -> bool:
    if fail_on == FAIL_ON_NEVER or f.status != "new" or suppression(f) is not None:
        return False
    extra = dict(f.extra)
    fail_on = extra.get("fail-on", fail_on)     # a [[paths]] fail-on of the policy
    if fail_on == FAIL_ON_NEVER:
        return False
    return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] and \
        CONFIDENCE_RANK[f.confidence] >= CONFIDENCE_RANK[min_confidence]


def exit_code(findings: list[Finding], fail_on: str, min_confidence: str = "low") -> int:
    return EXIT_FINDINGS if any(blocks(f, fail_on, min_confidence) for f in findings) else EXIT_CLEAN
