"""Reports of a release diff (`prescan diff`): text for a person, JSON
(schema "prescan-diff" version 1, docs/store.md), and SARIF of the new
findings through the scan report's SARIF writer."""
from __future__ import annotations

import json
from collections import Counter
from types import SimpleNamespace

from prescan import __version__
from prescan.change.model import ChangeSet
from prescan.report import sarif
from prescan.report.jsonfmt import finding_dict
from prescan.rules.model import SEVERITIES

SCHEMA = "prescan-diff"
SCHEMA_VERSION = 1


def scan_label(scan: dict) -> str:
    name = scan["release"] or scan["scan_id"]
    parts = [f"scan {scan['scan_id']}" if scan["release"] else None,
             (scan["head_commit"] or "")[:7] or None,
             f"{scan['started_at']:%Y-%m-%d %H:%M}" if scan.get("started_at") else None]
    return f"{name} ({', '.join(p for p in parts if p)})"


def render_text(d, new, fixed, moved, persisting) -> str:
    """persisting: the persisting findings, or only their number."""
    out = [f"prescan diff: {scan_label(d.old)} -> {scan_label(d.new)}", ""]
    if new:
        out.append(f"New ({len(new)}):")
        out += [f"  {f.path}:{f.start_line}  {f.severity:<8} {f.rule_id}  {f.message}" for f in new]
        out.append("")
    if fixed:
        out.append(f"Fixed ({len(fixed)}):")
        out += [f"  {f.path}:{f.start_line}  {f.severity:<8} {f.rule_id}  {f.message}" for f in fixed]
        out.append("")
    if moved:
        out.append(f"Persisting, moved and changed ({len(moved)}):")
        out += [f"  {o.path}:{o.start_line} -> {n.path}:{n.start_line}  {n.rule_id}  (similarity {s:.2f})"
                for o, n, s in moved]
        out.append("")
    if isinstance(persisting, list) and persisting:
        out.append(f"Persisting ({len(persisting)}):")
        out += [f"  {f.path}:{f.start_line}  {f.severity:<8} {f.rule_id}  {f.message}" for f in persisting]
        out.append("")
    for p in d.problems:
        out.append(f"warning: {p.one_line()}")
    if d.problems:
        out.append("")
    counts = Counter(f.severity for f in new)
    parts = [f"{counts[s]} {s}" for s in SEVERITIES if counts[s]]
    out.append(f"{len(new)} new" + (f" ({', '.join(parts)})" if parts else "")
               + f", {len(fixed)} fixed, {_count(persisting) + len(moved)} persisting"
               + (f" ({len(moved)} moved and changed)" if moved else "") + ".")
    return "\n".join(out) + "\n"


def _scan_doc(scan: dict) -> dict:
    return {"scan_id": scan["scan_id"], "release": scan["release"], "kind": scan["kind"],
            "head_commit": scan["head_commit"], "base_commit": scan["base_commit"],
            "started_at": scan["started_at"].isoformat() if scan.get("started_at") else None,
            "findings": scan["findings"], "ruleset_hash": scan["ruleset_hash"],
            "prescan_version": scan["prescan_version"]}


def _count(persisting) -> int:
    return len(persisting) if isinstance(persisting, list) else persisting


def render_json(d, new, fixed, moved, persisting) -> str:
    counts = Counter(f.severity for f in new)
    doc = {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prescan", "version": __version__},
        "old_scan": _scan_doc(d.old), "new_scan": _scan_doc(d.new),
        "summary": {"new": {s: counts[s] for s in SEVERITIES}, "new_total": len(new), "fixed": len(fixed),
                    "persisting": _count(persisting) + len(moved), "persisting_moved": len(moved)},
        "findings": {
            "new": [finding_dict(f, False) for f in new],
            "fixed": [finding_dict(f, False) for f in fixed],
            "persisting_moved": [{"old": finding_dict(o, False), "new": finding_dict(n, False),
                                  "similarity": round(s, 4)} for o, n, s in moved],
        },
        "warnings": [p.one_line() for p in d.problems],
    }
    if isinstance(persisting, list):
        doc["findings"]["persisting"] = [finding_dict(f, False) for f in persisting]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_sarif(d, new, ruleset, exit_code: int) -> str:
    """The new findings as a SARIF run, like a scan's."""
    change = ChangeSet(repo_root="", mode="release-diff", base=d.old["head_commit"], head=d.new["head_commit"],
                       description=f"{d.old['release'] or d.old['scan_id']}...{d.new['release'] or d.new['scan_id']}")
    result = SimpleNamespace(findings=new, ruleset=ruleset, warnings=[], change=change)
    return sarif.render(result, SimpleNamespace(exit_code=exit_code))
