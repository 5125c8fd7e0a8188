"""A loopback fake of the Anthropic and OpenAI HTTP APIs (the A6 contract of
model-providers.md) for tests: the real SDK clients talk to it over HTTP.

Per test, script outcomes (`server.script(rate_limited(), ok())`, consumed by the
model calls in arrival order) or plug in the fake model (`server.answer = fn`,
fn(request) -> dict, where request is {"provider", "model", "system", "user",
"schema", "body"}). Without either, a deterministic rule-based model answers:
it reports user-text lines containing `eval(`, `shell=True` or `os.system(`
(DEFAULT_SCHEMA). Every request is logged (headers + body) and the in-flight
high-water mark is kept, for assertions."""
from .outcomes import (DEFAULT_SCHEMA, Outcome, http_error, insufficient_quota, json_text, malformed, ok,
                       overloaded, rate_limited, refusal, retry_after, rule_model, server_error, slow, spend_limit,
                       status_error, truncated, usage_limit_400)
from .server import FakeServer, Logged

__all__ = ["DEFAULT_SCHEMA", "FakeServer", "Logged", "Outcome", "http_error", "insufficient_quota", "json_text",
           "malformed", "ok", "overloaded", "rate_limited", "refusal", "retry_after", "rule_model", "server_error",
           "slow", "spend_limit", "status_error", "truncated", "usage_limit_400"]
