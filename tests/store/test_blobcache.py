"""The blob cache: buffered puts, one atomic segment per flush, lookups after
reopening, counters, compaction of many segments, damaged segments."""
from __future__ import annotations

import pyarrow as pa

from prescan.store import blobcache
from prescan.store.blobcache import BlobCache


def t(n: int) -> pa.Table:
    return pa.table({"x": list(range(n)), "s": [f"v{i}" for i in range(n)]})


def segments(root):
    return sorted(p.name for p in (root / "blobs").glob("seg-*.parquet"))


def test_put_flush_reopen_get(tmp_path):
    root = tmp_path / "store"
    c = BlobCache.open(str(root))
    assert c.get("units", "k1") is None
    c.put("units", "k1", t(3))
    c.put("findings", "k1", t(1))
    assert c.get("units", "k1").equals(t(3))            # buffered puts are visible at once
    assert segments(root) == []
    c.flush()
    assert len(segments(root)) == 1
    c2 = BlobCache.open(str(root))
    assert c2.get("units", "k1").equals(t(3)) and c2.get("findings", "k1").equals(t(1))
    assert c2.get("units", "nope") is None and c2.get("findings", "k2") is None
    assert c2.counters() == {"cache_findings_hits": 1, "cache_findings_misses": 1,
                             "cache_units_hits": 1, "cache_units_misses": 1}
    assert c2.flush() is None                           # nothing put: no empty segment
    assert len(segments(root)) == 1


def test_many_scans_segments_are_compacted_and_nothing_is_lost(tmp_path, monkeypatch):
    root = tmp_path / "store"
    for scan in range(3 * blobcache.COMPACT_AT):
        c = BlobCache.open(str(root))
        for k in range(5):
            c.put("units", f"s{scan}-k{k}", t(k + 1))
        c.flush()
        assert len(segments(root)) <= blobcache.COMPACT_AT + 1
    c = BlobCache.open(str(root))
    assert len(c) == 3 * blobcache.COMPACT_AT * 5
    for scan in range(3 * blobcache.COMPACT_AT):
        for k in range(5):
            assert c.get("units", f"s{scan}-k{k}").equals(t(k + 1))


def test_a_damaged_segment_is_reported_and_the_rest_used(tmp_path):
    root = tmp_path / "store"
    c = BlobCache.open(str(root))
    c.put("units", "a", t(2))
    c.flush()
    c = BlobCache.open(str(root))
    c.put("units", "b", t(4))
    bad = c.flush()
    with open(bad, "r+b") as fh:
        fh.truncate(100)
    c = BlobCache.open(str(root))
    assert len(c.problems) == 1 and bad.rsplit("/", 1)[-1] in c.problems[0].one_line()
    assert c.get("units", "a").equals(t(2)) and c.get("units", "b") is None


def _cache_writer(root: str, worker: int, rounds: int) -> None:
    for r in range(rounds):
        c = BlobCache.open(root)           # opens merge segments while the others write theirs
        for k in range(3):
            c.put("units", f"w{worker}-r{r}-k{k}", t(k + 1))
        c.flush()
        # another process merging segments is no problem to report
        assert c.problems == [], [p.one_line() for p in c.problems]


def test_concurrent_writers_and_merges_lose_no_value(tmp_path):
    import multiprocessing
    root = str(tmp_path / "store")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_cache_writer, args=(root, w, 2 * blobcache.COMPACT_AT)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    c = BlobCache.open(root)
    assert c.problems == []
    for w in range(3):
        for r in range(2 * blobcache.COMPACT_AT):
            for k in range(3):
                assert c.get("units", f"w{w}-r{r}-k{k}").equals(t(k + 1)), (w, r, k)
