"""Report-level test helpers: synthetic scan results (formatter tests build
findings directly; the scans that produce them are tested in e2e), GitHub's
SARIF ingestion constraints checked from tests/data, and snapshots."""
from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

from prescan.change.model import ChangeSet
from prescan.findings import Finding, TraceStep
from prescan.pipeline import FileWarning, ScanResult
from prescan.rules.loader import RuleSet
from prescan.rules.model import Leaf, Rule

DATA = Path(__file__).resolve().parent.parent / "data"
GITHUB = json.loads((DATA / "github-sarif-limits.json").read_text())
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())

# content a scanned repository controls, written to break each output format
HOSTILE = ('</failure>]]><script>alert(1)</script> | *bold* [x](javascript:alert(1)) <!-- \n'
           '::error file=evil.py,line=1::injected\n%0A::warning::also\r\n"quoted" & \'single\' `tick`\x1b[31m\x00')


def rule(rid="demo-shell", severity="high", confidence="high", cwe=("CWE-78",), **kw) -> Rule:
    return Rule(id=rid, languages=("python",), severity=severity, confidence=confidence,
                message=kw.pop("message", "shell command built from $CMD"),
                why=kw.pop("why", "A shell parses the whole string.\n\nAttackers add `;`."),
                fix=kw.pop("fix", "Pass a list of arguments."), formula=Leaf("pattern", "x", 1), cwe=cwe,
                owasp=kw.pop("owasp", ("A03:2021",)),
                references=kw.pop("references", ("https://docs.python.org/3/library/subprocess.html",)),
                example=kw.pop("example", "subprocess.run(cmd, shell=True)"), path="rules/demo.yml", **kw)


def finding(i=0, severity="high", confidence="high", rid="demo-shell", status="new", path="app/run.py",
            **kw) -> Finding:
    line = kw.pop("start_line", 10 + i)
    return Finding(rule_id=rid, origin=kw.pop("origin", "rule"), severity=severity, confidence=confidence,
                   message=kw.pop("message", f"shell command built from cmd{i}"), path=path,
                   start_line=line, start_col=5, end_line=line, end_col=40, unit=kw.pop("unit", f"run{i}"),
                   snippet=kw.pop("snippet", f"subprocess.run(cmd{i}, shell=True)"), language=kw.pop("language", "python"),
                   cwe=kw.pop("cwe", ("CWE-78",)), fingerprint=kw.pop("fingerprint", f"{i:016x}"), status=status,
                   **kw)


def scan_result(findings, rules=(), fixed=(), warnings=(), repo_root="", mode="range") -> ScanResult:
    cs = ChangeSet(repo_root=repo_root, mode=mode, base="a" * 40, head="b" * 40, description="main...feature")
    return ScanResult(cs, RuleSet(tuple(rules), "digest"), list(findings), list(fixed), list(warnings),
                      {"files_scanned": 3, "lines_scanned": 120, "rules": len(rules)}, {"total": 0.5})


def small_result(repo_root="") -> ScanResult:
    """Findings of each status and origin, a trace, a suppression, a warning."""
    trace = (TraceStep("app/views.py", 3, 9, "request.args['cmd'] (source)"),
             TraceStep("app/run.py", 12, 5, "subprocess.run(cmd, shell=True) (sink)"))
    findings = [
        finding(0, "critical", trace=trace, origin="taint", link="app/views.py:3 calls run0"),
        finding(1, "medium", "low", status="unchanged"),
        finding(2, "high", extra=(("suppressed", "inline"), ("suppressed-reason", "input is a constant"))),
        finding(3, "high", rid="generic-api-key", origin="secret", path="config/settings.py",
                message="a committed credential (ghp_************)", snippet="TOKEN = 'ghp_************'",
                cwe=("CWE-798",)),
    ]
    fixed = [finding(9, "high", status="fixed", path="app/old.py")]
    return scan_result(findings, [rule()], fixed, [FileWarning("app/broken.py", "syntax error", 2, "syntax")],
                       repo_root=repo_root)


def github_sarif_violations(doc: dict, text: str | None = None) -> list[str]:
    """Every way doc breaks what GitHub code scanning requires (tests/data/github-sarif-limits.json)."""
    lim, req, out = GITHUB["limits"], GITHUB["required"], []
    if text is not None and len(gzip.compress(text.encode())) > lim["gzip_bytes"]:
        out.append("file over the gzip size limit")
    out += [f"log lacks {k}" for k in req["log"] if _get(doc, k) is None]
    if len(doc.get("runs", [])) > lim["runs_per_file"]:
        out.append("too many runs")
    for r, run in enumerate(doc.get("runs", [])):
        out += [f"run {r} lacks {k}" for k in req["run"] if _get(run, k) is None]
        rules = _get(run, "tool.driver.rules") or []
        if len(run.get("results", [])) > lim["results_per_run"]:
            out.append(f"run {r}: too many results")
        if len(rules) > lim["rules_per_run"]:
            out.append(f"run {r}: too many rules")
        if len(_get(run, "tool.extensions") or []) > lim["tool_extensions_per_run"]:
            out.append(f"run {r}: too many extensions")
        for rule in rules:
            out += [f"rule {rule.get('id')} lacks {k}" for k in req["rule"] if _get(rule, k) is None]
            props = rule.get("properties", {})
            tags = props.get("tags", [])
            if len(tags) > lim["tags_per_rule"]:
                out.append(f"rule {rule['id']}: too many tags")
            if "precision" in props and props["precision"] not in GITHUB["precision"]:
                out.append(f"rule {rule['id']}: precision {props['precision']}")
            if "security-severity" in props:
                score = float(props["security-severity"])
                if not GITHUB["security_severity"]["min"] <= score <= GITHUB["security_severity"]["max"]:
                    out.append(f"rule {rule['id']}: security-severity {score}")
                if GITHUB["security_tag"] not in tags:
                    out.append(f"rule {rule['id']}: security-severity without the security tag")
            out += [f"rule {rule['id']}: tag {t}" for t in tags
                    if t.startswith("external/cwe") and not re.match(GITHUB["cwe_tag_pattern"], t)]
        for i, res in enumerate(run.get("results", [])):
            out += [f"result {i} lacks {k}" for k in req["result"] if _get(res, k) is None]
            if res.get("level", "warning") not in GITHUB["levels"]:
                out.append(f"result {i}: level {res['level']}")
            locs = res.get("locations", [])
            if len(locs) > lim["locations_per_result"]:
                out.append(f"result {i}: too many locations")
            for loc in locs:
                out += [f"result {i} location lacks {k}" for k in req["location"] if _get(loc, k) is None]
            for flow in res.get("codeFlows", []):
                for tf in flow.get("threadFlows", []):
                    if len(tf.get("locations", [])) > lim["thread_flow_locations_per_result"]:
                        out.append(f"result {i}: too many thread flow locations")
    return out


def _get(obj, dotted: str):
    for key in dotted.split(".") if not dotted.startswith("$") else [dotted]:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/data/snapshots/NAME; PRESCAN_UPDATE_SNAPSHOTS=1 rewrites it (review the diff)."""
    path = DATA / "snapshots" / name
    if os.environ.get("PRESCAN_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text)
        if os.environ.get("PRESCAN_UPDATE_SNAPSHOTS") != "1":
            raise AssertionError(f"snapshot {name} was missing and has been written; review it and run again")
    assert text == path.read_text(), f"output differs from snapshot {path} (PRESCAN_UPDATE_SNAPSHOTS=1 updates it)"
