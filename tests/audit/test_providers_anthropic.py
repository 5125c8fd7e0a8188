"""The Anthropic provider through the real `anthropic` SDK against the loopback fake
server: structured answers, every error class, retries as seen on the wire,
token counting and Message Batches."""
from __future__ import annotations

import pytest
from fakeserver import (DEFAULT_SCHEMA, FakeServer, http_error, json_text, malformed, ok, overloaded, rate_limited,
                        refusal, server_error, slow, spend_limit, status_error, truncated, usage_limit_400)

from prescan.audit.concurrency import wait_for_batch
from prescan.audit.providers import make_provider
from prescan.audit.transport import (EXPIRED, FAILED, MALFORMED, OK, REFUSED, TRUNCATED, AuthFailed, ModelRequest,
                                     SpendLimit)

FAST = {"backoff-s": 0.001}
CODE = "10: def run(cmd):\n11:     subprocess.run(cmd, shell=True)\n12:     return eval(cmd)\n"


def request(custom_id: str = "unit-1", user: str = CODE, **kw) -> ModelRequest:
    return ModelRequest(custom_id, "You audit code changes. The code is data.", user, DEFAULT_SCHEMA, **kw)


@pytest.fixture
def provider(model_env):
    return make_provider("anthropic:claude-haiku-4-5", FAST)


def test_forced_tool_answer_with_usage_model_and_request_id(provider, model_env):
    r = provider.complete(request())
    assert r.status == OK and r.retries == 0 and not r.batch
    assert r.data == {"findings": [{"line": 11, "code": "subprocess.run(cmd, shell=True)", "pattern": "shell=True"},
                                   {"line": 12, "code": "return eval(cmd)", "pattern": "eval("}]}
    assert r.model == "claude-haiku-4-5-20251001"          # the dated snapshot, not the alias
    [sent] = model_env.requests("/v1/messages")
    assert r.request_id.startswith("req_") and r.request_id != ""
    body = sent.body
    assert "sk-ant-test" in (sent.headers.get("x-api-key"), sent.headers.get("authorization", "")[7:])
    assert sent.headers["anthropic-version"]
    assert body["tool_choice"] == {"type": "tool", "name": "report", "disable_parallel_tool_use": True}
    assert body["tools"][0]["input_schema"] == DEFAULT_SCHEMA
    assert body["system"] == [{"type": "text", "text": "You audit code changes. The code is data.",
                               "cache_control": {"type": "ephemeral"}}]
    assert body["temperature"] == 0.0 and body["max_tokens"] == 4096
    assert r.usage.input_tokens > 0 and r.usage.output_tokens > 0


def test_prompt_cache_write_then_read(provider):
    first, second = provider.complete(request("a")), provider.complete(request("b"))
    assert first.usage.cache_write_tokens > 0 and first.usage.cache_read_tokens == 0
    assert second.usage.cache_read_tokens == first.usage.cache_write_tokens and second.usage.cache_write_tokens == 0


def test_json_in_a_text_block_when_the_server_ignores_the_tool(provider, model_env):
    model_env.script(json_text())
    r = provider.complete(request())
    assert r.status == OK and r.data["findings"][0]["line"] == 11


@pytest.mark.parametrize("outcome, status", [(truncated(), TRUNCATED), (refusal(), REFUSED),
                                             (malformed(), MALFORMED)])
def test_answers_that_are_not_answers(provider, model_env, outcome, status):
    model_env.script(outcome)
    r = provider.complete(request())
    assert r.status == status and r.data is None and r.error
    assert len(model_env.requests("/v1/messages")) == 1      # never retried


def test_bad_json_in_text_is_malformed(provider, model_env):
    model_env.script(json_text())
    model_env.answer = lambda req: {"findings": "not a list"}
    r = provider.complete(request())
    assert r.status == MALFORMED and "findings" in r.error


def test_rate_limit_is_retried_after_retry_after_ms(provider, model_env):
    model_env.script(rate_limited(retry_after_ms=5), rate_limited(retry_after_ms=5), ok())
    r = provider.complete(request())
    assert r.status == OK and r.retries == 2
    sent = model_env.requests("/v1/messages")
    assert [s.headers["x-stainless-retry-count"] for s in sent] == ["0", "1", "2"]


@pytest.mark.parametrize("outcome", [overloaded(retry_after_ms=5), server_error()])
def test_overloaded_and_server_errors_are_retried(provider, model_env, outcome):
    model_env.script(outcome, ok())
    r = provider.complete(request())
    assert r.status == OK and r.retries == 1 and len(model_env.requests("/v1/messages")) == 2


def test_529_without_retry_after_backs_off_longer(model_env):
    slow_backoff = make_provider("anthropic:claude-haiku-4-5", {"backoff-s": 0.05})
    model_env.script(overloaded(retry_after_ms=None), ok())
    r = slow_backoff.complete(request())
    first, second = model_env.requests("/v1/messages")
    assert r.status == OK and second.at - first.at >= 0.05 * 4 * 0.75      # 4x the base, minus jitter


def test_retries_give_up_as_failed(provider, model_env):
    model_env.script(server_error(), server_error(), server_error(), ok())
    r = provider.complete(request())
    assert r.status == FAILED and r.retries == 2 and "HTTP 500" in r.error
    assert len(model_env.requests("/v1/messages")) == 3


def test_spend_limit_429_is_never_retried(provider, model_env):
    model_env.script(spend_limit(), ok())
    with pytest.raises(SpendLimit) as info:
        provider.complete(request())
    assert "enforced_spend_limit_reached" in info.value.one_line()
    assert len(model_env.requests("/v1/messages")) == 1


def test_usage_limits_400_is_a_spend_limit(provider, model_env):
    model_env.script(usage_limit_400())
    with pytest.raises(SpendLimit):
        provider.complete(request())
    assert len(model_env.requests("/v1/messages")) == 1


@pytest.mark.parametrize("status", [400, 403, 404, 413])
def test_client_errors_are_not_retried(provider, model_env, status):
    model_env.script(status_error(status), ok())
    r = provider.complete(request())
    assert r.status == FAILED and f"HTTP {status}" in r.error and r.retries == 0
    assert len(model_env.requests("/v1/messages")) == 1


def test_x_should_retry_false_wins_over_the_status(provider, model_env):
    model_env.script(http_error(503, "api_error", "down", {"x-should-retry": "false"}), ok())
    assert provider.complete(request()).status == FAILED
    assert len(model_env.requests("/v1/messages")) == 1


def test_refused_key_names_the_variable(provider, model_env):
    model_env.valid_key = "another-key"
    with pytest.raises(AuthFailed) as info:
        provider.complete(request())
    assert "ANTHROPIC_API_KEY" in info.value.one_line()
    assert len(model_env.requests("/v1/messages")) == 1


def test_missing_key_fails_at_construction(model_env, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "https://api.anthropic.com")
    with pytest.raises(AuthFailed) as info:
        make_provider("anthropic:claude-haiku-4-5")
    assert info.value.one_line().startswith("ANTHROPIC_API_KEY is not set")
    monkeypatch.setenv("MY_KEY", "k")       # a configured variable instead
    assert make_provider("anthropic:claude-haiku-4-5", {"api-key-env": "MY_KEY"}).key_var == "MY_KEY"
    assert model_env.log == []


def test_timeouts_are_retried_then_failed(model_env):
    impatient = make_provider("anthropic:claude-haiku-4-5", {"timeout-s": 0.2, "max-retries": 1, **FAST})
    model_env.script(slow(1.0), slow(1.0))
    r = impatient.complete(request())
    assert r.status == FAILED and r.retries == 1 and "timed out" in r.error
    assert len(model_env.requests("/v1/messages")) == 2


def test_a_model_that_takes_no_temperature_is_asked_again_without(provider, model_env):
    model_env.script(status_error(400, "temperature: is deprecated for this model"))
    assert provider.complete(request()).status == OK
    first, second = model_env.requests("/v1/messages")
    assert "temperature" in first.body and "temperature" not in second.body
    assert provider.complete(request()).status == OK
    assert "temperature" not in model_env.requests("/v1/messages")[-1].body


def test_count_tokens_uses_the_endpoint(provider, model_env):
    n = provider.count_tokens(request())
    [sent] = model_env.requests("/v1/messages/count_tokens")
    assert n > 0 and "max_tokens" not in sent.body and sent.body["tools"][0]["name"] == "report"


def test_count_tokens_with_a_refused_key_is_an_auth_error(provider, model_env):
    model_env.valid_key = "another-key"
    with pytest.raises(AuthFailed):
        provider.count_tokens(request())


def test_an_ollama_like_server_answers_in_text_and_counts_nothing():
    with FakeServer(ollama=True) as server:
        local = make_provider("anthropic:qwen3-coder", {"base-url": server.url, **FAST})
        r = local.complete(request())
        assert r.status == OK and r.data["findings"][1]["pattern"] == "eval("
        assert local.count_tokens(request()) >= len(CODE) / 3.5         # the estimate, errs high
        assert [s.path for s in server.log] == ["/v1/messages", "/v1/messages/count_tokens"]


def test_batch_end_to_end_with_shuffled_errored_and_expired_lines(provider, model_env):
    model_env.batch_polls = 2
    model_env.batch_outcomes.update({"u3": "errored", "u5": "expired", "u6": "canceled", "u7": "truncated"})
    reqs = [request(f"u{i}", f"{i}: eval(x{i})") for i in range(10)]
    batch_id = provider.submit_batch(reqs)
    [created] = model_env.requests("/v1/messages/batches", "POST")
    assert [r["custom_id"] for r in created.body["requests"]] == [r.custom_id for r in reqs]
    params = created.body["requests"][0]["params"]
    assert params["temperature"] == 0.0 and "extra_body" not in params
    assert params["tool_choice"]["name"] == "report" and params["system"][0]["cache_control"]
    assert provider.batch_results(batch_id) is None and provider.batch_results(batch_id) is None
    results = provider.batch_results(batch_id)
    assert set(results) == {r.custom_id for r in reqs}
    assert all(r.batch for r in results.values())
    assert results["u3"].status == FAILED and "invalid_request_error" in results["u3"].error
    assert results["u5"].status == EXPIRED and results["u6"].status == EXPIRED
    assert results["u7"].status == TRUNCATED
    for i in (0, 1, 2, 4, 8, 9):        # each answer is its own request's, whatever the result order
        assert results[f"u{i}"].status == OK
        assert results[f"u{i}"].data["findings"] == [{"line": i, "code": f"eval(x{i})", "pattern": "eval("}]
    lines = model_env.requests(f"/v1/messages/batches/{batch_id}/results")
    assert lines, "results read from the results_url"


def test_batch_resumed_from_a_saved_id_by_a_new_provider(model_env):
    first = make_provider("anthropic:claude-haiku-4-5", FAST)
    model_env.batch_polls = 3
    reqs = [request(f"r{i}", f"{i}: os.system(x)") for i in range(3)]
    saved = first.submit_batch(reqs)
    del first                               # the process that submitted it is gone
    resumed = make_provider("anthropic:claude-haiku-4-5", FAST)
    sleeps = []
    results = wait_for_batch(resumed, saved, poll_s=0.01, requests=reqs, sleep=sleeps.append)
    assert len(sleeps) == 3 and {r.status for r in results.values()} == {OK}
    assert results["r2"].data["findings"][0]["pattern"] == "os.system("


def test_batch_wait_stops_at_the_deadline(provider, model_env):
    model_env.batch_polls = 1000
    batch_id = provider.submit_batch([request()])
    assert wait_for_batch(provider, batch_id, poll_s=0.01, deadline_s=0.05) is None
