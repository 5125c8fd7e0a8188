"""Writes one scan into the store so that it appears whole or not at all.

The findings go to findings/<scan id>.parquet first, then the scan's row to
scans/<scan id>.parquet: that second file is the commit. Readers only look
at scans listed in scans/, so a writer killed at any point leaves at most an
orphan findings file (or a temp file) that nothing reads. Every writer has
its own scan id, so concurrent writers never touch the same file."""
from __future__ import annotations

import os
import secrets
import time
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.parquet as pq

from prescan.store import schema as S
from prescan.store.location import Location

FINDINGS_DIR, SCANS_DIR = "findings", "scans"
ROW_GROUP = 64 * 1024         # rows: a diff reads the few groups it needs
# tests set this to slow a write down (seconds in the middle of the findings
# file and again before the commit) so that a SIGKILL lands in the middle of it
DELAY_ENV = "PRESCAN_TEST_WRITE_DELAY"


def new_scan_id(now: datetime | None = None) -> str:
    """Sortable by time, unique across machines: 20240101T120000.123456Z-1a2b3c4d."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%S}.{now.microsecond:06d}Z-{secrets.token_hex(4)}"


def write_scan(loc: Location, scan: dict, findings: pa.Table, *, version: int = S.SCHEMA_VERSION) -> str:
    """Write a scan's findings, then its row (the commit). scan holds the
    SCANS_SCHEMA fields; findings is a FINDINGS_SCHEMA table."""
    scan_id = scan["scan_id"]
    if "/" in scan_id or scan_id.startswith("."):
        raise ValueError(f"bad scan id {scan_id!r}")
    loc.ensure()
    delay = float(os.environ.get(DELAY_ENV) or 0)
    findings = findings.set_column(findings.schema.get_field_index("scan_id"), "scan_id",
                                   pa.array([scan_id] * len(findings), pa.string()))
    row = pa.Table.from_pylist([{**scan, "schema_version": version}], schema=S.SCANS_SCHEMA)
    if version != S.SCHEMA_VERSION:
        findings, row = S.downgrade_to_v0(findings, S.FINDINGS), S.downgrade_to_v0(row, S.SCANS)
    findings = S.with_metadata(findings, S.FINDINGS, version)
    row = S.with_metadata(row, S.SCANS, version)
    loc.put(f"{FINDINGS_DIR}/{scan_id}.parquet", lambda sink: _write_parquet(sink, findings, delay))
    if delay:
        time.sleep(delay)
    loc.put(f"{SCANS_DIR}/{scan_id}.parquet", lambda sink: _write_parquet(sink, row, 0))
    for folder in (FINDINGS_DIR, SCANS_DIR):
        loc.sweep_temps(folder)
    from prescan.store.compact import compact_scans
    compact_scans(loc)
    return scan_id


def _write_parquet(sink, table: pa.Table, delay: float) -> None:
    # with a delay (tests only), two row groups and a pause between them
    rows = max(1, (len(table) + 1) // 2) if delay else ROW_GROUP
    # snappy: what every Parquet reader has, and it decodes fast
    with pq.ParquetWriter(sink, table.schema, compression="snappy") as w:
        if len(table) == 0:
            w.write_table(table)
        for start in range(0, len(table), rows):
            w.write_table(table.slice(start, rows), row_group_size=rows)
            if delay and start == 0:
                if hasattr(sink, "flush"):
                    sink.flush()
                time.sleep(delay)
