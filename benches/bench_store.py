"""Release diff at scale: two releases of 1,000,000 findings each, written to
a real store (Parquet), diffed as `prescan diff` does; time and peak memory.

The releases are generated (PRESCAN_BENCH_STORE_FINDINGS rows, default
1,000,000) in the shape of a big monorepo: 20,000 files, 120 rules, sha256-like
fingerprints. NEW is OLD with 1% of the findings fixed, 1% new ones, 0.5% in
renamed files (same fingerprint) and 0.5% moved and slightly changed (new
fingerprint, paired by the similarity kernel)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from conftest import ROUNDS
from prescan.store import schema as S
from prescan.store.diff import match
from prescan.store.location import Location
from prescan.store.releases import diff_releases
from prescan.store.writer import write_scan

N = int(os.environ.get("PRESCAN_BENCH_STORE_FINDINGS", "1000000"))
FILES, RULES, UNITS = 20_000, 120, 400
SRC = str(Path(__file__).resolve().parents[1] / "src")


def _hex(values: np.ndarray) -> list[str]:
    return [f"{a:016x}{b:016x}:0" for a, b in values.tolist()]


def _table(fp, path, rule, unit, line, snippet) -> pa.Table:
    n = len(fp)
    fp = pa.array(fp, pa.string())
    key, check = S.fingerprint_keys(fp)
    rules = pa.array([f"rule-{i:03d}" for i in range(RULES)])
    sev = pa.array(["critical", "high", "medium", "low", "info"])
    cols = {
        "scan_id": pa.nulls(n, pa.string()), "rule_id": rules.take(pa.array(rule)),
        "origin": pa.array(["rule"] * n), "severity": sev.take(pa.array(rule % 5)),
        "confidence": pa.array(["high"] * n), "message": rules.take(pa.array(rule)),
        "path": pa.array([f"src/pkg{i % 300}/module_{i}.py" for i in range(FILES)]).take(pa.array(path)),
        "start_line": pa.array(line, pa.int32()), "start_col": pa.array(np.full(n, 5), pa.int32()),
        "end_line": pa.array(line, pa.int32()), "end_col": pa.array(np.full(n, 60), pa.int32()),
        "unit": pa.array([f"Handler{i // 10}.method_{i}" for i in range(UNITS)]).take(pa.array(unit)),
        "snippet": pa.array(snippet, pa.string()), "language": pa.array(["python"] * n),
        "cwe": pa.array([["CWE-78"]] * n, pa.list_(pa.string())), "owasp": pa.array([[]] * n, pa.list_(pa.string())),
        "trace": pa.array([[]] * n, pa.list_(S.TRACE_STEP)), "fingerprint": fp, "fp_key": key, "fp_check": check,
        "status": pa.array(["new"] * n), "removed": pa.array([[]] * n, pa.list_(pa.string())),
        "link": pa.array([""] * n), "extra": pa.array([[]] * n, pa.map_(pa.string(), pa.string())),
    }
    return pa.table(cols, schema=S.FINDINGS_SCHEMA)


def make_releases(n: int, seed: int = 1) -> tuple[pa.Table, pa.Table]:
    rng = np.random.default_rng(seed)
    fp = rng.integers(0, 2**63, size=(n, 2), dtype=np.int64)
    path = rng.integers(0, FILES, n)
    rule = rng.integers(0, RULES, n)
    unit = rng.integers(0, UNITS, n)
    line = rng.integers(1, 3000, n)
    var = rng.integers(0, 10**7, n)
    snippet = [f"subprocess.run(build_command(job_{v}, target_{v % 977}), shell=True)" for v in var.tolist()]
    old = _table(_hex(fp), path, rule, unit, line, snippet)

    k = n // 100
    picks = rng.permutation(n)
    fixed, renamed, changed = picks[:k], picks[k:k + k // 2], picks[k + k // 2:2 * k]
    keep = np.ones(n, bool)
    keep[fixed] = False
    fp2, path2, line2, snippet2 = fp.copy(), path.copy(), line.copy(), list(snippet)
    path2[renamed] = (path2[renamed] + 7) % FILES
    fp2[changed] = rng.integers(0, 2**63, size=(len(changed), 2), dtype=np.int64)
    path2[changed] = rng.integers(0, FILES, len(changed))
    line2[changed] += 40
    for i in changed.tolist():
        snippet2[i] = snippet2[i].replace("shell=True", "shell=True, check=True")
    nv = rng.integers(0, 10**7, k)
    new_snippets = [f"os.system('rsync ' + remote_{v} + ' ' + local_dir_{v % 131})" for v in nv.tolist()]
    sel = np.nonzero(keep)[0]
    new = _table(_hex(fp2[sel]) + _hex(rng.integers(0, 2**63, size=(k, 2), dtype=np.int64)),
                 np.concatenate([path2[sel], rng.integers(0, FILES, k)]),
                 np.concatenate([rule[sel], rng.integers(0, RULES, k)]),
                 np.concatenate([unit[sel], rng.integers(0, UNITS, k)]),
                 np.concatenate([line2[sel], rng.integers(1, 3000, k)]),
                 [snippet2[i] for i in sel.tolist()] + new_snippets)
    # a scan's findings come sorted by path and line
    order = pc.sort_indices(new, [("path", "ascending"), ("start_line", "ascending")])
    return old, new.take(order)


def _row(scan_id: str, release: str, n: int) -> dict:
    now = datetime.now(timezone.utc)
    return {"scan_id": scan_id, "repository": "bench", "kind": "full", "mode": "all", "description": "generated",
            "release": release, "ruleset_hash": "bench", "rules": RULES, "prescan_version": "bench",
            "started_at": now, "ended_at": now, "timings": [], "counters": [], "model_input_tokens": 0,
            "model_output_tokens": 0, "findings": n, "critical": 0, "high": 0, "medium": 0, "low": 0,
            "info": 0, "fixed": 0}


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    old, new = make_releases(N)
    root = tmp_path_factory.mktemp("store") / ".prescan"
    loc = Location.open(str(root))
    write_scan(loc, _row("20240101T000000.000000Z-00000001", "old", len(old)), old)
    write_scan(loc, _row("20240102T000000.000000Z-00000002", "new", len(new)), new)
    size = sum(p.stat().st_size for p in root.rglob("*.parquet"))
    # compile (or load the cached) numba kernels outside the timed rounds
    diff_releases(loc, "old", "new")
    return loc, old, new, size


EXPECTED = {"new": N // 100, "fixed": N // 100, "persisting": N - N // 100 - N // 200, "persisting_moved": N // 200}


def test_diff_two_releases_from_the_store(benchmark, releases):
    """What `prescan diff old new` computes: read both releases' key columns
    from Parquet, match, pair the moved ones (reading only their rows)."""
    loc, _, _, size = releases
    d = benchmark.pedantic(_cpu_timed(benchmark, lambda: diff_releases(loc, "old", "new")), rounds=ROUNDS,
                           iterations=1)
    counts = d.matching.counts()
    benchmark.extra_info.update({"findings_per_release": N, "store_mb": round(size / 1e6, 1), **counts,
                                 **_peak_memory(loc.root)})
    # generated moves are all found; a few generated new findings may pair with a fixed one of
    # the same rule by chance similarity, never the other way round
    assert counts["persisting"] == EXPECTED["persisting"]
    assert counts["persisting_moved"] >= EXPECTED["persisting_moved"]
    assert counts["new"] + counts["persisting_moved"] == EXPECTED["new"] + EXPECTED["persisting_moved"]


def test_match_two_releases_in_memory(benchmark, releases):
    """The matching alone, on tables already in memory (no Parquet reads)."""
    _, old, new, _ = releases
    m = benchmark.pedantic(_cpu_timed(benchmark, lambda: match(old, new)), rounds=ROUNDS, iterations=1)
    benchmark.extra_info.update({"findings_per_release": N, **m.counts()})
    assert m.counts()["persisting"] == EXPECTED["persisting"]


def test_diff_and_report_the_new_findings(benchmark, releases):
    """The diff plus reading the whole rows of the new and fixed findings, as
    the text and JSON reports need them."""
    loc = releases[0]

    def run():
        d = diff_releases(loc, "old", "new")
        return d.new_findings(), d.fixed_findings()
    added, fixed = benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    benchmark.extra_info.update({"new_rows": len(added), "fixed_rows": len(fixed)})
    assert len(fixed) <= EXPECTED["fixed"]


def _cpu_timed(benchmark, fn):
    """fn, recording the least CPU time of a round in extra_info: on a busy
    machine (see load_average_before) wall time includes waiting for a core."""
    def run():
        t = time.process_time()
        out = fn()
        cpu = time.process_time() - t
        benchmark.extra_info["cpu_s_min"] = round(min(cpu, benchmark.extra_info.get("cpu_s_min", cpu)), 3)
        return out
    return run


_CHILD = """
import json, resource, sys, time
from prescan.store.location import Location
from prescan.store.releases import diff_releases
import pyarrow as pa
loc = Location.open(sys.argv[1])
diff_releases(loc, "old", "new")            # numba kernels loaded, imports done
t = time.perf_counter()
d = diff_releases(loc, "old", "new")
elapsed = time.perf_counter() - t
def peak_kb():
    # VmHWM is this process image's own peak; ru_maxrss would also count the
    # forked parent's pages (Linux keeps it across exec)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"peak_rss_kb": peak_kb(),
                  "arrow_peak_bytes": pa.default_memory_pool().max_memory(), "child_diff_s": elapsed}))
"""


def _peak_memory(root: str) -> dict:
    """Peak RSS (imports included) and peak Arrow allocations of a fresh
    process that runs the diff, and the wall time of its second diff."""
    out = subprocess.run([sys.executable, "-c", _CHILD, root], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": SRC}).stdout
    m = json.loads(out)
    return {"peak_rss_mb": round(m["peak_rss_kb"] / 1024, 1),
            "arrow_peak_mb": round(m["arrow_peak_bytes"] / 1e6, 1),
            "child_diff_s": round(m["child_diff_s"], 3)}


# ---- the blob cache: a full scan of the corpus again, every file version cached

@pytest.fixture(scope="module")
def warm_cache(corpus, tmp_path_factory):
    from conftest import RULES
    from prescan.execute import default_jobs
    from prescan.pipeline import ScanOptions, run_scan
    from prescan.rules.loader import load_rules
    from prescan.store.blobcache import BlobCache
    rules = load_rules([str(RULES / "prescan")], builtin=False)
    store = str(tmp_path_factory.mktemp("cache") / ".prescan")
    opts = ScanOptions(repo=corpus.root, all_files=True, jobs=default_jobs())
    t = time.perf_counter()
    cache = BlobCache.open(store)
    cold = run_scan(opts, rules, cache=cache)
    cache.flush()
    return store, opts, rules, cold, time.perf_counter() - t


def test_full_scan_with_a_warm_blob_cache(benchmark, corpus, warm_cache):
    """`prescan scan --all` of the corpus (the ten rules) when an earlier scan
    of the same files filled the cache: nothing is parsed or analyzed."""
    from prescan.pipeline import run_scan
    from prescan.store.blobcache import BlobCache
    store, opts, rules, cold, cold_s = warm_cache

    def run():
        cache = BlobCache.open(store)
        return run_scan(opts, rules, cache=cache), cache
    result, cache = benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    assert result.stats["versions_analyzed"] == 0
    assert result.findings == cold.findings
    benchmark.extra_info.update({"files": result.stats["files_scanned"], "lines": result.stats["lines_scanned"],
                                 "cold_scan_with_cache_writes_s": round(cold_s, 3),
                                 "cold_scan_s": round(cold.timings["total"], 3), **cache.counters()})
