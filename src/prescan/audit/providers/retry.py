"""The one retry layer of the providers: which failed attempts are retried,
after how long, and which end the run (SpendLimit, AuthFailed)."""
from __future__ import annotations

import email.utils
import random
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from prescan.audit.providers.options import Options
from prescan.audit.transport import AuthFailed, ProviderError, SpendLimit

# The SDK clients are built with max_retries=0 and every retry happens here: the
# SDKs retry any 429 (a spend-limit 429 too) and, in the versions we use, honour
# any retry-after however long. One layer also means one count for
# ModelResponse.retries and no multiplied calls.

@dataclass(frozen=True)
class Failure:
    """One failed attempt, reduced to what the retry decision needs."""
    status: int | None                  # None: no response (timeout, connection error)
    etype: str = ""                     # error.type
    code: str = ""                      # error.details.error_code (Anthropic) or error.code (OpenAI)
    message: str = ""
    headers: Mapping[str, str] | None = None
    request_id: str = ""

    def line(self) -> str:
        what = f"HTTP {self.status}" if self.status else "no response"
        detail = " ".join(x for x in (self.etype, self.code if self.code != self.etype else "", self.message) if x)
        return " ".join(f"{what}: {detail}".split())[:300].rstrip(": ")


class GiveUp(Exception):
    """Retries did not cure a failure: the request becomes a FAILED response."""

    def __init__(self, failure: Failure, retries: int, reason: str = "") -> None:
        super().__init__(failure.line())
        self.failure, self.retries, self.reason = failure, retries, reason

    def line(self) -> str:
        return f"{self.failure.line()}{'; ' + self.reason if self.reason else ''}"


def failure_of(exc: BaseException, sdk) -> Failure | None:
    """A Failure from an SDK exception (either vendor's: same class names), None for anything else."""
    if isinstance(exc, sdk.APIStatusError):
        resp = exc.response
        try:
            body = resp.json()
        except Exception:   # noqa: BLE001 - a non-JSON error page
            body = {}
        err = body.get("error") if isinstance(body, dict) else None
        err = err if isinstance(err, dict) else {}
        details = err.get("details") if isinstance(err.get("details"), dict) else {}
        code = details.get("error_code") or err.get("code") or ""
        headers = {k.lower(): v for k, v in resp.headers.items()}
        return Failure(exc.status_code, str(err.get("type") or ""), str(code), str(err.get("message") or ""),
                       headers, headers.get("request-id") or headers.get("x-request-id") or "")
    if isinstance(exc, sdk.APITimeoutError):
        return Failure(None, "timeout", message="request timed out")
    if isinstance(exc, sdk.APIConnectionError):
        return Failure(None, "connection", message=str(exc))
    return None


SPEND_CODES = {"enforced_spend_limit_reached", "insufficient_quota", "credit_balance_exhausted",
               "billing_hard_limit_reached"}
USAGE_LIMITS = re.compile(r"usage limit|spend limit|credit balance", re.I)
NEVER_RETRY = {400, 401, 402, 403, 404, 413, 422}


def retry_after_s(headers: Mapping[str, str] | None) -> float | None:
    headers = headers or {}
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return float(value) / scale
        except ValueError:
            parsed = email.utils.parsedate_tz(value)
            if parsed is not None:
                return max(0.0, email.utils.mktime_tz(parsed) - time.time())
    return None


def decide(f: Failure, opts: Options, *, provider: str, key_var: str, max_wait_s: float,
           attempt: int) -> float | None:
    """Seconds to wait before the next attempt, None to give up; raises for the run-ending errors."""
    if f.code in SPEND_CODES or f.status == 402 or (f.status == 400 and USAGE_LIMITS.search(f.message)):
        raise SpendLimit(f"{provider}: spend or quota limit reached", detail=f.line(),
                         hint="raise the limit or wait for it to reset; the rest of the units are not audited")
    if f.status == 401:
        raise AuthFailed(f"{provider}: the API key in {key_var} was refused", detail=f.line(),
                         hint=f"set {key_var} to a valid key")
    if attempt >= opts.max_retries:
        return None
    should = (f.headers or {}).get("x-should-retry")
    if should == "false" or f.status in NEVER_RETRY:    # these are never retried, whatever the header says
        return None
    if should != "true" and f.status is not None and not (f.status in (408, 409, 429) or f.status >= 500):
        return None
    wait = retry_after_s(f.headers)
    if wait is not None and wait > max_wait_s:
        raise GiveUp(f, attempt, f"the server asked to wait {wait:.0f} s (more than {max_wait_s:.0f} s)")
    if wait is not None and wait > 0:
        return wait
    overloaded = f.status == 529 or f.etype == "overloaded_error"
    base, cap = (opts.backoff_s * 4, 32.0) if overloaded else (opts.backoff_s, 8.0)
    return min(base * 2 ** attempt, cap) * (1 - 0.25 * random.random())


def with_retries(send: Callable[[int], Any], sdk, opts: Options, *, provider: str, key_var: str,
                 max_wait_s: float, sleep: Callable[[float], None] = time.sleep) -> tuple[Any, int]:
    """send(attempt) until it returns; (its result, retries taken). Raises GiveUp, SpendLimit, AuthFailed."""
    attempt = 0
    while True:
        try:
            return send(attempt), attempt
        except Exception as exc:    # noqa: BLE001 - classified below, re-raised when not an API error
            failure = failure_of(exc, sdk)
            if failure is None:
                raise
            wait = decide(failure, opts, provider=provider, key_var=key_var, max_wait_s=max_wait_s,
                          attempt=attempt)
            if wait is None:
                raise GiveUp(failure, attempt) from None
            sleep(wait)
            attempt += 1


def run_or_raise(send: Callable[[int], Any], sdk, opts: Options, *, provider: str, key_var: str,
                 max_wait_s: float, what: str) -> Any:
    """with_retries for calls that have no per-request response to fail into (batches)."""
    try:
        return with_retries(send, sdk, opts, provider=provider, key_var=key_var, max_wait_s=max_wait_s)[0]
    except GiveUp as exc:
        raise ProviderError(f"{provider}: {what} failed", detail=exc.line()) from None
