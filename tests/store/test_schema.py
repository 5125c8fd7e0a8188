"""The Arrow schema: every Finding field survives the round trip; fingerprint
keys; version-0 files written by our writer still read."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from store.helpers import RICH, finding, numbered, scan_row
from prescan.errors import StoreError
from prescan.store import reader
from prescan.store import schema as S
from prescan.store.location import Location
from prescan.store.writer import write_scan


def test_every_finding_field_round_trips():
    plain = numbered([finding()])[0]
    table = S.findings_table([RICH, plain], "scan-1")
    assert table.schema == S.FINDINGS_SCHEMA
    assert table["scan_id"].to_pylist() == ["scan-1", "scan-1"]
    assert S.findings_from_table(table) == [RICH, plain]
    assert table["trace"].type == pa.list_(S.TRACE_STEP)


def test_fingerprint_keys_equal_iff_fingerprints_equal():
    fps = ["0123456789abcdef0123456789abcdef:0", "0123456789abcdef0123456789abcdef:1",
           "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef:0",
           "not-a-hex-fingerprint", "fedcba9876543210fedcba9876543210:0", "not-a-hex-fingerprint"]
    key, check = S.fingerprint_keys(pa.array(fps))
    pairs = list(zip(key.to_pylist(), check.to_pylist()))
    for a in range(len(fps)):
        for b in range(len(fps)):
            same = fps[a] == fps[b] or {fps[a], fps[b]} == {fps[0], fps[2]}   # "x" is "x:0"
            assert (pairs[a] == pairs[b]) == same, (fps[a], fps[b])


def test_version_0_files_written_by_our_writer_still_read(tmp_path):
    loc = Location.open(str(tmp_path / "store"))
    findings = [RICH, *numbered([finding(), finding(path="b.py")])]
    write_scan(loc, scan_row("20240101T120000.000000Z-00000000", "v0-release", 3), S.findings_table(findings),
               version=0)
    scans_file = tmp_path / "store" / "scans" / "20240101T120000.000000Z-00000000.parquet"
    meta = pq.read_schema(scans_file).metadata
    assert meta[S.META_VERSION] == b"0"
    assert "trace_json" in pq.read_schema(tmp_path / "store" / "findings" / scans_file.name).names
    cat = reader.catalog(loc)
    assert cat.problems == []
    row = reader.resolve(cat, "v0-release")
    assert dict(row["timings"]) == {"total": 2.0} and row["model_input_tokens"] == 0
    back = S.findings_from_table(reader.findings(loc, row["scan_id"]))
    # version 0 had no owasp, removed, link or extra: those read as empty
    from dataclasses import replace
    assert back[0] == replace(RICH, owasp=(), removed=(), link="", extra=())
    assert back[1:] == findings[1:]
    keys = reader.findings(loc, row["scan_id"], ["fp_key", "fp_check"])
    assert keys.equals(S.findings_table(findings).select(["fp_key", "fp_check"]))


def test_a_newer_schema_version_is_a_clear_error(tmp_path):
    loc = Location.open(str(tmp_path))
    table = S.with_metadata(S.findings_table([finding()]), S.FINDINGS, S.SCHEMA_VERSION + 1)
    (tmp_path / "findings").mkdir()
    pq.write_table(table, tmp_path / "findings" / "x.parquet")
    with pytest.raises(StoreError) as err:
        reader.findings(loc, "x")
    assert "x.parquet" in err.value.one_line() and "newer prescan" in err.value.one_line()
