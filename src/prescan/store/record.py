"""From a ScanResult to the store's two tables, and the comparison of a
scan with a recorded baseline release."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime

from prescan import __version__
from prescan.findings import Finding
from prescan.store import diff as D
from prescan.store import reader
from prescan.store import schema as S
from prescan.store.location import Location
from prescan.store.writer import new_scan_id, write_scan


def scan_row(result, scan_id: str, *, repository: str, started_at: datetime, ended_at: datetime,
             release: str | None = None, baseline: str | None = None, counters: dict | None = None) -> dict:
    from prescan._native import BACKEND
    cs = result.change
    live = [f for f in result.findings if f.status != "fixed"]
    by_sev = Counter(f.severity for f in live)
    all_counters = {k: int(v) for k, v in result.stats.items() if isinstance(v, (int, bool))}
    all_counters.update(counters or {})
    return {
        "scan_id": scan_id, "schema_version": S.SCHEMA_VERSION, "repository": repository,
        "kind": "full" if cs.mode == "all" else "diff", "mode": cs.mode, "description": cs.description,
        "base_commit": cs.base, "head_commit": cs.head, "release": release, "baseline": baseline,
        "ruleset_hash": result.ruleset.digest, "rules": len(result.ruleset.rules),
        "prescan_version": __version__, "native_backend": BACKEND,
        "started_at": started_at, "ended_at": ended_at,
        "timings": sorted((k, float(v)) for k, v in result.timings.items()),
        "counters": sorted(all_counters.items()),
        # no model auditor runs yet: its token use is recorded as zero
        "model_input_tokens": int(result.stats.get("model_input_tokens", 0)),
        "model_output_tokens": int(result.stats.get("model_output_tokens", 0)),
        "findings": len(live), **{s: by_sev[s] for s in S.SEVERITY_COLUMNS},
        "fixed": len(result.fixed),
    }


def record(loc: Location, result, *, repository: str, started_at: datetime, ended_at: datetime,
           release: str | None = None, baseline: str | None = None, counters: dict | None = None) -> str:
    scan_id = new_scan_id(started_at)
    row = scan_row(result, scan_id, repository=repository, started_at=started_at, ended_at=ended_at,
                   release=release, baseline=baseline, counters=counters)
    table = S.findings_table([*result.findings, *result.fixed], scan_id)
    return write_scan(loc, row, table)


def against_baseline(loc: Location, name: str, findings: list[Finding], whole_tree: bool
                     ) -> tuple[list[Finding], list[Finding], int, dict]:
    """Split a scan's findings by a recorded release: (not in the baseline,
    baseline findings gone, how many matched, the baseline's row). Gone ones
    are only known when the scan covered the whole tree."""
    cat = reader.catalog(loc)
    base = reader.resolve(cat, name)
    old = reader.findings(loc, base["scan_id"])
    old = old.filter(reader.live(old))
    live = [f for f in findings if f.status != "fixed"]
    new = S.findings_table(live)
    m = D.match(old, new)
    fresh = [live[i] for i in sorted(m.new)]
    gone = [replace(f, status="fixed") for f in S.findings_from_table(old.take(m.fixed))] if whole_tree else []
    return fresh, gone, len(live) - len(fresh), base
