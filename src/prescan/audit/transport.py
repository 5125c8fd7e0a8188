"""The boundary between the audit logic and the model providers.

The audit logic (packing, prompts, cache, validators) builds ModelRequests
and reads ModelResponses; a Provider turns them into HTTP calls (or a
subprocess for command:) and back. Nothing else crosses this line: no SDK
object, no HTTP detail. Providers live in prescan.audit.providers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Protocol

from prescan.errors import PrescanError

# ModelResponse.status
OK = "ok"                   # data holds the parsed JSON answer
REFUSED = "refused"         # the model declined (stop_reason refusal / message.refusal)
TRUNCATED = "truncated"     # max_tokens / finish_reason length: the answer is incomplete
MALFORMED = "malformed"     # the answer is not JSON of the requested schema
FAILED = "failed"           # an error that retries did not cure; error says which
EXPIRED = "expired"         # a batch request that expired or was canceled (re-queue it)
STATUSES = (OK, REFUSED, TRUNCATED, MALFORMED, FAILED, EXPIRED)


@dataclass(frozen=True)
class ModelRequest:
    custom_id: str                      # stable, <= 64 chars of [A-Za-z0-9_-]; batch results match on it
    system: str                         # fixed instructions (a stable, cacheable prefix)
    user: str                           # the data: redacted code, framed as data
    schema: dict                        # JSON schema the answer must follow (an object schema)
    schema_name: str = "answer"         # [A-Za-z0-9_-]{1,64}
    max_tokens: int = 4096
    temperature: float | None = 0.0     # None: do not send (models that reject it)
    seed: int | None = None             # sent where the provider supports it


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0               # uncached input
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(self.input_tokens + other.input_tokens, self.output_tokens + other.output_tokens,
                     self.cache_read_tokens + other.cache_read_tokens,
                     self.cache_write_tokens + other.cache_write_tokens)


@dataclass(frozen=True)
class ModelResponse:
    custom_id: str
    status: str                         # one of STATUSES
    data: dict | None = None            # the parsed answer when status is OK
    text: str = ""                      # raw answer text (for MALFORMED / REFUSED diagnostics)
    model: str = ""                     # the model that answered, as the provider names it (dated snapshot)
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    request_id: str = ""                # the provider's request id header, when sent
    retries: int = 0
    error: str = ""                     # one line, for FAILED / EXPIRED
    batch: bool = False                 # answered through a batch API (billed at the batch rate)


class ProviderError(PrescanError):
    """A provider failure that ends the audit run, not just one request."""


class SpendLimit(ProviderError):
    """Quota or spend limit reached (never retried): stop spending, mark the rest not audited."""


class AuthFailed(ProviderError):
    """The key is missing or refused: names the variable to set."""


class Provider(Protocol):
    name: str                           # "anthropic" | "openai" | "command"
    model: str                          # the model asked for

    def complete(self, request: ModelRequest) -> ModelResponse:
        """One synchronous request, retried per the provider's rules. Thread-safe:
        the caller runs several at once under its own concurrency limit. Raises
        SpendLimit / AuthFailed; every other failure is a FAILED response."""

    def count_tokens(self, request: ModelRequest) -> int:
        """Input tokens of the request: the provider's counting endpoint where it has
        one, else an estimate that errs high."""

    def supports_batch(self) -> bool:
        """Whether submit_batch/batch_results work (Anthropic, OpenAI; not local servers)."""

    def submit_batch(self, requests: Iterable[ModelRequest]) -> str:
        """Submit an asynchronous batch; returns its id (to persist for resumption)."""

    def batch_results(self, batch_id: str) -> dict[str, ModelResponse] | None:
        """None while the batch runs; when it ended, every request's response by
        custom_id (EXPIRED/FAILED for the ones that did not succeed)."""
