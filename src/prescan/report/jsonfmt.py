"""JSON report, schema "prescan-report" version 1 (docs/json-report.md)."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from prescan import __version__
from prescan._native import BACKEND
from prescan.findings import Finding
from prescan.report.gate import blocks
from prescan.rules.model import SEVERITIES

SCHEMA = "prescan-report"
SCHEMA_VERSION = 1


def finding_dict(f: Finding, blocking: bool) -> dict:
    d = asdict(f)
    d["cwe"], d["owasp"] = list(f.cwe), list(f.owasp)
    d["trace"] = [asdict(s) for s in f.trace]
    d["removed"] = list(f.removed)
    d["extra"] = dict(f.extra)
    d["suppressed"] = "suppressed" in d["extra"]          # the reason is extra["suppressed"]
    d["blocking"] = blocking
    return d


def render(result, opts) -> str:
    cs = result.change
    new = [f for f in result.findings if f.status == "new"]
    doc = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prescan", "version": __version__, "backend": BACKEND,
                 "ruleset": result.ruleset.digest, "rules": len(result.ruleset.rules)},
        "change": {"mode": cs.mode, "base": cs.base, "head": cs.head, "description": cs.description,
                   "files": len(cs.files)},
        "summary": {
            "new": {s: c for s, c in Counter(f.severity for f in new).items()},
            "unchanged": sum(1 for f in result.findings if f.status == "unchanged"),
            "fixed": len(result.fixed),
            "blocking": sum(1 for f in result.findings if blocks(f, opts.fail_on, opts.min_confidence)),
            "fail_on": opts.fail_on,
            "exit_code": opts.exit_code,
        },
        "findings": [finding_dict(f, blocks(f, opts.fail_on, opts.min_confidence)) for f in result.findings],
        "fixed": [finding_dict(f, False) for f in result.fixed],
        "warnings": [{"path": w.path, "line": w.line, "kind": w.kind, "message": w.message}
                     for w in result.warnings],
        "stats": result.stats,
        "timings": {k: round(v, 6) for k, v in result.timings.items()},
    }
    if getattr(result, "audit", None) is not None:
        from prescan.audit.render import json_doc
        doc["audit"] = json_doc(result.audit)
    doc["summary"]["new"] = {s: doc["summary"]["new"].get(s, 0) for s in SEVERITIES}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
