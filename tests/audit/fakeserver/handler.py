"""The fake server's routes: the Anthropic Messages and Message Batches APIs and the
OpenAI Chat Completions, Files and Batch APIs, rendered in their real shapes."""
from __future__ import annotations

import email
import json
import re
import socket
import time
import uuid
from http.server import BaseHTTPRequestHandler
from typing import Any

from .outcomes import DATED, Outcome, tokens

NOT_FOUND = Outcome("error", 404, {"type": "not_found_error", "message": "Not found", "code": None})


def _now_rfc3339(at: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at or time.time()))


def _text(content: Any) -> str:
    """The text of a message content (a string or a list of blocks)."""
    if isinstance(content, str):
        return content
    return "\n".join(b.get("text", "") for b in content or () if isinstance(b, dict))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: Any = None            # the FakeServer, set by FakeServer.start

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, Nagle's algorithm
        # and the client's delayed ACK add ~40 ms to every response
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args) -> None:   # quiet: the request log is the record
        pass

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    # -- plumbing ------------------------------------------------------------------------------------
    def _route(self, method: str) -> None:
        from .server import Logged

        fake = self.fake
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        ctype = self.headers.get("content-type", "")
        body: Any = raw or None
        if raw and "json" in ctype:
            body = json.loads(raw)
        path = self.path.split("?", 1)[0]
        with fake._lock:
            fake.log.append(Logged(method, path, {k.lower(): v for k, v in self.headers.items()}, body,
                                   time.monotonic()))
            fake.inflight += 1
            fake.max_inflight = max(fake.max_inflight, fake.inflight)
        try:
            self._dispatch(method, path, body, raw, ctype)
        except (BrokenPipeError, ConnectionResetError):
            pass                # the client gave up (a timeout test)
        finally:
            with fake._lock:
                fake.inflight -= 1

    def _send(self, status: int, payload: Any, headers: dict | None = None,
              ctype: str = "application/json") -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, provider: str, outcome: Outcome, headers: dict | None = None) -> None:
        e = outcome.body or {}
        headers = {**(headers or {}), **outcome.headers}
        if provider == "anthropic":
            err = {"type": e.get("type"), "message": e.get("message")}
            if e.get("details"):
                err["details"] = e["details"]
            payload = {"type": "error", "error": err, "request_id": headers.get("request-id")}
        else:
            payload = {"error": {"message": e.get("message"), "type": e.get("type"), "param": None,
                                 "code": e.get("code")}}
        self._send(outcome.status, payload, headers)

    def _dispatch(self, method: str, path: str, body: Any, raw: bytes, ctype: str) -> None:
        fake = self.fake
        provider = "openai" if "authorization" in {k.lower() for k in self.headers} \
            and "anthropic-version" not in {k.lower() for k in self.headers} else "anthropic"
        if path == "/health":
            return self._send(200, {"status": "ok"})
        if not (self.headers.get("x-api-key") or self.headers.get("authorization")):
            return self._error(provider, Outcome("error", 401, {"type": "authentication_error",
                                                               "message": "missing API key"}))
        if fake.valid_key is not None and fake.valid_key not in (
                self.headers.get("x-api-key"), (self.headers.get("authorization") or "")[7:]):
            return self._error(provider, Outcome("error", 401, {"type": "authentication_error",
                                                               "message": "invalid x-api-key",
                                                               "code": "invalid_api_key"}))
        if path == "/v1/messages" and method == "POST":
            return self._model_call("anthropic", body)
        if path == "/v1/chat/completions" and method == "POST":
            return self._model_call("openai", body)
        if path == "/v1/messages/count_tokens" and method == "POST" and not fake.ollama:
            req = self._anthropic_request(body)
            n = tokens(req["system"]) + tokens(req["user"]) + tokens(json.dumps(body.get("tools") or ""))
            return self._send(200, {"input_tokens": n}, fake._rate_headers("anthropic"))
        if path == "/v1/models":
            return self._send(200, self._models(provider))
        if fake.no_batch and (path.startswith("/v1/messages/batches") or path.startswith("/v1/batches")
                              or path.startswith("/v1/files")):
            return self._error(provider, NOT_FOUND)
        from . import batches

        if path.startswith("/v1/messages/batches"):
            return batches.anthropic_route(self, method, path, body)
        if path.startswith("/v1/files"):
            return batches.files_route(self, method, path, raw, ctype)
        if path.startswith("/v1/batches"):
            return batches.openai_route(self, method, path, body)
        return self._error(provider, NOT_FOUND)

    def _models(self, provider: str) -> dict:
        if provider == "anthropic":
            data = [{"type": "model", "id": d, "display_name": a, "created_at": _now_rfc3339()}
                    for a, d in DATED.items() if a.startswith("claude")]
            return {"data": data, "has_more": False, "first_id": data[0]["id"], "last_id": data[-1]["id"]}
        return {"object": "list", "data": [{"id": d, "object": "model", "created": 1727346143, "owned_by": "fake"}
                                           for a, d in DATED.items() if a.startswith("gpt")]}

    # -- model calls ---------------------------------------------------------------------------------
    def _model_call(self, provider: str, body: dict) -> None:
        fake = self.fake
        outcome = fake._next_outcome()
        if fake.latency_s or outcome.delay_s:
            time.sleep(fake.latency_s + outcome.delay_s)
        headers = fake._rate_headers(provider)
        if outcome.kind == "error":
            return self._error(provider, outcome, headers)
        if provider == "anthropic":
            if fake.ollama and outcome.kind == "ok":
                outcome = Outcome("json_text")
            return self._send(200, anthropic_message(fake, body, outcome), {**headers, **outcome.headers})
        fmt = (body.get("response_format") or {}).get("type")
        if fake.reject_json_schema and fmt == "json_schema":
            return self._error("openai", Outcome("error", 400, {
                "type": "invalid_request_error", "code": None,
                "message": "Invalid parameter: 'response_format' of type 'json_schema' is not supported."}),
                headers)
        self._send(200, openai_completion(fake, body, outcome), {**headers, **outcome.headers})

    @staticmethod
    def _anthropic_request(body: dict) -> dict:
        return anthropic_request(body)


def anthropic_request(body: dict) -> dict:
    """What the fake model sees of an Anthropic request."""
    schema = None
    forced = (body.get("tool_choice") or {}).get("name")
    for tool in body.get("tools") or ():
        if tool.get("name") == forced:
            schema = tool.get("input_schema")
    fmt = (body.get("output_config") or {}).get("format") or {}
    schema = schema or fmt.get("schema")
    user = "\n".join(_text(m.get("content")) for m in body.get("messages") or () if m.get("role") == "user")
    return {"provider": "anthropic", "model": body.get("model"), "system": _text(body.get("system") or ""),
            "user": user, "schema": schema, "body": body}


def openai_request(body: dict) -> dict:
    msgs = body.get("messages") or ()
    rf = body.get("response_format") or {}
    return {"provider": "openai", "model": body.get("model"),
            "system": "\n".join(_text(m.get("content")) for m in msgs if m.get("role") in ("system", "developer")),
            "user": "\n".join(_text(m.get("content")) for m in msgs if m.get("role") == "user"),
            "schema": (rf.get("json_schema") or {}).get("schema"), "body": body}


def _answer_text(fake, req: dict, kind: str) -> str:
    text = json.dumps(fake.answer(req))
    if kind == "truncated":
        return text[: max(1, len(text) // 2)]
    if kind == "malformed":
        return "Here are the findings: {findings: [oops"
    return text


def anthropic_message(fake, body: dict, outcome: Outcome, *, batch: bool = False) -> dict:
    req = anthropic_request(body)
    forced = (body.get("tool_choice") or {}).get("name") if (body.get("tool_choice") or {}).get("type") == "tool" \
        else None
    stop = "end_turn"
    if outcome.kind == "refusal":
        content, stop = [{"type": "text", "text": "I can't help with that."}], "refusal"
    elif outcome.kind == "truncated":
        content, stop = [{"type": "text", "text": _answer_text(fake, req, "truncated")}], "max_tokens"
    elif forced and outcome.kind == "malformed":
        # a forced tool cannot return invalid JSON, but its input can miss the schema
        content, stop = [{"type": "tool_use", "id": f"toolu_{uuid.uuid4().hex[:24]}", "name": forced,
                          "input": {"unexpected": True}}], "tool_use"
    elif forced and outcome.kind == "ok":
        content, stop = [{"type": "tool_use", "id": f"toolu_{uuid.uuid4().hex[:24]}", "name": forced,
                          "input": fake.answer(req)}], "tool_use"
    else:
        content = [{"type": "text", "text": _answer_text(fake, req, outcome.kind)}]
    cached = ""
    system = body.get("system")
    if isinstance(system, list) and any(b.get("cache_control") for b in system):
        cached = req["system"]
    write, read = fake._cache(cached)
    total_in = tokens(req["system"]) + tokens(req["user"]) + tokens(json.dumps(body.get("tools") or ""))
    out_text = json.dumps(content[0].get("input")) if content[0]["type"] == "tool_use" else content[0]["text"]
    return {"model": DATED.get(body.get("model"), body.get("model")), "id": f"msg_{uuid.uuid4().hex[:24]}",
            "type": "message", "role": "assistant", "content": content, "stop_reason": stop,
            "stop_sequence": None,
            "usage": {"input_tokens": max(0, total_in - write - read), "cache_creation_input_tokens": write,
                      "cache_read_input_tokens": read,
                      "cache_creation": {"ephemeral_5m_input_tokens": write, "ephemeral_1h_input_tokens": 0},
                      "output_tokens": tokens(out_text), "service_tier": "batch" if batch else "standard"}}


def openai_completion(fake, body: dict, outcome: Outcome) -> dict:
    req = openai_request(body)
    message: dict = {"role": "assistant", "content": None, "refusal": None}
    finish = "stop"
    if outcome.kind == "refusal":
        message["refusal"] = "I'm very sorry, but I can't assist with that."
    else:
        message["content"] = _answer_text(fake, req, outcome.kind)
        finish = "length" if outcome.kind == "truncated" else "stop"
    _, read = fake._cache(req["system"])     # automatic prefix caching: reads are reported, writes are not
    prompt = tokens(req["system"]) + tokens(req["user"])
    completion = tokens(message["content"] or message["refusal"] or "")
    return {"id": f"chatcmpl-{uuid.uuid4().hex[:29]}", "object": "chat.completion", "created": int(time.time()),
            "model": DATED.get(body.get("model"), body.get("model")),
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
                      "prompt_tokens_details": {"cached_tokens": read},
                      "completion_tokens_details": {"reasoning_tokens": 0}},
            "system_fingerprint": "fp_fake0001"}


def parse_multipart(raw: bytes, ctype: str) -> dict[str, tuple[str | None, bytes]]:
    """name -> (filename, bytes) of a multipart/form-data body."""
    msg = email.message_from_bytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw)
    fields = {}
    for part in msg.get_payload() if msg.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


BATCH_PATH = re.compile(r"^/v1/(?:messages/)?batches(?:/([^/]+))?(?:/(cancel|results))?$")
FILE_PATH = re.compile(r"^/v1/files(?:/([^/]+))?(?:/(content))?$")
