"""`prescan history`: the scans in the store, oldest first, with counts by severity."""
from __future__ import annotations

import json
import os

import click

from prescan.cli.output import emit
from prescan.cli.storeopts import existing, store_option
from prescan.store.schema import SEVERITY_COLUMNS


@click.command()
@store_option
@click.option("-C", "--repo", "repo", metavar="DIR", help="Run in DIR instead of the current folder.")
@click.option("--releases", "releases_only", is_flag=True, help="Only scans recorded as releases.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=None, help="Only the last N scans.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write the list to FILE.")
def history(store_uri, repo, releases_only, limit, fmt, output) -> None:
    """List the recorded scans with their findings by severity. A file of the
    store that cannot be read is named in a warning; the rest is listed."""
    from prescan.store import reader
    if repo and not os.path.isdir(repo):
        from prescan.errors import UsageError
        raise UsageError("no such folder", path=repo)
    loc = existing(store_uri, repo)
    cat = reader.catalog(loc)
    rows = [r for r in cat.rows() if r["release"] or not releases_only]
    if limit:
        rows = rows[-limit:]
    for p in cat.problems:
        click.echo(f"prescan: warning: {p.one_line()}", err=True)
    emit(_json(rows) if fmt == "json" else _text(rows, loc.display), output)


def _duration(r: dict) -> float:
    return (r["ended_at"] - r["started_at"]).total_seconds() if r["ended_at"] and r["started_at"] else 0.0


def _text(rows: list[dict], where: str) -> str:
    if not rows:
        return f"no scans recorded in {where}\n"
    head = ("scan id", "started (UTC)", "release", "kind", "head", "findings", *SEVERITY_COLUMNS, "fixed", "time")
    table = [head]
    for r in rows:
        table.append((r["scan_id"], f"{r['started_at']:%Y-%m-%d %H:%M:%S}", r["release"] or "-", r["kind"],
                      (r["head_commit"] or "-")[:7], str(r["findings"]),
                      *(str(r[s]) for s in SEVERITY_COLUMNS), str(r["fixed"]), f"{_duration(r):.2f}s"))
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    lines = []
    for row in table:
        cells = [c.ljust(w) if i < 5 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _json(rows: list[dict]) -> str:
    out = []
    for r in rows:
        d = dict(r)
        for k in ("started_at", "ended_at"):
            d[k] = d[k].isoformat() if d[k] else None
        d["timings"] = dict(d["timings"] or [])
        d["counters"] = dict(d["counters"] or [])
        d["duration_s"] = round(_duration(r), 6)
        out.append(d)
    return json.dumps({"schema": "prescan-history", "schema_version": 1, "scans": out}, indent=2) + "\n"
