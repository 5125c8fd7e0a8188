"""Findings and scan rows for the store tests, built like the pipeline builds them."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from prescan.findings import Finding, TraceStep
from prescan.store.fingerprint import base_fingerprint, number_occurrences

T0 = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)


def finding(rule="subprocess-shell-true", path="app.py", line=3, unit="run", code="subprocess.run(c, shell=True)",
            severity="high", **kw) -> Finding:
    return Finding(rule_id=rule, origin="rule", severity=severity, confidence="high", message=f"{rule} here",
                   path=path, start_line=line, start_col=5, end_line=line, end_col=5 + len(code), unit=unit,
                   snippet=code, language="python", cwe=("CWE-78",),
                   fingerprint=base_fingerprint(rule, unit, code.encode()), **kw)


def numbered(findings) -> list[Finding]:
    return number_occurrences(findings)


def scan_row(scan_id: str, release: str | None = None, n: int = 0, minutes: int = 0, **kw) -> dict:
    at = T0 + timedelta(minutes=minutes)
    row = {"scan_id": scan_id, "repository": "/tmp/repo", "kind": "full", "mode": "all", "description": "test",
           "base_commit": None, "head_commit": "a" * 40, "release": release, "baseline": None,
           "ruleset_hash": "r" * 32, "rules": 3, "prescan_version": "0.1.0", "native_backend": "cython",
           "started_at": at, "ended_at": at + timedelta(seconds=2), "timings": [("total", 2.0)],
           "counters": [("files_scanned", 4)], "model_input_tokens": 0, "model_output_tokens": 0,
           "findings": n, "critical": 0, "high": n, "medium": 0, "low": 0, "info": 0, "fixed": 0}
    row.update(kw)
    return row


RICH = Finding(rule_id="py-taint-sqli", origin="taint", severity="critical", confidence="medium",
               message="request data reaches SQL", path="web/views.py", start_line=10, start_col=3,
               end_line=11, end_col=40, unit="UserView.get", snippet="cur.execute(q)\n  # more",
               language="python", cwe=("CWE-89",), owasp=("A03:2021",),
               trace=(TraceStep("web/views.py", 8, 5, "source: request.args"),
                      TraceStep("web/views.py", 10, 3, "sink: execute")),
               fingerprint="0123456789abcdef0123456789abcdef:2", status="unchanged",
               removed=("if not valid(q): return",), link="calls changed unit validate",
               extra=(("model", "none"), ("k", "v")))
