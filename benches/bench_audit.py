"""The model audit's throughput and call counts, with a simulated model.

A generated repository: 20 files of 50 functions each, every function
changed by one commit (1,000 changed units), 5% of them made to run a shell.
The model is an in-process provider that answers after a fixed latency
(PRESCAN_BENCH_AUDIT_LATENCY_MS, default 50), so the figures measure the
audit logic — packing, cache, validation, concurrency — not a network.
Reported: units audited per second at --audit-concurrency 8, and model calls
per 1,000 units packed (up to 10 a request), unpacked (1 a request) and on a
second run of the unchanged code (served from the cache)."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "audit"))

from audit_fakes import FakeProvider, top  # noqa: E402
from conftest import ROUNDS  # noqa: E402
from prescan.audit.options import AuditOptions  # noqa: E402
from prescan.audit.stage import run_audit  # noqa: E402
from prescan.pipeline import ScanOptions, run_scan  # noqa: E402
from prescan.rules.loader import load_rules  # noqa: E402
from prescan.store.blobcache import BlobCache  # noqa: E402

LATENCY = float(os.environ.get("PRESCAN_BENCH_AUDIT_LATENCY_MS", "50")) / 1000
FILES, FUNCS = 20, 50
RULES = str(Path(__file__).resolve().parents[1] / "tests" / "data" / "rules")


def _source(i: int, head: bool) -> str:
    out = ["import os", ""]
    for j in range(FUNCS):
        body = "return x"
        if head:
            body = "return os.system(x)" if (i * FUNCS + j) % 20 == 0 else "return x + 1"
        out += ["", f"def f{j}(x):", "    y = x", f"    {body}", ""]
    return "\n".join(out)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    repo = top.GitRepo(tmp_path_factory.mktemp("audit") / "repo")
    repo.commit("base", {f"m{i}.py": _source(i, False) for i in range(FILES)})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("head", {f"m{i}.py": _source(i, True) for i in range(FILES)})
    return run_scan(ScanOptions(repo=str(repo.root), base="main", head="HEAD"), load_rules([RULES], builtin=False))


def _opts(**kw) -> AuditOptions:
    return AuditOptions(provider="anthropic:claude-sonnet-4-5", concurrency=8, **kw)


def _calls(provider, schema: str) -> int:
    return sum(1 for r in provider.requests if r.schema_name == schema)


def test_audit_throughput_and_calls(benchmark, scanned, tmp_path):
    runs = []

    def audit_once():
        provider = FakeProvider(latency=LATENCY)
        t0 = time.perf_counter()
        result = run_audit(scanned, _opts(), provider)
        runs.append((provider, result, time.perf_counter() - t0))
    benchmark.pedantic(audit_once, rounds=ROUNDS, iterations=1)
    provider, result, seconds = runs[-1]
    units = result.audit.coverage()["units"]
    assert units == FILES * FUNCS and result.audit.coverage()["audited"] == units
    unpacked = FakeProvider(latency=0.0)
    run_audit(scanned, _opts(max_units_per_pack=1), unpacked)
    blobs = BlobCache.open(str(tmp_path / "store"))
    run_audit(scanned, _opts(), FakeProvider(), blobs=blobs)
    blobs.flush()
    again = FakeProvider()
    run_audit(scanned, _opts(), again, blobs=BlobCache.open(str(tmp_path / "store")))
    per_k = 1000 / units
    info = {
        "units": units, "latency_ms": LATENCY * 1000, "concurrency": 8,
        "units_per_s": round(units / seconds, 1),
        "detect_calls_per_1000_units_packed": round(_calls(provider, "audit_findings") * per_k, 1),
        "detect_calls_per_1000_units_unpacked": round(_calls(unpacked, "audit_findings") * per_k, 1),
        "refute_calls_per_1000_units": round(_calls(provider, "refutation_verdict") * per_k, 1),
        "calls_per_1000_units_cached_rerun": round(len(again.requests) * per_k, 1),
        "max_in_flight": provider.max_in_flight,
    }
    benchmark.extra_info.update(info)
    print("\naudit:", info)
    assert info["detect_calls_per_1000_units_packed"] < info["detect_calls_per_1000_units_unpacked"]
    assert info["calls_per_1000_units_cached_rerun"] == 0 and provider.max_in_flight <= 8
