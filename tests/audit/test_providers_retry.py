"""The retry decision on its own: which failures are retried, after how long, and
which end the run."""
from __future__ import annotations

import email.utils
import time

import pytest

from prescan.audit.providers.options import Options
from prescan.audit.providers.retry import Failure, GiveUp, decide, retry_after_s
from prescan.audit.transport import AuthFailed, SpendLimit

OPTS = Options(backoff_s=0.5)


def wait(f: Failure, attempt: int = 0, max_wait_s: float = 60.0):
    return decide(f, OPTS, provider="anthropic", key_var="ANTHROPIC_API_KEY", max_wait_s=max_wait_s,
                  attempt=attempt)


def test_retry_after_forms():
    assert retry_after_s({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after_s({"retry-after": "1.5"}) == 1.5
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after_s({"retry-after": date}) <= 31
    assert retry_after_s({}) is None and retry_after_s({"retry-after": "soon"}) is None


def test_backoff_doubles_and_529_waits_longer():
    first, second = wait(Failure(500), 0), wait(Failure(500), 1)
    assert 0.375 <= first <= 0.5 and 0.75 <= second <= 1.0
    assert 1.5 <= wait(Failure(529, "overloaded_error"), 0) <= 2.0
    assert 1.5 <= wait(Failure(429, "overloaded_error"), 0) <= 2.0     # branch on the type, not the status
    assert wait(Failure(None, "timeout"), 0) is not None


def test_the_last_attempt_gives_up():
    assert wait(Failure(500), attempt=OPTS.max_retries) is None


@pytest.mark.parametrize("status", [400, 403, 404, 413, 422])
def test_client_errors_are_never_retried_even_when_the_server_says_so(status):
    assert wait(Failure(status, headers={"x-should-retry": "true"})) is None


def test_x_should_retry_false():
    assert wait(Failure(503, headers={"x-should-retry": "false"})) is None
    assert wait(Failure(418, headers={"x-should-retry": "true"})) is not None


def test_a_long_retry_after_gives_up():
    with pytest.raises(GiveUp) as info:
        wait(Failure(429, headers={"retry-after": "300"}), max_wait_s=120)
    assert "300 s" in info.value.line()


@pytest.mark.parametrize("failure", [
    Failure(429, "rate_limit_error", "enforced_spend_limit_reached"),
    Failure(429, "insufficient_quota", "insufficient_quota"),
    Failure(400, "invalid_request_error", "", "You have reached your specified API usage limits."),
    Failure(402, "billing_error"),
])
def test_spend_limits_end_the_run(failure):
    with pytest.raises(SpendLimit):
        wait(failure, attempt=5)


def test_a_refused_key_names_the_variable():
    with pytest.raises(AuthFailed) as info:
        wait(Failure(401, "authentication_error"))
    assert "ANTHROPIC_API_KEY" in info.value.one_line()


def test_options_from_a_config_file_are_typed():
    from prescan.errors import ConfigError
    opts = Options.parse({"timeout_s": "3", "strict": "false", "max-retries": "4", "concurrency": 8,
                          "base_url": None})
    assert (opts.timeout_s, opts.strict, opts.max_retries, opts.base_url) == (3.0, False, 4, None)
    for bad in ({"strict": "maybe"}, {"timeout": "soon"}, {"cache-ttl": "2h"}, {"response-format": "xml"}):
        with pytest.raises(ConfigError):
            Options.parse(bad)
