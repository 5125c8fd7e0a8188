"""The one owner of the store's Arrow schema and its version: the findings
table (one row per finding, every Finding field), the scans table (one row per
scan), conversions from and to Findings, and upgrades of older versions.

Each Parquet file carries its table name and schema version in its key-value
metadata; a reader upgrades what an older prescan wrote, step by step."""
from __future__ import annotations

import hashlib
import json
from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from prescan.findings import Finding, TraceStep

SCHEMA_VERSION = 1
META_TABLE = b"prescan.table"
META_VERSION = b"prescan.schema_version"
FINDINGS, SCANS = "findings", "scans"
SEVERITY_COLUMNS = ("critical", "high", "medium", "low", "info")

TRACE_STEP = pa.struct([("path", pa.string()), ("line", pa.int32()), ("column", pa.int32()),
                        ("note", pa.string())])
TIMESTAMP = pa.timestamp("us", tz="UTC")

FINDINGS_SCHEMA = pa.schema([
    ("scan_id", pa.string()),
    ("rule_id", pa.string()),
    ("origin", pa.string()),
    ("severity", pa.string()),
    ("confidence", pa.string()),
    ("message", pa.string()),
    ("path", pa.string()),
    ("start_line", pa.int32()),
    ("start_col", pa.int32()),
    ("end_line", pa.int32()),
    ("end_col", pa.int32()),
    ("unit", pa.string()),
    ("snippet", pa.string()),
    ("language", pa.string()),
    ("cwe", pa.list_(pa.string())),
    ("owasp", pa.list_(pa.string())),
    ("trace", pa.list_(TRACE_STEP)),
    ("fingerprint", pa.string()),
    # the fingerprint as two 64-bit integers, so that matching is an integer join
    ("fp_key", pa.uint64()),
    ("fp_check", pa.uint64()),
    ("status", pa.string()),
    ("removed", pa.list_(pa.string())),
    ("link", pa.string()),
    ("extra", pa.map_(pa.string(), pa.string())),
])

SCANS_SCHEMA = pa.schema([
    ("scan_id", pa.string()),
    ("schema_version", pa.int16()),
    ("repository", pa.string()),
    ("kind", pa.string()),                      # full (a whole tree) | diff
    ("mode", pa.string()),                      # the ChangeSet mode: all, branch, range, ...
    ("description", pa.string()),
    ("base_commit", pa.string()),
    ("head_commit", pa.string()),
    ("release", pa.string()),
    ("baseline", pa.string()),
    ("ruleset_hash", pa.string()),
    ("rules", pa.int32()),
    ("prescan_version", pa.string()),
    ("native_backend", pa.string()),
    ("started_at", TIMESTAMP),
    ("ended_at", TIMESTAMP),
    ("timings", pa.map_(pa.string(), pa.float64())),     # seconds per stage
    ("counters", pa.map_(pa.string(), pa.int64())),      # files, lines, cache hits and misses, ...
    ("model_input_tokens", pa.int64()),
    ("model_output_tokens", pa.int64()),
    ("findings", pa.int64()),                   # rows of status new or unchanged
    *((s, pa.int64()) for s in SEVERITY_COLUMNS),
    ("fixed", pa.int64()),
])

# Version 0, the store's first draft (no release wrote it; kept so that the
# upgrade path is exercised): the trace as JSON text; no owasp, removed,
# link, extra or fingerprint keys; timings and counters as JSON text; no
# baseline, backend or model token columns.
V0_FINDINGS_SCHEMA = pa.schema(
    [f for f in FINDINGS_SCHEMA if f.name not in ("owasp", "removed", "link", "extra", "fp_key", "fp_check",
                                                  "trace")]
    + [("trace_json", pa.string())])
V0_SCANS_SCHEMA = pa.schema(
    [f for f in SCANS_SCHEMA if f.name not in ("baseline", "native_backend", "model_input_tokens",
                                               "model_output_tokens", "timings", "counters")]
    + [("timings_json", pa.string()), ("counters_json", pa.string())])

# The blob cache: one row per cached value, the value an Arrow IPC stream
BLOBS = "blobs"
BLOBS_SCHEMA = pa.schema([("kind", pa.string()), ("key", pa.string()), ("payload", pa.large_binary())])

# A value of the blob cache's "units" kind (store/filecache.py): a file's units
UNITS_SCHEMA = pa.schema([("kind", pa.string()), ("name", pa.string()), ("qualname", pa.string()),
                          ("start_byte", pa.int64()), ("end_byte", pa.int64()),
                          ("start_line", pa.int32()), ("end_line", pa.int32())])

SCHEMAS = {(BLOBS, 1): BLOBS_SCHEMA, (FINDINGS, 1): FINDINGS_SCHEMA, (SCANS, 1): SCANS_SCHEMA,
           (FINDINGS, 0): V0_FINDINGS_SCHEMA, (SCANS, 0): V0_SCANS_SCHEMA}


def with_metadata(table: pa.Table, name: str, version: int = SCHEMA_VERSION) -> pa.Table:
    return table.replace_schema_metadata({META_TABLE: name.encode(), META_VERSION: str(version).encode()})


# ---- findings <-> Arrow

def findings_table(findings: Iterable[Finding], scan_id: str | None = None) -> pa.Table:
    fs = list(findings)
    col = {name: [getattr(f, name) for f in fs] for name in (
        "rule_id", "origin", "severity", "confidence", "message", "path", "start_line", "start_col",
        "end_line", "end_col", "unit", "snippet", "language", "fingerprint", "status", "link")}
    col["scan_id"] = [scan_id] * len(fs)
    col["cwe"] = [list(f.cwe) for f in fs]
    col["owasp"] = [list(f.owasp) for f in fs]
    col["removed"] = [list(f.removed) for f in fs]
    col["trace"] = [[{"path": s.path, "line": s.line, "column": s.column, "note": s.note} for s in f.trace]
                    for f in fs]
    col["extra"] = [list(f.extra) for f in fs]
    fp = pa.array(col["fingerprint"], pa.string())
    key, check = fingerprint_keys(fp)
    col["fingerprint"], col["fp_key"], col["fp_check"] = fp, key, check
    return pa.Table.from_pydict({f.name: pa.array(col[f.name], f.type) if not isinstance(col[f.name], pa.Array)
                                 else col[f.name] for f in FINDINGS_SCHEMA}, schema=FINDINGS_SCHEMA)


def findings_from_table(table: pa.Table) -> list[Finding]:
    out = []
    for r in table.to_pylist():
        out.append(Finding(
            rule_id=r["rule_id"], origin=r["origin"], severity=r["severity"], confidence=r["confidence"],
            message=r["message"], path=r["path"], start_line=r["start_line"], start_col=r["start_col"],
            end_line=r["end_line"], end_col=r["end_col"], unit=r["unit"], snippet=r["snippet"],
            language=r["language"] or "", cwe=tuple(r["cwe"] or ()), owasp=tuple(r["owasp"] or ()),
            trace=tuple(TraceStep(s["path"], s["line"], s["column"], s["note"]) for s in r["trace"] or ()),
            fingerprint=r["fingerprint"], status=r["status"], removed=tuple(r["removed"] or ()),
            link=r["link"] or "", extra=tuple((k, v) for k, v in (r["extra"] or ()))))
    return out


_MIX_KEY = np.uint64(0x9E3779B97F4A7C15)
_MIX_CHECK = np.uint64(0xC2B2AE3D27D4EB4F)
_HEX = np.full(256, 255, dtype=np.uint8)
_HEX[np.frombuffer(b"0123456789", np.uint8)] = np.arange(10)
_HEX[np.frombuffer(b"abcdef", np.uint8)] = np.arange(10, 16)


def fingerprint_keys(fingerprints: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(fp_key, fp_check): the 128 bits of a '<32 hex>:<n>' fingerprint, each
    half mixed with the occurrence number n. Equal fingerprints give equal
    pairs; different ones differ with the fingerprint's own certainty (a
    fingerprint of another shape is hashed to 128 bits instead)."""
    fp = pc.cast(fingerprints, pa.string())
    n = len(fp)
    if n == 0:
        return pa.array([], pa.uint64()), pa.array([], pa.uint64())
    if fp.null_count:
        fp = pc.fill_null(fp, "")
    fp = fp.combine_chunks() if isinstance(fp, pa.ChunkedArray) else fp
    ok = pc.match_substring_regex(fp, r"^[0-9a-f]{32}(:[0-9]{1,9})?$").to_numpy(zero_copy_only=False)
    offsets = np.frombuffer(fp.buffers()[1], np.int32, n + 1, fp.offset * 4)
    data = np.frombuffer(fp.buffers()[2], np.uint8) if fp.buffers()[2] is not None else np.zeros(0, np.uint8)
    key = np.zeros(n, np.uint64)
    check = np.zeros(n, np.uint64)
    rows = np.nonzero(ok)[0]
    if len(rows):
        digits = _HEX[data[offsets[rows, None] + np.arange(32)]].astype(np.uint64)
        shifts = np.arange(60, -1, -4, dtype=np.uint64)
        hi = np.bitwise_or.reduce(digits[:, :16] << shifts, axis=1)
        lo = np.bitwise_or.reduce(digits[:, 16:] << shifts, axis=1)
        occ_text = pc.utf8_slice_codeunits(fp.take(pa.array(rows)), 33)
        occ = pc.cast(pc.if_else(pc.equal(occ_text, ""), "0", occ_text), pa.uint64()).to_numpy()
        with np.errstate(over="ignore"):
            # the key mixes in both halves: a join on it stays spread out
            # even if one half of some fingerprint scheme carried little entropy
            key[rows] = hi ^ (lo * _MIX_CHECK) ^ ((occ + np.uint64(1)) * _MIX_KEY)
            check[rows] = lo ^ ((occ + np.uint64(1)) * _MIX_CHECK)
    for i in np.nonzero(~ok)[0]:
        digest = hashlib.blake2b(fp[int(i)].as_py().encode("utf-8", "surrogatepass"), digest_size=16).digest()
        key[i] = int.from_bytes(digest[:8], "big")
        check[i] = int.from_bytes(digest[8:], "big")
    return pa.array(key), pa.array(check)


# ---- upgrades: each step takes a table of version v to version v + 1

def upgrade(table: pa.Table, name: str, version: int) -> pa.Table:
    while version < SCHEMA_VERSION:
        table = _STEPS[name, version](table)
        version += 1
    return conform(table, SCHEMAS[name, SCHEMA_VERSION])


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The columns of schema, in its order; missing ones (a partial column
    read) are left out, never invented."""
    cols = [f for f in schema if f.name in table.column_names]
    return pa.Table.from_arrays([table[f.name].cast(f.type) for f in cols], schema=pa.schema(cols))


def _findings_0_to_1(t: pa.Table) -> pa.Table:
    n = len(t)
    empty = pa.array([[]] * n, pa.list_(pa.string()))
    if "trace_json" in t.column_names:
        trace = pa.array([json.loads(x) if x else [] for x in t["trace_json"].to_pylist()],
                         pa.list_(TRACE_STEP))
        t = t.drop_columns(["trace_json"]).append_column("trace", trace)
    t = t.append_column("owasp", empty).append_column("removed", empty)
    t = t.append_column("link", pa.array([""] * n, pa.string()))
    t = t.append_column("extra", pa.array([[]] * n, pa.map_(pa.string(), pa.string())))
    if "fingerprint" in t.column_names:
        key, check = fingerprint_keys(t["fingerprint"])
        t = t.append_column("fp_key", key).append_column("fp_check", check)
    return t


def _scans_0_to_1(t: pa.Table) -> pa.Table:
    n = len(t)
    for old, new, typ in (("timings_json", "timings", pa.float64()), ("counters_json", "counters", pa.int64())):
        if old in t.column_names:
            col = pa.array([list(json.loads(x).items()) if x else [] for x in t[old].to_pylist()],
                           pa.map_(pa.string(), typ))
            t = t.drop_columns([old]).append_column(new, col)
    for name, typ in (("baseline", pa.string()), ("native_backend", pa.string())):
        t = t.append_column(name, pa.nulls(n, typ))
    for name in ("model_input_tokens", "model_output_tokens"):
        t = t.append_column(name, pa.array([0] * n, pa.int64()))
    return t


_STEPS = {(FINDINGS, 0): _findings_0_to_1, (SCANS, 0): _scans_0_to_1}


def downgrade_to_v0(table: pa.Table, name: str) -> pa.Table:
    """A current table in the version-0 layout: how the writer produces
    version-0 files, so that tests can check they still read."""
    if name == FINDINGS:
        trace = pa.array([json.dumps(x) for x in table["trace"].to_pylist()], pa.string())
        table = table.append_column("trace_json", trace)
    else:
        for col in ("timings", "counters"):
            table = table.append_column(f"{col}_json", pa.array(
                [json.dumps(dict(x or [])) for x in table[col].to_pylist()], pa.string()))
    return conform(table, SCHEMAS[name, 0])
