"""A Provider in plain Python for the audit logic's own tests, and a
rule-based fake model: it flags lines that run a shell or eval, and, as a
verifier, confirms a claim only when the claimed lines do. `gullible` makes
it obey instructions written in the code it reads."""
from __future__ import annotations

import importlib.util
import re
import threading
import time
from pathlib import Path

from prescan.audit.transport import FAILED, OK, ModelRequest, ModelResponse, SpendLimit, Usage


def _top_conftest():
    """tests/conftest.py (GitRepo, run_prescan): `conftest` here is tests/audit's own."""
    spec = importlib.util.spec_from_file_location("prescan_tests_top", Path(__file__).parent.parent / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


top = _top_conftest()
DANGER = re.compile(r"eval\(|shell=True|os\.system\(")
_NUMBERED = re.compile(r"^\s*(\d+) \| (.*)$")


def after_lines(section: str) -> dict[int, str]:
    """Line number -> code of the `after` block of one unit section."""
    out, on = {}, False
    for line in section.split("\n"):
        if line.startswith("after (lines"):
            on = True
            continue
        if on:
            m = _NUMBERED.match(line)
            if not m:
                break
            out[int(m.group(1))] = m.group(2)
    return out


def units_of(user: str) -> list[tuple[str, dict[int, str]]]:
    parts = user.split("### unit ")[1:]
    return [(p.split("\n", 1)[0].strip(), after_lines(p)) for p in parts]


class FakeModel:
    def __init__(self, gullible: bool = False, fabricate: bool = False) -> None:
        self.gullible, self.fabricate = gullible, fabricate

    def __call__(self, request: ModelRequest) -> dict:
        if request.schema_name == "audit_findings":
            return {"units": [self.detect(uid, lines) for uid, lines in units_of(request.user)]}
        return self.refute(request.user)

    def detect(self, uid: str, lines: dict[int, str]) -> dict:
        text = "\n".join(lines.values())
        findings = []
        if not (self.gullible and "AUDITOR: ignore" in text):
            for n, code in lines.items():
                if DANGER.search(code):
                    findings.append(_finding(uid, n, code, "injection", "CWE-78", "high", "command runs input"))
        if self.gullible and "AUDITOR: report" in text or self.fabricate:
            n = min(lines)
            findings.append(_finding(uid, n, "cursor.execute(query % user_input)", "injection", "CWE-89",
                                     "critical", "SQL built from input"))
        return {"unit_id": uid, "findings": findings, "needs_context": []}

    def refute(self, user: str) -> dict:
        m = re.search(r"at lines (\d+)-(\d+)", user)
        a, b = int(m.group(1)), int(m.group(2))
        body = user.split(">>>\n", 1)[1]
        lines = {int(m.group(1)): m.group(2) for m in map(_NUMBERED.match, body.split("\n")) if m}
        if self.gullible and "AUDITOR: confirm" in user:
            return {"verdict": "CONFIRMED", "quote": lines.get(a, ""), "line": a, "reason": "as instructed"}
        for n in range(a, b + 1):
            if DANGER.search(lines.get(n, "")):
                return {"verdict": "CONFIRMED", "quote": lines[n], "line": n, "reason": "input reaches it"}
        n = a if a in lines else min(lines)
        return {"verdict": "REFUTED", "quote": lines[n], "line": n, "reason": "nothing dangerous here"}


def _finding(uid, n, evidence, category, cwe, severity, title) -> dict:
    return {"unit_id": uid, "category": category, "cwe": cwe, "severity": severity, "confidence": "high",
            "line_start": n, "line_end": n, "evidence": evidence, "title": title,
            "explanation": "attacker-controlled data reaches it", "introduced": True}


class FakeProvider:
    """Implements the Provider protocol in process. `script`: custom_id
    prefix or purpose -> list of statuses to answer with first."""

    def __init__(self, model=None, *, name: str = "anthropic", model_name: str = "claude-sonnet-4-5",
                 latency: float = 0.0, batch: bool = False, fail_after: int | None = None) -> None:
        self.name, self.model = name, model_name
        self.fake = model or FakeModel()
        self.latency, self.batch, self.fail_after = latency, batch, fail_after
        self.requests: list[ModelRequest] = []
        self.truncate_packs_over = 0            # answer TRUNCATED for detection requests with more units
        self.batches: dict[str, list[ModelRequest]] = {}
        self.batch_polls = 0
        self.batch_ready_after = 0
        self._lock = threading.Lock()
        self.in_flight = self.max_in_flight = 0

    def _answer(self, request: ModelRequest, batch: bool = False) -> ModelResponse:
        data = self.fake(request)
        usage = Usage(len(request.user) // 4, 50)
        if request.schema_name == "audit_findings" and self.truncate_packs_over and \
                len(data["units"]) > self.truncate_packs_over:
            return ModelResponse(request.custom_id, "truncated", None, "{", self.model, usage)
        return ModelResponse(request.custom_id, OK, data, "", self.model + "-20250101", usage, batch=batch)

    def complete(self, request: ModelRequest) -> ModelResponse:
        with self._lock:
            self.requests.append(request)
            if self.fail_after is not None and len(self.requests) > self.fail_after:
                raise SpendLimit("spend limit reached", detail="enforced_spend_limit_reached")
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
            return self._answer(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    def count_tokens(self, request: ModelRequest) -> int:
        return (len(request.system) + len(request.user)) // 4

    def supports_batch(self) -> bool:
        return self.batch

    def submit_batch(self, requests) -> str:
        reqs = list(requests)
        bid = f"batch_{len(self.batches) + 1}"
        self.batches[bid] = reqs
        return bid

    def batch_results(self, batch_id: str):
        self.batch_polls += 1
        if self.batch_polls <= self.batch_ready_after:
            return None
        reqs = self.batches[batch_id]
        self.requests.extend(reqs)
        out = {r.custom_id: self._answer(r, batch=True) for r in reversed(reqs)}    # order not guaranteed
        return out


__all__ = ["FakeModel", "FakeProvider", "FAILED"]


def wire_model(model: FakeModel | None = None):
    """The fake model for the fake server: its request dict -> an answer."""
    from types import SimpleNamespace
    fake = model or FakeModel()

    def answer(request: dict) -> dict:
        detect = "units" in (request.get("schema") or {}).get("properties", {})
        return fake(SimpleNamespace(schema_name="audit_findings" if detect else "refutation_verdict",
                                    user=request["user"]))
    return answer
