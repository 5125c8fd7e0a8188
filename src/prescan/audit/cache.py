"""The audit cache, kept in the store's blob cache (kinds `audit` and
`audit-verdict`): a unit's answer, findings or none, keyed by everything that
shaped it, so unchanged code is never sent twice; and refutation and
validator verdicts, keyed by the claim and the verifier."""
from __future__ import annotations

import hashlib
import json

from prescan.audit import prompts, redact
from prescan.audit.answers import claim_dict
from prescan.audit.model import AuditUnit, Claim

KIND = "audit"
VERDICT_KIND = "audit-verdict"


def _digest(doc) -> str:
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def decoding(request_like: dict) -> dict:
    return {k: request_like.get(k) for k in ("max_tokens", "temperature", "seed")}


def unit_key(unit: AuditUnit, provider: str, model: str, settings: dict) -> str:
    return _digest({
        "before": None if unit.before is None else [unit.before.path, unit.before.start_line, unit.before.lines],
        "after": [unit.after.path, unit.after.start_line, unit.after.lines], "changed": unit.changed,
        "context": unit.context, "hints": unit.hints, "qualname": unit.qualname,
        "prompt": prompts.PROMPT_VERSION, "schema": prompts.SCHEMA_VERSION, "redaction": redact.VERSION,
        "provider": provider, "model": model, "decoding": settings})


def verdict_key(unit: AuditUnit, claim: Claim, verifier: str, version: str) -> str:
    """verifier: `refute:<i>@provider:model` or `validator`; version: the
    prompt or the validator's version."""
    c = claim_dict(claim)
    c.pop("explanation")                # the verifier never sees the detector's reasoning
    return _digest({"after": [unit.after.path, unit.after.start_line, unit.after.lines], "claim": c,
                    "verifier": verifier, "version": version, "redaction": redact.VERSION})


class AuditCache:
    """Get/put JSON documents in a BlobCache (None: no store, nothing cached)."""

    def __init__(self, blobs) -> None:
        self.blobs = blobs

    def get(self, kind: str, key: str) -> dict | None:
        if self.blobs is None:
            return None
        table = self.blobs.get(kind, key)
        if table is None or table.num_rows != 1:
            return None
        try:
            return json.loads(table.column("doc")[0].as_py())
        except (ValueError, TypeError):
            return None

    def put(self, kind: str, key: str, doc: dict) -> None:
        if self.blobs is None:
            return
        import pyarrow as pa
        self.blobs.put(kind, key, pa.table({"doc": pa.array([json.dumps(doc, sort_keys=True)], pa.string())}))
