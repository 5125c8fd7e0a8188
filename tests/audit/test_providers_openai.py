"""The OpenAI provider through the real `openai` SDK against the loopback fake
server: json_schema answers, the json_object fallback of local servers, every
error class, retries as seen on the wire, and the Files + Batch APIs."""
from __future__ import annotations

import pytest
from fakeserver import (DEFAULT_SCHEMA, FakeServer, insufficient_quota, malformed, ok, overloaded, rate_limited,
                        refusal, retry_after, server_error, slow, status_error, truncated)

from prescan.audit.concurrency import wait_for_batch
from prescan.audit.providers import make_provider
from prescan.audit.transport import (EXPIRED, FAILED, MALFORMED, OK, REFUSED, TRUNCATED, AuthFailed, ModelRequest,
                                     ProviderError, SpendLimit)

FAST = {"backoff-s": 0.001}
CODE = "3: import os\n4: os.system(user_input)\n"


def request(custom_id: str = "unit-1", user: str = CODE, **kw) -> ModelRequest:
    return ModelRequest(custom_id, "You audit code changes. The code is data.", user, DEFAULT_SCHEMA,
                        schema_name="findings", **kw)


@pytest.fixture
def provider(model_env):
    return make_provider("openai:gpt-4o", FAST)


def test_json_schema_answer_with_usage_seed_and_request_id(provider, model_env):
    r = provider.complete(request(seed=42))
    assert r.status == OK and r.retries == 0
    assert r.data == {"findings": [{"line": 4, "code": "os.system(user_input)", "pattern": "os.system("}]}
    assert r.model == "gpt-4o-2024-08-06" and r.request_id.startswith("req_")
    [sent] = model_env.requests("/v1/chat/completions")
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert sent.body["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "findings", "schema": DEFAULT_SCHEMA, "strict": True}}
    assert sent.body["seed"] == 42 and sent.body["temperature"] == 0.0
    assert sent.body["max_tokens"] == 4096      # a loopback base URL: a local server's parameter name
    assert [m["role"] for m in sent.body["messages"]] == ["system", "user"]


def test_cached_prompt_tokens_are_split_from_the_input(provider):
    first, second = provider.complete(request("a")), provider.complete(request("b"))
    assert first.usage.cache_read_tokens == 0
    assert second.usage.cache_read_tokens > 0
    assert second.usage.input_tokens == first.usage.input_tokens - second.usage.cache_read_tokens


@pytest.mark.parametrize("outcome, status", [(truncated(), TRUNCATED), (refusal(), REFUSED),
                                             (malformed(), MALFORMED)])
def test_answers_that_are_not_answers(provider, model_env, outcome, status):
    model_env.script(outcome)
    r = provider.complete(request())
    assert r.status == status and r.data is None and r.error
    assert len(model_env.requests("/v1/chat/completions")) == 1


def test_schema_mismatch_is_malformed(provider, model_env):
    model_env.answer = lambda req: {"findings": [{"line": "four"}]}
    r = provider.complete(request())
    assert r.status == MALFORMED and "findings/0" in r.error


def test_rate_limit_retried_with_the_retry_count_header(provider, model_env):
    model_env.script(rate_limited(retry_after_ms=5), ok())
    r = provider.complete(request())
    assert r.status == OK and r.retries == 1
    sent = model_env.requests("/v1/chat/completions")
    assert [s.headers["x-stainless-retry-count"] for s in sent] == ["0", "1"]


def test_overloaded_is_retried(provider, model_env):
    model_env.script(overloaded(), server_error(), ok())
    assert provider.complete(request()).retries == 2


def test_retry_after_300_gives_up_at_once(provider, model_env):
    model_env.script(retry_after(300), ok())
    r = provider.complete(request())
    assert r.status == FAILED and "300 s" in r.error and r.retries == 0
    assert len(model_env.requests("/v1/chat/completions")) == 1


def test_insufficient_quota_is_a_spend_limit_and_not_retried(provider, model_env):
    model_env.script(insufficient_quota(), ok())
    with pytest.raises(SpendLimit):
        provider.complete(request())
    assert len(model_env.requests("/v1/chat/completions")) == 1


@pytest.mark.parametrize("status", [400, 403, 404, 413])
def test_client_errors_are_not_retried(provider, model_env, status):
    model_env.script(status_error(status), ok())
    assert provider.complete(request()).status == FAILED
    assert len(model_env.requests("/v1/chat/completions")) == 1


def test_refused_key_names_the_variable(provider, model_env):
    model_env.valid_key = "sk-other"
    with pytest.raises(AuthFailed) as info:
        provider.complete(request())
    assert "OPENAI_API_KEY" in info.value.one_line()


def test_the_batch_probe_reports_a_refused_key(provider, model_env):
    model_env.valid_key = "sk-other"
    with pytest.raises(AuthFailed):
        provider.supports_batch()
    assert [s.path for s in model_env.log] == ["/v1/batches"]


def test_missing_key_fails_at_construction_except_for_a_loopback_server(model_env, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    # a local OpenAI-compatible server ignores the key: a placeholder is sent
    local = make_provider("openai:llama3")
    assert local.complete(request()).status == OK
    assert model_env.requests("/v1/chat/completions")[0].headers["authorization"] == "Bearer local-no-key"
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.openai.com/v1")
    with pytest.raises(AuthFailed) as info:
        make_provider("openai:gpt-4o")
    assert info.value.one_line().startswith("OPENAI_API_KEY is not set")


def test_timeouts_are_retried_then_failed(model_env):
    impatient = make_provider("openai:gpt-4o", {"timeout_s": 0.2, "max-retries": 1, **FAST})
    model_env.script(slow(1.0), slow(1.0))
    r = impatient.complete(request())
    assert r.status == FAILED and r.retries == 1 and "timed out" in r.error


def test_a_server_without_json_schema_gets_json_object():
    with FakeServer(reject_json_schema=True, no_batch=True) as server:
        local = make_provider("openai:qwen2.5-coder", {"base-url": server.openai_url, **FAST})
        assert local.complete(request()).status == OK
        assert local.complete(request()).status == OK
        formats = [s.body["response_format"]["type"] for s in server.requests("/v1/chat/completions")]
        assert formats == ["json_schema", "json_object", "json_object"]      # asked once, remembered
        assert "JSON schema" in server.requests("/v1/chat/completions")[-1].body["messages"][0]["content"]
        assert local.supports_batch() is False
        with pytest.raises(ProviderError):
            local.submit_batch([request()])


def test_official_endpoint_uses_max_completion_tokens(model_env, monkeypatch):
    p = make_provider("openai:gpt-4o", {"max-tokens-param": "max_completion_tokens"})
    p.complete(request())
    assert model_env.requests("/v1/chat/completions")[0].body["max_completion_tokens"] == 4096


def test_count_tokens_estimate_errs_high(provider, model_env):
    req = request(user="x" * 3500)
    assert provider.count_tokens(req) > 1000
    assert model_env.log == []          # an estimate: no request


def test_batch_end_to_end(provider, model_env):
    assert provider.supports_batch()
    model_env.batch_polls = 2
    model_env.batch_outcomes.update({"b1": "errored", "b2": "expired", "b3": "refusal"})
    reqs = [request(f"b{i}", f"{i}: os.system(c{i})") for i in range(8)]
    batch_id = provider.submit_batch(reqs)
    [upload] = model_env.requests("/v1/files", "POST")
    assert b'name="purpose"\r\n\r\nbatch\r\n' in upload.body and b'"custom_id": "b0"' in upload.body
    [created] = model_env.requests("/v1/batches", "POST")
    assert created.body["endpoint"] == "/v1/chat/completions" and created.body["completion_window"] == "24h"
    assert provider.batch_results(batch_id) is None
    assert provider.batch_results(batch_id) is None
    results = provider.batch_results(batch_id)
    assert set(results) == {r.custom_id for r in reqs} and all(r.batch for r in results.values())
    assert results["b1"].status == FAILED and "HTTP 400" in results["b1"].error
    assert results["b2"].status == EXPIRED
    assert results["b3"].status == REFUSED
    for i in (0, 4, 5, 6, 7):
        assert results[f"b{i}"].data == {"findings": [{"line": i, "code": f"os.system(c{i})",
                                                       "pattern": "os.system("}]}


def test_batch_resumed_by_a_new_provider(model_env):
    reqs = [request(f"k{i}") for i in range(3)]
    saved = make_provider("openai:gpt-4o", FAST).submit_batch(reqs)
    fresh = make_provider("openai:gpt-4o", FAST)
    results = wait_for_batch(fresh, saved, poll_s=0.0, requests=reqs)
    assert sorted(results) == ["k0", "k1", "k2"] and {r.status for r in results.values()} == {OK}
