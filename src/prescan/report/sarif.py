"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps),
kept within GitHub's ingestion limits (report/sarif_limits.py)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from prescan import __version__
from prescan.findings import Finding
from prescan.report import sarif_limits as limits
from prescan.report.common import cwe_number, rule_doc_sections, suppression
from prescan.rules.model import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub maps security-severity to its levels: over 9.0 critical, 7.0-8.9
# high, 4.0-6.9 medium, 0.1-3.9 low ("SARIF support for code scanning",
# reportingDescriptor object); GitHub sorts alerts by it.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
PRECISION = {"high": "high", "medium": "medium", "low": "low"}
HOME = "https://github.com/prescan/prescan"
FINGERPRINT_KEY = "prescanFingerprint/v1"
MAX_SNIPPET = 4000              # characters of flagged code in a result; the rest is in the file


def _tags(category: str, cwe, owasp=()) -> list[str]:
    # GitHub reads `security` (for security-severity to count) and
    # `external/cwe/cwe-NNN` (CodeQL's spelling, zero-padded to 3 digits)
    cwes = [f"external/cwe/cwe-{int(n):03d}" for n in (cwe_number(c) for c in cwe) if n]
    head = ["security"] if category == "security" else [category]
    return limits.cap_tags([*head, *cwes, *(f"external/owasp/{o}" for o in owasp)])


def _rule_descriptor(rule: Rule | None, rule_id: str, finding: Finding) -> dict:
    if rule is None:        # findings of other origins (secrets, policy) describe themselves
        return {"id": rule_id, "name": rule_id,
                "shortDescription": {"text": finding.message.split("\n")[0][:200]},
                "fullDescription": {"text": finding.message},
                "help": {"text": finding.message, "markdown": finding.message},
                "defaultConfiguration": {"level": LEVEL[finding.severity]},
                "properties": {"tags": _tags("security", finding.cwe),
                               "precision": PRECISION[finding.confidence],
                               "security-severity": SECURITY_SEVERITY[finding.severity]}}
    sections = rule_doc_sections(rule)
    text = "\n\n".join(f"{h}\n{t}" for h, t in sections)
    markdown = "\n\n".join(f"**{h}**\n\n" + (f"```\n{t}\n```" if h == "Example" else t) for h, t in sections)
    desc = {
        "id": rule.id,
        "name": "".join(p.capitalize() for p in rule.id.split("-")),
        "shortDescription": {"text": rule.message.split("\n")[0][:200]},
        "fullDescription": {"text": rule.why.strip() or rule.message},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "tags": _tags(rule.category, rule.cwe, rule.owasp),
            "precision": PRECISION[rule.confidence],
            "security-severity": SECURITY_SEVERITY[rule.severity],
        },
    }
    if rule.references:
        desc["helpUri"] = rule.references[0]
    return desc


def _artifact(path: str) -> dict:
    return {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}


def _result(f: Finding, index: int) -> dict:
    snippet = f.snippet if len(f.snippet) <= MAX_SNIPPET else f.snippet[:MAX_SNIPPET] + "..."
    region = {"startLine": f.start_line, "startColumn": f.start_col, "endLine": f.end_line,
              "endColumn": f.end_col, "snippet": {"text": snippet}}
    res = {
        "ruleId": f.rule_id,
        "ruleIndex": index,
        # a finding the base already had does not block the change: shown as a note
        "level": LEVEL[f.severity] if f.status == "new" else "note",
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {"artifactLocation": _artifact(f.path), "region": region},
            "logicalLocations": [{"fullyQualifiedName": f.unit, "kind": "function"}],
        }],
        # GitHub computes primaryLocationLineHash itself on upload; prescan's
        # own fingerprint survives line moves and renames, which that hash does not
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "baselineState": "new" if f.status == "new" else "unchanged",
        "properties": {"severity": f.severity, "confidence": f.confidence, "origin": f.origin,
                       "unit": f.unit, "tags": list(f.cwe)},
    }
    if f.trace:
        steps, cut = limits.cap_steps(f.trace)
        res["codeFlows"] = [{"threadFlows": [{"locations": [
            {"location": {"physicalLocation": {"artifactLocation": _artifact(s.path),
                                               "region": {"startLine": s.line, "startColumn": max(1, s.column)}},
                          "message": {"text": s.note}}}
            for s in steps]}]}]
        if cut:
            res["properties"]["traceStepsOmitted"] = cut
    if f.link:
        res["properties"]["link"] = f.link
        res["message"]["text"] += f" (linked to the change: {f.link})"
    if f.removed:
        res["properties"]["removedLines"] = list(f.removed)
    sup = suppression(f)
    if sup is not None:         # no `status`: absent means accepted, and the schemas disagree on its name
        where, reason = sup
        res["suppressions"] = [{"kind": "inSource" if where == "inline" else "external",
                                **({"justification": reason} if reason else {}),
                                **({"location": {"physicalLocation": {"artifactLocation": _artifact(where)}}}
                                   if where not in ("inline", "true") else {})}]
    if f.origin == "model":
        from prescan.audit.render import sarif_properties
        res["properties"].update(sarif_properties(f))
    return res


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/")


def render(result, opts) -> str:
    rules_by_id = result.ruleset.by_id
    findings, over_count = limits.keep_most_important(result.findings)
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    results = []
    for f in findings:
        if f.rule_id not in index:
            index[f.rule_id] = len(descriptors)
            descriptors.append(_rule_descriptor(rules_by_id.get(f.rule_id), f.rule_id, f))
        results.append(_result(f, index[f.rule_id]))
    root = result.change.repo_root
    notifications = [
        {"level": "warning", "message": {"text": w.message},
         "locations": [{"physicalLocation": {"artifactLocation": _artifact(w.path),
                                             **({"region": {"startLine": w.line}} if w.line else {})}}]}
        for w in result.warnings]
    run = {
        "tool": {"driver": {"name": "prescan", "version": __version__, "semanticVersion": __version__,
                            "informationUri": HOME, "rules": descriptors}},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "exitCode": opts.exit_code,
                         "toolExecutionNotifications": notifications}],
        "properties": {"change": {"mode": result.change.mode, "base": result.change.base,
                                  "head": result.change.head}},
    }
    if root:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": Path(root).resolve().as_uri() + "/"}}
    if result.change.head and root:
        run["versionControlProvenance"] = [{"repositoryUri": Path(root).resolve().as_uri(),
                                            "revisionId": result.change.head}]
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    text, size_count = limits.fit_size(doc)
    if over_count or size_count:
        _note_omitted(run, len(result.findings), over_count, size_count)
        text = limits.dump(doc)
    return text


def _note_omitted(run: dict, total: int, over_count: int, size_count: int) -> None:
    """Say in the run what was left out and why (GitHub shows notifications
    on the tool's status page)."""
    reasons = []
    if over_count:
        reasons.append(f"GitHub code scanning accepts at most {limits.MAX_RESULTS_PER_RUN:,} results per run")
    if size_count:
        reasons.append(f"the file must stay under {limits.MAX_GZIP_BYTES // (1024 * 1024)} MB gzip-compressed")
    omitted = over_count + size_count
    text = (f"{omitted:,} of {total:,} findings are not in this SARIF file: {'; '.join(reasons)}. "
            "The most severe (then most confident) findings were kept; the full list is in "
            "`prescan scan --format json`.")
    run["invocations"][0]["toolExecutionNotifications"].append(
        {"level": "warning", "descriptor": {"id": "prescan/results-omitted"}, "message": {"text": text}})
    run["properties"]["resultsOmitted"] = {"count": omitted, "total": total, "overResultLimit": over_count,
                                           "overSizeLimit": size_count, "reason": text}
