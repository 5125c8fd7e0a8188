"""run_concurrently over a real provider and the fake server: the in-flight limit,
and a spend limit in the middle of a run that keeps what was received."""
from __future__ import annotations

import pytest
from fakeserver import DEFAULT_SCHEMA, insufficient_quota, ok

from prescan.audit.concurrency import run_concurrently, submit_batch
from prescan.audit.providers import make_provider
from prescan.audit.transport import OK, ModelRequest, ProviderError, SpendLimit


def requests(n: int) -> list[ModelRequest]:
    return [ModelRequest(f"u{i:02d}", "sys", f"{i}: eval(v)", DEFAULT_SCHEMA) for i in range(n)]


@pytest.mark.parametrize("name", ["anthropic:claude-haiku-4-5", "openai:gpt-4o"])
def test_in_flight_never_exceeds_the_limit(model_env, name):
    model_env.latency_s = 0.05
    provider = make_provider(name, {"backoff-s": 0.001})
    out = list(run_concurrently(provider, requests(20), limit=4))
    assert sorted(r.custom_id for r in out) == [f"u{i:02d}" for i in range(20)]
    assert {r.status for r in out} == {OK}
    assert model_env.max_inflight == 4          # reached, never passed


def test_spend_limit_mid_run_keeps_the_received_results(model_env):
    model_env.latency_s = 0.02
    provider = make_provider("openai:gpt-4o", {"backoff-s": 0.001})
    model_env.script(*[ok()] * 6, insufficient_quota())
    received = []
    with pytest.raises(SpendLimit) as info:
        for response in run_concurrently(provider, requests(30), limit=3):
            received.append(response)
    sent = len(model_env.requests("/v1/chat/completions"))
    # the 7th call to arrive hit the limit: no new request after it came back (the
    # exact number depends on what finished meanwhile), and every other one sent is kept
    assert 7 <= sent < 20
    assert len(received) == sent - 1 and {r.status for r in received} == {OK}
    assert info.value.partial == {r.custom_id: r for r in received}


def test_an_early_stop_by_the_caller_sends_no_more(model_env):
    provider = make_provider("anthropic:claude-haiku-4-5")
    gen = run_concurrently(provider, requests(50), limit=2)
    next(gen)
    gen.close()
    assert len(model_env.requests("/v1/messages")) <= 3


def test_limit_must_be_positive(model_env):
    with pytest.raises(ValueError):
        list(run_concurrently(make_provider("openai:gpt-4o"), requests(1), limit=0))


def test_submit_batch_refuses_a_provider_without_batches(tmp_path):
    import sys
    provider = make_provider(f"command:{sys.executable} -c pass")
    with pytest.raises(ProviderError):
        submit_batch(provider, requests(2))
