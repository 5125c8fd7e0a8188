"""The fake server's own contract where no provider path reaches it: batch
cancellation, the model lists, health, and the rate-limit headers."""
from __future__ import annotations

import json
import urllib.request

from fakeserver import DEFAULT_SCHEMA

from prescan.audit.providers import make_provider
from prescan.audit.transport import EXPIRED, ModelRequest


def requests(n: int) -> list[ModelRequest]:
    return [ModelRequest(f"c{i}", "sys", f"{i}: eval(x)", DEFAULT_SCHEMA) for i in range(n)]


def test_canceled_batches_answer_expired(model_env):
    model_env.batch_polls = 5
    for spec in ("anthropic:claude-haiku-4-5", "openai:gpt-4o"):
        provider = make_provider(spec)
        batch_id = provider.submit_batch(requests(3))
        if provider.name == "anthropic":
            assert provider._client.messages.batches.cancel(batch_id).processing_status == "canceling"
        else:
            assert provider._client.batches.cancel(batch_id).status == "cancelling"
        results = provider.batch_results(batch_id)
        assert {r.status for r in results.values()} == {EXPIRED} and len(results) == 3


def test_models_health_and_rate_limit_headers(model_env):
    with urllib.request.urlopen(model_env.url + "/health") as resp:
        assert json.load(resp) == {"status": "ok"}
    anthropic = make_provider("anthropic:claude-haiku-4-5")
    assert "claude-haiku-4-5-20251001" in [m.id for m in anthropic._client.models.list()]
    openai = make_provider("openai:gpt-4o")
    assert "gpt-4o-2024-08-06" in [m.id for m in openai._client.models.list()]
    kwargs = anthropic._sdk_kwargs(anthropic.params(requests(1)[0]))
    first, second = (int(anthropic._client.messages.with_raw_response.create(**kwargs)
                         .headers["anthropic-ratelimit-requests-remaining"]) for _ in range(2))
    assert second == first - 1
