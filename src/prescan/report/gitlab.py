"""GitLab SAST report (`gl-sast-report.json`, `artifacts: reports: sast:`),
security report schema version 15.0.6
(gitlab-org/security-products/security-report-schemas, dist/sast-report-format.json).

In 15.x a vulnerability has no `category`, `message`, `confidence` or
`scanner` any more (the scanner is the report's `scan.scanner`), so prescan's
confidence goes into the description. The first identifier is the primary
one, which GitLab uses to track a vulnerability across pipelines: the rule
id; CWE identifiers follow (GitLab never merges findings on those)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

from prescan import __version__
from prescan.report.common import cwe_number, cwe_url, suppression

SCHEMA_VERSION = "15.0.6"
SCHEMA_URL = ("https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/"
              f"v{SCHEMA_VERSION}/dist/sast-report-format.json")
HOME = "https://github.com/prescan/prescan"
MAX_IDENTIFIERS = 20            # GitLab stores the first 20 identifiers of a vulnerability
MAX_NAME = 255                  # the schema's maxLength of a name, a solution, a description
MAX_SOLUTION = 7000
MAX_DESCRIPTION = 1_048_576
_NAMESPACE = uuid.UUID("6f2b8f9e-3c1d-5a7e-9b40-2d7c1e5a9f10")


def _tool() -> dict:
    return {"id": "prescan", "name": "prescan", "url": HOME, "vendor": {"name": "prescan"}, "version": __version__}


def _time(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")      # the schema's pattern: no zone, no fraction


def _vulnerability(f, rule, vid: str) -> dict:
    name = (rule.message if rule is not None else f.message).split("\n")[0]
    description = f.message
    if rule is not None and rule.why.strip():
        description += "\n\n" + rule.why.strip()
    if f.trace:
        description += "\n\nData flow:\n" + "\n".join(f"- {s.path}:{s.line} {s.note}" for s in f.trace)
    if f.removed:
        description += "\n\nLines the change removed:\n" + "\n".join(f"- `{r}`" for r in f.removed)
    description += f"\n\nConfidence: {f.confidence}. Status: {'new' if f.status == 'new' else 'pre-existing'}."
    identifiers = [{"type": "prescan_rule_id", "name": f"prescan {f.rule_id}", "value": f.rule_id,
                    **({"url": rule.references[0]} if rule is not None and rule.references else {})}]
    identifiers += [{"type": "cwe", "name": c, "value": n, "url": cwe_url(c)}
                    for c, n in ((c, cwe_number(c)) for c in f.cwe) if n]
    v = {
        "id": vid,
        "name": name[:MAX_NAME],
        "description": description[:MAX_DESCRIPTION],
        "severity": f.severity.capitalize(),
        "identifiers": identifiers[:MAX_IDENTIFIERS],
        "location": {"file": f.path, "start_line": f.start_line, "end_line": f.end_line,
                     **({"method": f.unit} if f.unit and f.unit != "<module>" else {})},
    }
    if rule is not None and rule.fix.strip():
        v["solution"] = rule.fix.strip()[:MAX_SOLUTION]
    if rule is not None and rule.references:
        v["links"] = [{"url": r} for r in rule.references]
    return v


def render(result, opts) -> str:
    rules = result.ruleset.by_id
    end = datetime.now(timezone.utc)
    start = end - timedelta(seconds=result.timings.get("total", 0.0))
    shown = [f for f in result.findings if suppression(f) is None]
    messages = [{"level": "warn", "value": f"{w.path}{':' + str(w.line) if w.line else ''}: {w.message}"}
                for w in result.warnings]
    if len(shown) < len(result.findings):
        messages.append({"level": "info", "value": f"{len(result.findings) - len(shown)} suppressed findings "
                                                   "are not reported"})
    doc = {
        "version": SCHEMA_VERSION,
        "schema": SCHEMA_URL,
        "scan": {"analyzer": _tool(), "scanner": _tool(), "type": "sast", "status": "success",
                 "start_time": _time(start), "end_time": _time(end), "messages": messages},
        "vulnerabilities": [_vulnerability(f, rules.get(f.rule_id), vid) for f, vid in zip(shown, _ids(shown))],
    }
    # indented for a person, compact for a big report (json's indenting encoder is slow)
    pretty = len(doc["vulnerabilities"]) <= 1_000
    return json.dumps(doc, indent=2 if pretty else None, ensure_ascii=False) + "\n"


def _ids(findings) -> list[str]:
    """A UUID per finding, the same in every pipeline for the same finding (its
    fingerprint and place), unique within the report."""
    out, seen = [], set()
    for i, f in enumerate(findings):
        key = f"{f.rule_id}\0{f.fingerprint}\0{f.path}\0{f.start_line}\0{f.start_col}"
        vid = str(uuid.uuid5(_NAMESPACE, key))
        if vid in seen:
            vid = str(uuid.uuid5(_NAMESPACE, f"{key}\0{i}"))
        seen.add(vid)
        out.append(vid)
    return out
