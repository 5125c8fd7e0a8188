"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps)."""
from __future__ import annotations

import json
from pathlib import Path

from prescan import __version__
from prescan.findings import Finding
from prescan.rules.model import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub sorts alerts by this 0-10 score
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
PRECISION = {"high": "high", "medium": "medium", "low": "low"}
HOME = "https://github.com/prescan/prescan"


def _rule_descriptor(rule: Rule | None, rule_id: str, finding: Finding) -> dict:
    if rule is None:        # findings of other origins (secrets, policy) describe themselves
        return {"id": rule_id, "name": rule_id,
                "shortDescription": {"text": finding.message[:200]},
                "defaultConfiguration": {"level": LEVEL[finding.severity]},
                "properties": {"tags": ["security", *finding.cwe],
                               "security-severity": SECURITY_SEVERITY[finding.severity]}}
    refs = "\n".join(f"- {r}" for r in rule.references)
    markdown = f"**{rule.message}**\n\n{rule.why}\n\n**Fix:** {rule.fix}" + (f"\n\n{refs}" if refs else "")
    desc = {
        "id": rule.id,
        "name": "".join(p.capitalize() for p in rule.id.split("-")),
        "shortDescription": {"text": rule.message.split("\n")[0][:200]},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\nFix: {rule.fix}", "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "tags": ["security", *rule.cwe, *(f"OWASP-{o}" for o in rule.owasp)] if rule.category == "security"
            else [rule.category, *rule.cwe],
            "precision": PRECISION[rule.confidence],
            "security-severity": SECURITY_SEVERITY[rule.severity],
        },
    }
    if rule.references:
        desc["helpUri"] = rule.references[0]
    return desc


def _result(f: Finding, index: int) -> dict:
    region = {"startLine": f.start_line, "startColumn": f.start_col, "endLine": f.end_line,
              "endColumn": f.end_col, "snippet": {"text": f.snippet}}
    res = {
        "ruleId": f.rule_id,
        "ruleIndex": index,
        # a finding the base already had does not block the change: shown as a note
        "level": LEVEL[f.severity] if f.status == "new" else "note",
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {"artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                                 "region": region},
            "logicalLocations": [{"fullyQualifiedName": f.unit, "kind": "function"}],
        }],
        "partialFingerprints": {"prescanFingerprint/v1": f.fingerprint},
        "baselineState": "new" if f.status == "new" else "unchanged",
        "properties": {"severity": f.severity, "confidence": f.confidence, "origin": f.origin,
                       "unit": f.unit, "tags": list(f.cwe)},
    }
    if f.trace:
        res["codeFlows"] = [{"threadFlows": [{"locations": [
            {"location": {"physicalLocation": {"artifactLocation": {"uri": _uri(s.path), "uriBaseId": "%SRCROOT%"},
                                               "region": {"startLine": s.line, "startColumn": max(1, s.column)}},
                          "message": {"text": s.note}}}
            for s in f.trace]}]}]
    if f.link:
        res["properties"]["link"] = f.link
        res["message"]["text"] += f" (linked to the change: {f.link})"
    if f.removed:
        res["properties"]["removedLines"] = list(f.removed)
    if f.origin == "model":
        from prescan.audit.render import sarif_properties
        res["properties"].update(sarif_properties(f))
    return res


def _uri(path: str) -> str:
    from urllib.parse import quote
    return quote(path.replace("\\", "/"), safe="/")


def render(result, opts) -> str:
    rules_by_id = result.ruleset.by_id
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    results = []
    for f in result.findings:
        if f.rule_id not in index:
            index[f.rule_id] = len(descriptors)
            descriptors.append(_rule_descriptor(rules_by_id.get(f.rule_id), f.rule_id, f))
        results.append(_result(f, index[f.rule_id]))
    root = result.change.repo_root
    run = {
        "tool": {"driver": {"name": "prescan", "version": __version__, "semanticVersion": __version__,
                            "informationUri": HOME, "rules": descriptors}},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "invocations": [{
            "executionSuccessful": True,
            "exitCode": opts.exit_code,
            "toolExecutionNotifications": [
                {"level": "warning", "message": {"text": w.message},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(w.path),
                                                                          "uriBaseId": "%SRCROOT%"},
                                                     **({"region": {"startLine": w.line}} if w.line else {})}}]}
                for w in result.warnings],
        }],
        "properties": {"change": {"mode": result.change.mode, "base": result.change.base,
                                  "head": result.change.head}},
    }
    if root:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": Path(root).resolve().as_uri() + "/"}}
    if result.change.head:
        run["versionControlProvenance"] = [{"repositoryUri": Path(root).resolve().as_uri() if root else "",
                                            "revisionId": result.change.head}]
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
