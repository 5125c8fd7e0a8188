"""The command provider: a local program answers each request (no network).

Protocol (docs/model-providers.md): prescan runs PROGRAM [ARGS] (split like a
shell would, but no shell) once per request, writes one JSON object on its stdin

    {"custom_id", "system", "user", "schema", "schema_name", "max_tokens", "temperature", "seed"}

and reads one JSON object from its stdout: {"data": {...answer...}} or
{"error": "why"} or {"refusal": "why"}, optionally with "model" and "usage"
({"input_tokens", "output_tokens"}). Exit 0 with that object is an answer; a
nonzero exit, a timeout or output that is not that object is a failed request."""
from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import time

from prescan.audit.providers.answers import check_answer, estimate_tokens
from prescan.audit.providers.options import Options
from prescan.audit.transport import FAILED, MALFORMED, REFUSED, ModelRequest, ModelResponse, ProviderError, Usage
from prescan.errors import UsageError


class CommandProvider:
    name = "command"

    def __init__(self, command: str, config: dict | None = None) -> None:
        self.opts = Options.parse(config)
        try:
            self.argv = shlex.split(command)
        except ValueError as exc:
            raise UsageError(f"--audit command:{command}: cannot split the command line", detail=str(exc)) from None
        if not self.argv:
            raise UsageError("--audit command: needs a program", hint="use command:PROGRAM [ARGS]")
        program = shutil.which(self.argv[0])
        if program is None:
            raise UsageError(f"--audit command: program {self.argv[0]!r} not found",
                             hint="give a path or a program on PATH")
        self.argv[0] = program
        self.model = command

    def complete(self, request: ModelRequest) -> ModelResponse:
        payload = json.dumps({"custom_id": request.custom_id, "system": request.system, "user": request.user,
                              "schema": request.schema, "schema_name": request.schema_name,
                              "max_tokens": request.max_tokens, "temperature": request.temperature,
                              "seed": request.seed})
        started = time.monotonic()

        def failed(error: str, text: str = "") -> ModelResponse:
            return ModelResponse(request.custom_id, FAILED, text=text, error=error[:300],
                                 latency_s=time.monotonic() - started)
        try:
            proc = subprocess.run(self.argv, input=payload.encode(), capture_output=True,
                                  timeout=float(self.opts.timeout_s))
        except subprocess.TimeoutExpired:
            return failed(f"command timed out after {float(self.opts.timeout_s):g} s")
        except OSError as exc:
            return failed(f"command could not run: {exc}")
        out = proc.stdout.decode("utf-8", "replace")
        if proc.returncode != 0:
            last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
            return failed(f"command exited with {proc.returncode}: {last}".rstrip(": "), out)
        try:
            reply = json.loads(out)
        except ValueError as exc:
            return ModelResponse(request.custom_id, MALFORMED, text=out[:2000], error=f"not JSON: {exc}",
                                 latency_s=time.monotonic() - started)
        if not isinstance(reply, dict) or not {"data", "error", "refusal"} & reply.keys():
            return ModelResponse(request.custom_id, MALFORMED, text=out[:2000],
                                 error='expected {"data": ...} or {"error": ...}',
                                 latency_s=time.monotonic() - started)
        u = reply.get("usage") if isinstance(reply.get("usage"), dict) else {}
        base = dict(custom_id=request.custom_id, model=str(reply.get("model") or self.argv[0]),
                    latency_s=time.monotonic() - started,
                    usage=Usage(int(u.get("input_tokens") or 0), int(u.get("output_tokens") or 0)))
        if reply.get("error"):
            return ModelResponse(status=FAILED, error=str(reply["error"])[:300], **base)
        if reply.get("refusal"):
            return ModelResponse(status=REFUSED, text=str(reply["refusal"]), error="refused", **base)
        status, data, error = check_answer(reply.get("data"), request.schema)
        return ModelResponse(status=status, data=data, error=error, text=out[:2000] if error else "", **base)

    def count_tokens(self, request: ModelRequest) -> int:
        return estimate_tokens(request.system, request.user, json.dumps(request.schema))

    def supports_batch(self) -> bool:
        return False

    def submit_batch(self, requests) -> str:
        raise ProviderError("the command provider has no batch mode", hint="send the requests one by one")

    def batch_results(self, batch_id: str, requests=None):
        raise ProviderError("the command provider has no batch mode", hint="send the requests one by one")
