"""The Anthropic provider: Messages API with a forced `report` tool for the
structured answer, prompt caching on the system prompt, token counting, and
Message Batches (through the official `anthropic` SDK, imported lazily)."""
from __future__ import annotations

import os
import time
from typing import Any, Iterable

from prescan.audit.providers.answers import check_answer, estimate_tokens, parse_answer
from prescan.audit.providers.options import Options, api_key, import_sdk
from prescan.audit.providers.retry import GiveUp, run_or_raise, with_retries
from prescan.audit.transport import (EXPIRED, FAILED, REFUSED, TRUNCATED, AuthFailed, ModelRequest, ModelResponse,
                                     ProviderError, SpendLimit, Usage)

TOOL = "report"
MAX_WAIT_S = 60.0       # a longer retry-after means an outage, not a blip: give up


def to_response(custom_id: str, msg: dict, schema: dict | None, **extra: Any) -> ModelResponse:
    """A ModelResponse from a Message (as a dict), sync or batch."""
    u = msg.get("usage") or {}
    usage = Usage(u.get("input_tokens") or 0, u.get("output_tokens") or 0,
                  u.get("cache_read_input_tokens") or 0, u.get("cache_creation_input_tokens") or 0)
    blocks = msg.get("content") or []
    text = "".join(b.get("text", "") for b in blocks if b.get("type") == "text")
    base = dict(custom_id=custom_id, model=msg.get("model") or "", usage=usage, text=text, **extra)
    stop = msg.get("stop_reason")
    if stop in ("max_tokens", "model_context_window_exceeded"):
        return ModelResponse(status=TRUNCATED, error=f"stop_reason {stop}", **base)
    if stop == "refusal":
        return ModelResponse(status=REFUSED, error="stop_reason refusal", **base)
    tool = next((b for b in blocks if b.get("type") == "tool_use" and b.get("name") == TOOL), None)
    if tool is not None:
        status, data, error = check_answer(tool.get("input"), schema)
    else:       # a server that ignored tool_choice (Ollama): JSON in a text block
        status, data, error = parse_answer(text, schema)
    return ModelResponse(status=status, data=data, error=error, **base)


class AnthropicProvider:
    name = "anthropic"

    def __init__(self, model: str, config: dict | None = None) -> None:
        self.model = model
        self.opts = Options.parse(config)
        self.key_var = self.opts.api_key_env or "ANTHROPIC_API_KEY"
        base_url = self.opts.base_url or os.environ.get("ANTHROPIC_BASE_URL") or None
        key = api_key(self.key_var, base_url=base_url)
        self._sdk = import_sdk("anthropic")
        self._client = self._sdk.Anthropic(api_key=key, base_url=base_url, max_retries=0,
                                           timeout=float(self.opts.timeout_s))
        self._schemas: dict[str, dict] = {}     # custom_id -> schema, of batches submitted by this object
        self._no_temperature = False            # set once the model refused a temperature

    # -- requests --------------------------------------------------------------------------------------
    def params(self, request: ModelRequest) -> dict:
        cache: dict = {"type": "ephemeral"}
        if self.opts.cache_ttl != "5m":
            cache["ttl"] = self.opts.cache_ttl
        tool = {"name": TOOL, "description": "Report the answer. Call this exactly once.",
                "input_schema": request.schema}
        if self.opts.strict:
            tool["strict"] = True
        params = {"model": self.model, "max_tokens": request.max_tokens,
                  "system": [{"type": "text", "text": request.system, "cache_control": cache}],
                  "messages": [{"role": "user", "content": [{"type": "text", "text": request.user}]}],
                  "tools": [tool],
                  "tool_choice": {"type": "tool", "name": TOOL, "disable_parallel_tool_use": True}}
        if request.temperature is not None and not self._no_temperature:
            params["temperature"] = request.temperature
        return params     # no seed: the Messages API has none

    @staticmethod
    def _sdk_kwargs(params: dict) -> dict:
        """params as the SDK's create() takes them: it dropped the typed `temperature`
        (models after Opus 4.6 reject it), the API still takes it on older ones."""
        kwargs = dict(params)
        if "temperature" in kwargs:
            kwargs["extra_body"] = {"temperature": kwargs.pop("temperature")}
        return kwargs

    def _retry(self, send):
        return with_retries(send, self._sdk, self.opts, provider=self.name, key_var=self.key_var,
                            max_wait_s=self._max_wait())

    def _max_wait(self) -> float:
        return float(self.opts.max_retry_wait_s or MAX_WAIT_S)

    def complete(self, request: ModelRequest) -> ModelResponse:
        started = time.monotonic()
        while True:
            params = self.params(request)
            kwargs = self._sdk_kwargs(params)

            def send(attempt: int):
                return self._client.messages.with_raw_response.create(
                    **kwargs, extra_headers={"x-stainless-retry-count": str(attempt)})
            try:
                raw, retries = self._retry(send)
                break
            except GiveUp as exc:
                if "temperature" in params and exc.failure.status == 400 and "temperature" in exc.failure.message:
                    self._no_temperature = True     # this model takes no sampling parameters: resend
                    continue
                return ModelResponse(request.custom_id, FAILED, error=exc.line(), retries=exc.retries,
                                     request_id=exc.failure.request_id, latency_s=time.monotonic() - started)
        msg = raw.parse().model_dump()
        return to_response(request.custom_id, msg, request.schema, retries=retries,
                           request_id=raw.headers.get("request-id") or "", latency_s=time.monotonic() - started)

    def count_tokens(self, request: ModelRequest) -> int:
        params = self.params(request)
        for key in ("max_tokens", "temperature"):
            params.pop(key, None)
        try:
            return run_or_raise(lambda a: self._client.messages.count_tokens(**params).input_tokens, self._sdk,
                                self.opts, provider=self.name, key_var=self.key_var, max_wait_s=self._max_wait(),
                                what="count_tokens")
        except (AuthFailed, SpendLimit):
            raise
        except ProviderError:
            # a compatible server without the endpoint (Ollama): an estimate that errs high
            return estimate_tokens(request.system, request.user, str(request.schema))

    # -- batches ---------------------------------------------------------------------------------------
    def supports_batch(self) -> bool:
        return True

    def submit_batch(self, requests: Iterable[ModelRequest]) -> str:
        items = [{"custom_id": r.custom_id, "params": self.params(r)} for r in requests]
        if not items:
            raise ProviderError("anthropic: an empty batch", hint="submit at least one request")
        batch = run_or_raise(lambda a: self._client.messages.batches.create(requests=items), self._sdk, self.opts,
                             provider=self.name, key_var=self.key_var, max_wait_s=self._max_wait(),
                             what="creating a message batch")
        self._schemas.update((i["custom_id"], i["params"]["tools"][0]["input_schema"]) for i in items)
        return batch.id

    def batch_results(self, batch_id: str, requests: Iterable[ModelRequest] | None = None
                      ) -> dict[str, ModelResponse] | None:
        """As the Provider protocol; `requests` (optional) gives the schemas to validate against when
        this object did not submit the batch (a resumed run), and the ids that must be answered."""
        schemas = dict(self._schemas)
        wanted = [r.custom_id for r in requests or ()]
        schemas.update((r.custom_id, r.schema) for r in requests or ())
        run = dict(sdk=self._sdk, opts=self.opts, provider=self.name, key_var=self.key_var,
                   max_wait_s=self._max_wait())
        batch = run_or_raise(lambda a: self._client.messages.batches.retrieve(batch_id), what="retrieving a batch",
                             **run)
        if batch.processing_status != "ended":
            return None
        out: dict[str, ModelResponse] = {}
        entries = run_or_raise(lambda a: list(self._client.messages.batches.results(batch_id)),
                               what="reading batch results", **run)
        for entry in entries:
            cid, result = entry.custom_id, entry.result
            if result.type == "succeeded":
                out[cid] = to_response(cid, result.message.model_dump(), schemas.get(cid), batch=True)
            elif result.type == "errored":
                err = result.error.model_dump()
                inner = err.get("error") or {}
                out[cid] = ModelResponse(cid, FAILED, batch=True, request_id=err.get("request_id") or "",
                                         error=f"batch: {inner.get('type', '')}: {inner.get('message', '')}")
            else:   # expired, canceled: not answered, re-queue
                out[cid] = ModelResponse(cid, EXPIRED, batch=True, error=f"batch request {result.type}")
        for cid in wanted:
            out.setdefault(cid, ModelResponse(cid, EXPIRED, batch=True, error="missing from the batch results"))
        return out
