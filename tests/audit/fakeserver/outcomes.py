"""Scripted outcomes for the fake server, and its default rule-based fake model."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

DEFAULT_SCHEMA = {
    "type": "object",
    "properties": {"findings": {"type": "array", "items": {
        "type": "object",
        "properties": {"line": {"type": "integer"}, "code": {"type": "string"}, "pattern": {"type": "string"}},
        "required": ["line", "code", "pattern"], "additionalProperties": False}}},
    "required": ["findings"], "additionalProperties": False,
}
RISKY = ("eval(", "shell=True", "os.system(")
# "12: code" / "12 | code" / "  12  code": the line number the caller framed the code with
NUMBERED = re.compile(r"^\s*(\d+)\s*[:|]?\s?(.*)$")
DATED = {"claude-sonnet-4-5": "claude-sonnet-4-5-20250929", "claude-haiku-4-5": "claude-haiku-4-5-20251001",
         "gpt-4o": "gpt-4o-2024-08-06", "gpt-4o-mini": "gpt-4o-mini-2024-07-18"}


def rule_model(request: dict) -> dict:
    """The default fake model: every user-text line with a risky call, by its framed line number."""
    findings = []
    for index, raw in enumerate(request["user"].splitlines(), start=1):
        for pattern in RISKY:
            if pattern in raw:
                m = NUMBERED.match(raw)
                line, code = (int(m.group(1)), m.group(2)) if m else (index, raw)
                findings.append({"line": line, "code": code.strip(), "pattern": pattern})
                break
    return {"findings": findings}


def tokens(text: str) -> int:
    return math.ceil(len(text) / 4) if text else 0


@dataclass
class Outcome:
    """One scripted answer to one model call."""
    kind: str = "ok"            # ok | json_text | truncated | refusal | malformed | error
    status: int = 200
    body: dict | None = None    # the error body, for kind error
    headers: dict = field(default_factory=dict)
    delay_s: float = 0.0        # sleep before answering (timeouts)


def ok(delay_s: float = 0.0) -> Outcome:
    return Outcome("ok", delay_s=delay_s)


def json_text() -> Outcome:
    """Anthropic: the answer as JSON in a text block even when a tool was forced."""
    return Outcome("json_text")


def truncated() -> Outcome:
    return Outcome("truncated")


def refusal() -> Outcome:
    return Outcome("refusal")


def malformed() -> Outcome:
    return Outcome("malformed")


def slow(seconds: float) -> Outcome:
    return Outcome("ok", delay_s=seconds)


def http_error(status: int, etype: str, message: str, headers: dict | None = None, *,
               details: dict | None = None, code: str | None = None) -> Outcome:
    """An error in both envelopes: the handler renders the Anthropic or the OpenAI shape."""
    return Outcome("error", status, {"type": etype, "message": message, "details": details, "code": code},
                   dict(headers or {}))


def rate_limited(retry_after_ms: int = 5) -> Outcome:
    return http_error(429, "rate_limit_error", "This request would exceed your organization's rate limit",
                      {"retry-after-ms": str(retry_after_ms), "retry-after": "1", "x-should-retry": "true"},
                      code="rate_limit_exceeded")


def spend_limit() -> Outcome:
    """Anthropic's monthly cap: a 429 with no retry-after that must not be retried."""
    return http_error(429, "rate_limit_error", "You have reached your monthly spend limit",
                      details={"error_code": "enforced_spend_limit_reached"})


def usage_limit_400() -> Outcome:
    return http_error(400, "invalid_request_error", "You have reached your specified API usage limits. "
                      "You will regain access on 2026-12-01 at 00:00 UTC.")


def insufficient_quota() -> Outcome:
    return http_error(429, "insufficient_quota", "You exceeded your current quota, please check your plan "
                      "and billing details.", code="insufficient_quota")


def overloaded(retry_after_ms: int | None = 5) -> Outcome:
    headers = {"retry-after-ms": str(retry_after_ms)} if retry_after_ms is not None else {}
    return http_error(529, "overloaded_error", "Overloaded", headers)


def server_error() -> Outcome:
    return http_error(500, "api_error", "Internal server error", {"retry-after-ms": "5"})


def retry_after(seconds: int = 300) -> Outcome:
    return http_error(429, "rate_limit_error", "Rate limit reached for requests", {"retry-after": str(seconds)},
                      code="rate_limit_exceeded")


ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
               404: "not_found_error", 413: "request_too_large"}


def status_error(status: int, message: str = "") -> Outcome:
    etype = ERROR_TYPES.get(status, "api_error")
    return http_error(status, etype, message or f"{etype} ({status})")


