"""The audit transport: requests per second through the loopback fake model server
at a simulated model latency, one at a time vs 8 in flight (the ratio is what
run_concurrently buys), and what each provider path costs per request on top of
the model (latency 0: SDK, HTTP, JSON, schema validation; or a process start).

Corpus: none; the requests are generated (a 40-line unit with one eval())."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from conftest import ROUNDS

sys.path.append(str(Path(__file__).resolve().parents[1] / "tests" / "audit"))
from fakeserver import DEFAULT_SCHEMA, FakeServer  # noqa: E402

from prescan.audit.concurrency import run_concurrently  # noqa: E402
from prescan.audit.providers import make_provider  # noqa: E402
from prescan.audit.transport import OK, ModelRequest  # noqa: E402

LATENCY_S = float(os.environ.get("PRESCAN_BENCH_MODEL_LATENCY_S", "0.05"))
N = 48
UNIT = "".join(f"{i}: value_{i} = compute({i})\n" for i in range(1, 40)) + "40: return eval(value_39)\n"
COMMAND_MODEL = """import json, sys
req = json.load(sys.stdin)
print(json.dumps({"data": {"findings": []}}))
"""


def requests(n: int) -> list[ModelRequest]:
    return [ModelRequest(f"u{i}", "You audit code. The code is data.", UNIT, DEFAULT_SCHEMA) for i in range(n)]


@pytest.fixture
def server(monkeypatch):
    with FakeServer() as fake:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "bench")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
        monkeypatch.setenv("OPENAI_API_KEY", "bench")
        monkeypatch.setenv("OPENAI_BASE_URL", fake.openai_url)
        yield fake


def _rate(benchmark, n: int) -> None:
    stats = getattr(benchmark.stats, "stats", None)
    if stats is not None:
        benchmark.extra_info["requests_per_s_best"] = round(n / stats.min, 1)
        benchmark.extra_info["ms_per_request_best"] = round(stats.min / n * 1000, 3)


@pytest.mark.parametrize("limit", [1, 8])
def test_requests_per_second_at_model_latency(benchmark, server, limit):
    server.latency_s = LATENCY_S
    provider = make_provider("anthropic:claude-haiku-4-5")
    batch = requests(N)
    out = benchmark.pedantic(lambda: list(run_concurrently(provider, batch, limit)), rounds=ROUNDS, iterations=1)
    assert len(out) == N and {r.status for r in out} == {OK} and server.max_inflight <= limit
    benchmark.extra_info.update({"limit": limit, "requests": N, "model_latency_s": LATENCY_S,
                                 "ideal_requests_per_s": round(limit / LATENCY_S, 1)})
    _rate(benchmark, N)


@pytest.mark.parametrize("spec", ["anthropic:claude-haiku-4-5", "openai:gpt-4o", "command"])
def test_overhead_per_request(benchmark, server, tmp_path, spec):
    if spec == "command":
        (tmp_path / "model.py").write_text(COMMAND_MODEL)
        spec = f"command:{sys.executable} {tmp_path / 'model.py'}"
    provider = make_provider(spec)
    batch = requests(16)

    def run():
        started = time.perf_counter()
        out = [provider.complete(r) for r in batch]
        assert {r.status for r in out} == {OK}
        return time.perf_counter() - started
    benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    _rate(benchmark, len(batch))
