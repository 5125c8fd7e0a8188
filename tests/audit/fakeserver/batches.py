"""The fake server's batch lifecycles: Anthropic Message Batches and OpenAI Files +
Batch. A batch stays in progress for `batch_polls` retrieves, then ends; results
come shuffled, with errored / expired / canceled lines where a test scripted them
(`server.batch_outcomes[custom_id] = "errored"`)."""
from __future__ import annotations

import json
import time
import uuid

from .handler import BATCH_PATH, FILE_PATH, NOT_FOUND, _now_rfc3339, anthropic_message, openai_completion, \
    parse_multipart
from .outcomes import Outcome


def _anthropic_batch(b: dict) -> dict:
    ended = b["ended_at"] is not None
    counts = {"processing": 0 if ended else len(b["requests"]), "succeeded": 0, "errored": 0, "canceled": 0,
              "expired": 0}
    if ended:
        for line in b["results"]:
            counts[line["result"]["type"]] += 1
    return {"id": b["id"], "type": "message_batch", "processing_status": "ended" if ended else "in_progress",
            "request_counts": counts, "created_at": _now_rfc3339(b["created"]),
            "expires_at": _now_rfc3339(b["created"] + 86400),
            "ended_at": _now_rfc3339(b["ended_at"]) if ended else None,
            "cancel_initiated_at": _now_rfc3339(b["cancel_at"]) if b.get("cancel_at") else None,
            "archived_at": None, "results_url": f"/v1/messages/batches/{b['id']}/results" if ended else None}


def _anthropic_result(fake, item: dict, canceled: bool) -> dict:
    cid, scripted = item["custom_id"], fake.batch_outcomes.get(item["custom_id"])
    if canceled or scripted == "canceled":
        return {"custom_id": cid, "result": {"type": "canceled"}}
    if scripted == "expired":
        return {"custom_id": cid, "result": {"type": "expired"}}
    if scripted == "errored":
        return {"custom_id": cid, "result": {"type": "errored", "error": {
            "type": "error", "error": {"type": "invalid_request_error", "message": "messages: bad request"},
            "request_id": f"req_{uuid.uuid4().hex[:24]}"}}}
    message = anthropic_message(fake, item["params"], Outcome(scripted or "ok"), batch=True)
    return {"custom_id": cid, "result": {"type": "succeeded", "message": message}}


def _advance(fake, b: dict, finish) -> None:
    """One retrieve: count down the polls, then end the batch (once)."""
    with fake._lock:
        if b["ended_at"] is not None:
            return
        if b["polls_left"] > 0 and not b.get("cancel_at"):
            b["polls_left"] -= 1
            return
    finish(b)


def anthropic_route(h, method: str, path: str, body) -> None:
    fake = h.fake
    m = BATCH_PATH.match(path)
    if not m:
        return h._error("anthropic", NOT_FOUND)
    bid, action = m.groups()
    if bid is None and method == "POST":
        b = {"id": f"msgbatch_{uuid.uuid4().hex[:24]}", "requests": body["requests"], "created": time.time(),
             "polls_left": fake.batch_polls, "ended_at": None, "results": []}
        with fake._lock:
            fake._batches[b["id"]] = b
        return h._send(200, _anthropic_batch(b), fake._rate_headers("anthropic"))
    if bid is None:
        data = [_anthropic_batch(b) for b in list(fake._batches.values()) if "requests" in b]
        return h._send(200, {"data": data, "has_more": False, "first_id": None, "last_id": None})
    b = fake._batches.get(bid)
    if b is None or "requests" not in b:
        return h._error("anthropic", NOT_FOUND)

    def finish(b: dict) -> None:
        canceled = bool(b.get("cancel_at"))
        b["results"] = fake._shuffled([_anthropic_result(fake, item, canceled) for item in b["requests"]])
        b["ended_at"] = time.time()

    if action == "cancel" and method == "POST":
        b["cancel_at"] = time.time()
        return h._send(200, {**_anthropic_batch(b), "processing_status": "canceling"})
    if action == "results":
        if b["ended_at"] is None:
            return h._error("anthropic", Outcome("error", 400, {"type": "invalid_request_error",
                                                               "message": "batch has not ended"}))
        lines = "".join(json.dumps(line) + "\n" for line in b["results"]).encode()
        return h._send(200, lines, ctype="application/binary")
    _advance(fake, b, finish)
    return h._send(200, _anthropic_batch(b), fake._rate_headers("anthropic"))


# -- OpenAI Files + Batch -------------------------------------------------------------------------------
def _file_object(f: dict) -> dict:
    return {"id": f["id"], "object": "file", "bytes": len(f["content"]), "created_at": int(f["created"]),
            "filename": f["filename"], "purpose": f["purpose"], "status": "processed", "expires_at": None}


def _new_file(fake, content: bytes, filename: str, purpose: str) -> dict:
    f = {"id": f"file-{uuid.uuid4().hex[:22]}", "content": content, "filename": filename, "purpose": purpose,
         "created": time.time()}
    with fake._lock:
        fake._files[f["id"]] = f
    return f


def files_route(h, method: str, path: str, raw: bytes, ctype: str) -> None:
    fake = h.fake
    m = FILE_PATH.match(path)
    if not m:
        return h._error("openai", NOT_FOUND)
    fid, action = m.groups()
    if fid is None and method == "POST":
        fields = parse_multipart(raw, ctype)
        filename, content = fields.get("file", (None, b""))
        purpose = fields.get("purpose", (None, b""))[1].decode()
        return h._send(200, _file_object(_new_file(fake, content, filename or "upload", purpose)))
    f = fake._files.get(fid or "")
    if f is None:
        return h._error("openai", NOT_FOUND)
    if action == "content":
        return h._send(200, f["content"], ctype="application/octet-stream")
    return h._send(200, _file_object(f))


def _openai_batch(b: dict) -> dict:
    total = len(b["lines"])
    failed = len(b.get("errors_out", ()))
    status = b["status"]
    return {"id": b["id"], "object": "batch", "endpoint": b["endpoint"], "errors": None,
            "input_file_id": b["input_file_id"], "completion_window": "24h", "status": status,
            "output_file_id": b.get("output_file_id"), "error_file_id": b.get("error_file_id"),
            "created_at": int(b["created"]), "in_progress_at": int(b["created"]),
            "expires_at": int(b["created"]) + 86400, "finalizing_at": None,
            "completed_at": int(b["ended_at"]) if status == "completed" else None,
            "failed_at": None, "expired_at": int(b["ended_at"]) if status == "expired" else None,
            "cancelling_at": None, "cancelled_at": int(b["ended_at"]) if status == "cancelled" else None,
            "request_counts": {"total": total, "completed": total - failed if b["ended_at"] else 0,
                               "failed": failed if b["ended_at"] else 0},
            "metadata": b.get("metadata")}


def _openai_line(fake, line: dict, cancelled: bool) -> tuple[dict | None, dict | None]:
    """(output line, error line) of one input line."""
    cid, scripted = line["custom_id"], fake.batch_outcomes.get(line["custom_id"])
    rid = f"batch_req_{uuid.uuid4().hex[:24]}"
    if cancelled or scripted in ("expired", "canceled"):
        code = "batch_cancelled" if (cancelled or scripted == "canceled") else "batch_expired"
        return None, {"id": rid, "custom_id": cid, "response": None, "error": {
            "code": code, "message": "This request could not be executed before the batch ended."}}
    if scripted == "errored":
        return None, {"id": rid, "custom_id": cid, "response": {
            "status_code": 400, "request_id": uuid.uuid4().hex,
            "body": {"error": {"message": "Invalid 'messages'", "type": "invalid_request_error", "param": None,
                               "code": None}}}, "error": None}
    body = openai_completion(fake, line["body"], Outcome(scripted or "ok"))
    return {"id": rid, "custom_id": cid, "response": {"status_code": 200, "request_id": uuid.uuid4().hex,
                                                      "body": body}, "error": None}, None


def openai_route(h, method: str, path: str, body) -> None:
    fake = h.fake
    m = BATCH_PATH.match(path)
    if not m:
        return h._error("openai", NOT_FOUND)
    bid, action = m.groups()
    if bid is None and method == "POST":
        f = fake._files.get(body.get("input_file_id", ""))
        if f is None:
            return h._error("openai", Outcome("error", 400, {"type": "invalid_request_error",
                                                            "message": "input_file_id not found"}))
        lines = [json.loads(x) for x in f["content"].decode().splitlines() if x.strip()]
        b = {"id": f"batch_{uuid.uuid4().hex[:24]}", "lines": lines, "endpoint": body["endpoint"],
             "input_file_id": f["id"], "created": time.time(), "polls_left": fake.batch_polls,
             "status": "validating", "ended_at": None, "metadata": body.get("metadata")}
        with fake._lock:
            fake._batches[b["id"]] = b
        return h._send(200, _openai_batch(b), fake._rate_headers("openai"))
    if bid is None:
        data = [_openai_batch(b) for b in list(fake._batches.values()) if "lines" in b]
        return h._send(200, {"object": "list", "data": data, "first_id": None, "last_id": None,
                             "has_more": False})
    b = fake._batches.get(bid)
    if b is None or "lines" not in b:
        return h._error("openai", NOT_FOUND)

    def finish(b: dict) -> None:
        cancelled = bool(b.get("cancel_at"))
        out, err = [], []
        for line in b["lines"]:
            o, e = _openai_line(fake, line, cancelled)
            (out if o else err).append(o or e)
        b["errors_out"] = err
        if out:
            data = "".join(json.dumps(x) + "\n" for x in fake._shuffled(out)).encode()
            b["output_file_id"] = _new_file(fake, data, "batch_output.jsonl", "batch_output")["id"]
        if err:
            data = "".join(json.dumps(x) + "\n" for x in fake._shuffled(err)).encode()
            b["error_file_id"] = _new_file(fake, data, "batch_errors.jsonl", "batch_output")["id"]
        expired = any((e.get("error") or {}).get("code") == "batch_expired" for e in err)
        b["status"] = "cancelled" if cancelled else "expired" if expired else "completed"
        b["ended_at"] = time.time()

    if action == "cancel" and method == "POST":
        b["cancel_at"] = time.time()
        return h._send(200, {**_openai_batch(b), "status": "cancelling"})
    _advance(fake, b, finish)
    if b["ended_at"] is None:
        b["status"] = "in_progress"
    return h._send(200, _openai_batch(b), fake._rate_headers("openai"))
