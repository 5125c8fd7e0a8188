"""The OpenAI provider: Chat Completions with a strict json_schema response
format (falling back to json_object on servers that reject it), and the Files +
Batch APIs; also drives OpenAI-compatible local servers (Ollama, vLLM,
llama.cpp) through the official `openai` SDK, imported lazily."""
from __future__ import annotations

import json
import os
import threading
import time
from typing import Any, Iterable
from urllib.parse import urlsplit

from prescan.audit.providers.answers import estimate_tokens, parse_answer
from prescan.audit.providers.options import Options, api_key, import_sdk
from prescan.audit.providers.retry import GiveUp, run_or_raise, with_retries
from prescan.audit.transport import (EXPIRED, FAILED, REFUSED, TRUNCATED, AuthFailed, ModelRequest, ModelResponse,
                                     ProviderError, Usage)

MAX_WAIT_S = 120.0      # the SDK's own bound: a Retry-After beyond it is not waited for
ENDPOINT = "/v1/chat/completions"
NOT_ANSWERED = {"batch_expired": EXPIRED, "batch_cancelled": EXPIRED}


def to_response(custom_id: str, body: dict, schema: dict | None, **extra: Any) -> ModelResponse:
    """A ModelResponse from a chat.completion body, sync or batch."""
    u = body.get("usage") or {}
    details = u.get("prompt_tokens_details") or {}
    cached, written = details.get("cached_tokens") or 0, details.get("cache_write_tokens") or 0
    # prompt_tokens counts the cached ones too; Usage.input_tokens is the uncached rest
    usage = Usage(max(0, (u.get("prompt_tokens") or 0) - cached - written), u.get("completion_tokens") or 0,
                  cached, written)
    choice = (body.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    text = message.get("content") or ""
    base = dict(custom_id=custom_id, model=body.get("model") or "", usage=usage, **extra)
    finish = choice.get("finish_reason")
    if message.get("refusal"):
        return ModelResponse(status=REFUSED, text=message["refusal"], error="message.refusal", **base)
    if finish == "content_filter":
        return ModelResponse(status=REFUSED, text=text, error="finish_reason content_filter", **base)
    if finish == "length":
        return ModelResponse(status=TRUNCATED, text=text, error="finish_reason length", **base)
    status, data, error = parse_answer(text, schema)
    return ModelResponse(status=status, data=data, text=text, error=error, **base)


class OpenAIProvider:
    name = "openai"

    def __init__(self, model: str, config: dict | None = None) -> None:
        self.model = model
        self.opts = Options.parse(config)
        self.key_var = self.opts.api_key_env or "OPENAI_API_KEY"
        self.base_url = self.opts.base_url or os.environ.get("OPENAI_BASE_URL") or None
        self.official = self.base_url is None or urlsplit(self.base_url).hostname == "api.openai.com"
        key = api_key(self.key_var, base_url=self.base_url)
        self._sdk = import_sdk("openai")
        self._client = self._sdk.OpenAI(api_key=key, base_url=self.base_url, max_retries=0,
                                        timeout=float(self.opts.timeout_s))
        # local servers take max_tokens; OpenAI's reasoning models only max_completion_tokens
        self.max_tokens_param = self.opts.max_tokens_param or (
            "max_completion_tokens" if self.official else "max_tokens")
        self._json_object = self.opts.response_format == "json_object"
        self._no_temperature = False
        self._batch: bool | None = self.opts.batch
        self._lock = threading.Lock()
        self._batch_ids: dict[str, list[str]] = {}      # batch id -> custom ids, of batches this object sent
        self._schemas: dict[str, dict] = {}

    # -- requests --------------------------------------------------------------------------------------
    def body(self, request: ModelRequest) -> dict:
        system = request.system
        if self._json_object:
            # json_object mode needs the word JSON in the prompt and knows no schema: state it
            system += ("\n\nAnswer with one JSON object that follows this JSON schema:\n"
                       + json.dumps(request.schema, sort_keys=True))
            fmt: dict = {"type": "json_object"}
        else:
            fmt = {"type": "json_schema", "json_schema": {"name": request.schema_name, "schema": request.schema,
                                                          "strict": bool(self.opts.strict)}}
        body = {"model": self.model, "messages": [{"role": "system", "content": system},
                                                  {"role": "user", "content": request.user}],
                self.max_tokens_param: request.max_tokens, "response_format": fmt}
        if request.temperature is not None and not self._no_temperature:
            body["temperature"] = request.temperature
        if request.seed is not None:
            body["seed"] = request.seed
        return body

    def _max_wait(self) -> float:
        return float(self.opts.max_retry_wait_s or MAX_WAIT_S)

    def _run(self, send, what: str):
        return run_or_raise(send, self._sdk, self.opts, provider=self.name, key_var=self.key_var,
                            max_wait_s=self._max_wait(), what=what)

    def complete(self, request: ModelRequest) -> ModelResponse:
        started = time.monotonic()
        while True:
            body = self.body(request)

            def send(attempt: int):
                return self._client.chat.completions.with_raw_response.create(
                    **body, extra_headers={"x-stainless-retry-count": str(attempt)})
            try:
                raw, retries = with_retries(send, self._sdk, self.opts, provider=self.name, key_var=self.key_var,
                                            max_wait_s=self._max_wait())
                break
            except GiveUp as exc:
                if self._fallback(exc, body):
                    continue
                return ModelResponse(request.custom_id, FAILED, error=exc.line(), retries=exc.retries,
                                     request_id=exc.failure.request_id, latency_s=time.monotonic() - started)
        return to_response(request.custom_id, raw.parse().model_dump(), request.schema, retries=retries,
                           request_id=raw.headers.get("x-request-id") or "", latency_s=time.monotonic() - started)

    def _fallback(self, exc: GiveUp, body: dict) -> bool:
        """Whether a 400 names a parameter this server does not take, now dropped: then resend."""
        message = exc.failure.message.lower()
        if exc.failure.status not in (400, 422):
            return False
        with self._lock:
            if not self._json_object and ("response_format" in message or "json_schema" in message):
                self._json_object = True        # a local server without json_schema
                return True
            if "temperature" in body and "temperature" in message:
                self._no_temperature = True     # a reasoning model: default temperature only
                return True
        return False

    def count_tokens(self, request: ModelRequest) -> int:
        # no counting endpoint in the OpenAI API: an estimate that errs high
        return estimate_tokens(request.system, request.user, json.dumps(request.schema))

    # -- batches ---------------------------------------------------------------------------------------
    def supports_batch(self) -> bool:
        """OpenAI has a Batch API; a compatible server is asked once (a 404 means none)."""
        if self._batch is None:
            if self.official:
                self._batch = True
            else:
                try:
                    self._client.batches.list(limit=1)
                    self._batch = True
                except self._sdk.AuthenticationError:
                    raise AuthFailed(f"openai: the API key in {self.key_var} was refused",
                                     hint=f"set {self.key_var} to a valid key") from None
                except self._sdk.APIError:     # 404 (Ollama, vLLM, llama.cpp), or no answer: no batches
                    self._batch = False
        return self._batch

    def submit_batch(self, requests: Iterable[ModelRequest]) -> str:
        requests = list(requests)
        if not requests:
            raise ProviderError("openai: an empty batch", hint="submit at least one request")
        lines = "".join(json.dumps({"custom_id": r.custom_id, "method": "POST", "url": ENDPOINT,
                                    "body": self.body(r)}) + "\n" for r in requests).encode()
        try:
            upload = self._run(lambda a: self._client.files.create(
                file=("prescan-batch.jsonl", lines, "application/jsonl"), purpose="batch"), "uploading a batch")
            batch = self._run(lambda a: self._client.batches.create(
                input_file_id=upload.id, endpoint=ENDPOINT, completion_window="24h"), "creating a batch")
        except ProviderError as exc:
            if "HTTP 404" in (exc.detail or ""):
                self._batch = False
                raise ProviderError("openai: this server has no Batch API", detail=exc.detail,
                                    hint="audit without batches (requests are sent one by one)") from None
            raise
        with self._lock:
            self._batch_ids[batch.id] = [r.custom_id for r in requests]
            self._schemas.update((r.custom_id, r.schema) for r in requests)
        return batch.id

    def batch_results(self, batch_id: str, requests: Iterable[ModelRequest] | None = None
                      ) -> dict[str, ModelResponse] | None:
        """As the Provider protocol; `requests` (optional) names the ids and schemas of a batch this
        object did not submit (a resumed run)."""
        requests = list(requests or ())
        wanted = [r.custom_id for r in requests] or self._batch_ids.get(batch_id, [])
        schemas = {**self._schemas, **{r.custom_id: r.schema for r in requests}}
        batch = self._run(lambda a: self._client.batches.retrieve(batch_id), "retrieving a batch")
        if batch.status in ("validating", "in_progress", "finalizing", "cancelling"):
            return None
        out: dict[str, ModelResponse] = {}
        if batch.status == "failed":
            errors = getattr(batch.errors, "data", None) or []
            why = "; ".join(f"{e.code}: {e.message}" for e in errors)[:300] or "batch failed"
            return {cid: ModelResponse(cid, FAILED, batch=True, error=f"batch: {why}") for cid in wanted}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if not file_id:
                continue
            text = self._run(lambda a: self._client.files.content(file_id).text, "downloading batch results")
            for raw in text.splitlines():
                if raw.strip():
                    line = json.loads(raw)
                    out[line["custom_id"]] = self._line(line, schemas.get(line["custom_id"]))
        for cid in wanted:      # an expired batch may leave some lines out of both files
            out.setdefault(cid, ModelResponse(cid, EXPIRED, batch=True, error=f"batch {batch.status}"))
        return out

    @staticmethod
    def _line(line: dict, schema: dict | None) -> ModelResponse:
        cid, resp, err = line["custom_id"], line.get("response") or {}, line.get("error") or {}
        rid = resp.get("request_id") or ""
        if resp.get("status_code") == 200:
            return to_response(cid, resp.get("body") or {}, schema, batch=True, request_id=rid)
        if err.get("code") in NOT_ANSWERED:
            return ModelResponse(cid, NOT_ANSWERED[err["code"]], batch=True, error=f"batch: {err['code']}")
        e = (resp.get("body") or {}).get("error") or err
        what = f"HTTP {resp['status_code']}: " if resp.get("status_code") else ""
        kind = e.get("type") or e.get("code") or ""
        return ModelResponse(cid, FAILED, batch=True, request_id=rid,
                             error=f"batch: {what}{kind} {e.get('message', '')}".strip())
