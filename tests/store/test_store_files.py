"""Writing and reading the store's files: catalog, names, damaged and foreign
files, concurrent writers, other pyarrow filesystems."""
from __future__ import annotations

import multiprocessing
import os

import pyarrow.fs as pafs
import pytest

from store.helpers import finding, numbered, scan_row
from prescan.errors import StoreError, UsageError
from prescan.store import reader
from prescan.store import schema as S
from prescan.store.location import Location
from prescan.store.writer import new_scan_id, write_scan


def write(loc, scan_id, release=None, findings=None, minutes=0):
    findings = findings if findings is not None else numbered([finding()])
    write_scan(loc, scan_row(scan_id, release, len(findings), minutes), S.findings_table(findings))


@pytest.fixture
def loc(tmp_path):
    return Location.open(str(tmp_path / "store"))


def test_a_written_scan_reads_back_and_git_ignores_the_store(loc, tmp_path):
    fs = numbered([finding(), finding(path="b.py", severity="low")])
    write(loc, "20240101T120000.000000Z-aaaaaaaa", "v1", fs)
    assert (tmp_path / "store" / ".gitignore").read_text().splitlines()[-1] == "*"
    cat = reader.catalog(loc)
    assert [r["release"] for r in cat.rows()] == ["v1"] and cat.problems == []
    got = S.findings_from_table(reader.findings(loc, "20240101T120000.000000Z-aaaaaaaa"))
    assert got == fs
    # files are readable by others like any file the user writes (umask), not 0600
    mode = os.stat(tmp_path / "store" / "scans" / "20240101T120000.000000Z-aaaaaaaa.parquet").st_mode
    assert mode & 0o044 == 0o044 & ~_umask()


def _umask():
    m = os.umask(0o022)
    os.umask(m)
    return m


def test_resolve_by_release_id_prefix_and_latest(loc):
    write(loc, "20240101T120000.000000Z-aaaaaaaa", "v1", minutes=0)
    write(loc, "20240101T130000.000000Z-bbbbbbbb", "v2", minutes=60)
    write(loc, "20240101T140000.000000Z-cccccccc", "v1", minutes=120)    # v1 recorded again
    cat = reader.catalog(loc)
    assert reader.resolve(cat, "v1")["scan_id"] == "20240101T140000.000000Z-cccccccc"
    assert reader.resolve(cat, "20240101T130000.000000Z-bbbbbbbb")["release"] == "v2"
    assert reader.resolve(cat, "20240101T13")["release"] == "v2"
    assert reader.resolve(cat, "latest")["scan_id"] == "20240101T140000.000000Z-cccccccc"
    with pytest.raises(UsageError) as err:
        reader.resolve(cat, "v9")
    assert "no release or scan named 'v9'" in err.value.one_line() and "v1, v2" in err.value.one_line()
    with pytest.raises(UsageError):
        reader.resolve(cat, "2024")                      # three scans start so


def test_a_damaged_scans_file_is_named_and_the_rest_stays_usable(loc, tmp_path):
    write(loc, "20240101T120000.000000Z-aaaaaaaa", "v1")
    write(loc, "20240101T130000.000000Z-bbbbbbbb", "v2", minutes=60)
    bad = tmp_path / "store" / "scans" / "20240101T130000.000000Z-bbbbbbbb.parquet"
    data = bad.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    (tmp_path / "store" / "scans" / "notes.txt").write_text("hello")
    cat = reader.catalog(loc)
    assert [r["release"] for r in cat.rows()] == ["v1"]
    messages = sorted(p.one_line() for p in cat.problems)
    assert len(messages) == 2
    assert "20240101T130000.000000Z-bbbbbbbb.parquet: cannot read a store file" in messages[0]
    assert "notes.txt: a file that is not part of the store" in messages[1]
    assert "move it out of the store" in messages[0]
    assert len(reader.findings(loc, "20240101T120000.000000Z-aaaaaaaa")) == 1


def test_a_damaged_or_foreign_findings_file_is_an_error_naming_it(loc, tmp_path):
    write(loc, "20240101T120000.000000Z-aaaaaaaa", "v1")
    write(loc, "20240101T130000.000000Z-bbbbbbbb", "v2")
    path = tmp_path / "store" / "findings" / "20240101T130000.000000Z-bbbbbbbb.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(StoreError) as err:
        reader.findings(loc, "20240101T130000.000000Z-bbbbbbbb")
    assert str(path.name) in err.value.one_line()
    # a Parquet file of another program
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"x": [1]}), path)
    with pytest.raises(StoreError) as err:
        reader.findings(loc, "20240101T130000.000000Z-bbbbbbbb")
    assert "not a prescan findings file" in err.value.one_line()
    assert len(reader.findings(loc, "20240101T120000.000000Z-aaaaaaaa")) == 1


def _writer(root: str, worker: int, count: int) -> None:
    loc = Location.open(root)
    for k in range(count):
        fs = numbered([finding(path=f"w{worker}/f{k}.py", line=i + 1, code=f"run({i}, shell=True)")
                       for i in range(50)])
        write_scan(loc, scan_row(new_scan_id(), f"w{worker}-{k}", len(fs)), S.findings_table(fs))


def test_concurrent_writers_lose_nothing(tmp_path):
    root = str(tmp_path / "store")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(root, w, 5)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    loc = Location.open(root)
    cat = reader.catalog(loc)
    assert cat.problems == []
    assert sorted(r["release"] for r in cat.rows()) == sorted(f"w{w}-{k}" for w in range(4) for k in range(5))
    for r in cat.rows():
        paths = set(reader.findings(loc, r["scan_id"], ["path"])["path"].to_pylist())
        assert paths == {f"{r['release'].replace('-', '/f')}.py"}


def test_any_pyarrow_filesystem_works():
    """The object-store code path (no rename, no fsync), on pyarrow's in-memory filesystem."""
    from pyarrow.fs import _MockFileSystem
    from datetime import datetime
    loc = Location(_MockFileSystem(datetime(2024, 1, 1)), "bucket/prescan", "mock://bucket/prescan")
    assert not loc.local
    write(loc, "20240101T120000.000000Z-aaaaaaaa", "v1")
    cat = reader.catalog(loc)
    assert [r["release"] for r in cat.rows()] == ["v1"]
    assert len(reader.findings(loc, "20240101T120000.000000Z-aaaaaaaa")) == 1


def test_an_unknown_uri_scheme_is_a_usage_error():
    with pytest.raises(UsageError) as err:
        Location.open("nosuch://bucket/x")
    assert "nosuch://bucket/x" in err.value.one_line()


def test_local_uris_and_paths_name_the_same_store(tmp_path):
    write(Location.open(f"file://{tmp_path}/store"), "20240101T120000.000000Z-aaaaaaaa", "v1")
    assert isinstance(Location.open(f"file://{tmp_path}/store").fs, pafs.LocalFileSystem)
    assert [r["release"] for r in reader.catalog(Location.open(str(tmp_path / "store"))).rows()] == ["v1"]


def test_hundreds_of_scans_are_merged_into_few_files(loc, tmp_path):
    from prescan.store import compact
    for k in range(compact.SCANS_COMPACT_AT + 6):
        write(loc, f"20240101T{k // 60:02d}{k % 60:02d}00.000000Z-{k:08x}", f"r{k}", minutes=k)
    files = sorted(p.name for p in (tmp_path / "store" / "scans").iterdir())
    assert len(files) <= 7 and any(f.startswith("merged-") for f in files)
    cat = reader.catalog(loc)
    assert cat.problems == []
    assert [r["release"] for r in cat.rows()] == [f"r{k}" for k in range(compact.SCANS_COMPACT_AT + 6)]
    assert reader.resolve(cat, "r3")["scan_id"] == "20240101T000300.000000Z-00000003"
    # two merges at once leave duplicate rows: readers show each scan once
    import shutil
    merged = next((tmp_path / "store" / "scans").glob("merged-*"))
    shutil.copy(merged, merged.with_name("merged-copy.parquet"))
    assert len(reader.catalog(loc).rows()) == compact.SCANS_COMPACT_AT + 6


def _lister(root: str, stop, seen) -> None:
    loc = Location.open(root)
    while not stop.is_set():
        cat = reader.catalog(loc)
        if cat.problems:
            seen.put([p.one_line() for p in cat.problems])
            return
        seen.put(len(cat.rows()))


def test_listing_while_writers_merge_scans_sees_every_committed_scan(tmp_path):
    from prescan.store import compact
    root = str(tmp_path / "store")
    loc = Location.open(root)
    ctx = multiprocessing.get_context("fork")
    stop, seen = ctx.Event(), ctx.Queue()
    lister = ctx.Process(target=_lister, args=(root, stop, seen))
    lister.start()
    writers = [ctx.Process(target=_writer, args=(root, w, compact.SCANS_COMPACT_AT // 2 + 4)) for w in range(3)]
    for p in writers:
        p.start()
    for p in writers:
        p.join(120)
        assert p.exitcode == 0
    stop.set()
    lister.join(60)
    counts = []
    while not seen.empty():
        counts.append(seen.get())
    assert all(isinstance(c, int) for c in counts), counts        # no problem was ever reported
    # no committed scan ever vanished from a listing (a temp file renamed while
    # the folder was listed once made a whole listing come back empty)
    drops = [(i, counts[max(0, i - 3):i + 3]) for i in range(1, len(counts)) if counts[i] < counts[i - 1]]
    assert drops == []
    assert len(reader.catalog(loc).rows()) == 3 * (compact.SCANS_COMPACT_AT // 2 + 4)
