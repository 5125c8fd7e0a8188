"""Detection requests: units packed several to a request under a token
budget, in a deterministic order, each request's custom id a hash of what it
holds (so a rerun asks the same requests, and a batch can be resumed)."""
from __future__ import annotations

import hashlib
import json

from prescan.audit import prompts
from prescan.audit.model import AuditUnit
from prescan.audit.transport import ModelRequest

DETECT_MAX_TOKENS = 4096
REFUTE_MAX_TOKENS = 1024


def estimate_tokens(request: ModelRequest) -> int:
    """An estimate that errs high: about 3 characters a token for code, plus the schema."""
    chars = len(request.system) + len(request.user) + len(json.dumps(request.schema))
    return chars // 3 + 16


def detect_request(units: list[AuditUnit], keys: dict[str, str]) -> ModelRequest:
    cid = "d-" + hashlib.sha256("\0".join(keys[u.unit_id] for u in units).encode()).hexdigest()[:40]
    return ModelRequest(cid, prompts.instructions("detect"), prompts.detect_user(units), prompts.DETECT_SCHEMA,
                        "audit_findings", DETECT_MAX_TOKENS, 0.0, None)


def refute_request(unit: AuditUnit, claim, key: str, vote: int, votes: int) -> ModelRequest:
    user = prompts.refute_user(unit, claim) + (f"\n(independent review {vote + 1} of {votes})" if votes > 1 else "")
    # the first verdict is the model's most likely one; the others are sampled, or n votes would be one
    return ModelRequest("r-" + key[:40], prompts.instructions("refute"), user, prompts.REFUTE_SCHEMA,
                        "refutation_verdict", REFUTE_MAX_TOKENS, 0.0 if vote == 0 else 1.0,
                        vote if votes > 1 else None)


def pack(units: list[AuditUnit], cost: dict[str, int], overhead: int, budget: int,
         max_units: int) -> list[list[AuditUnit]]:
    """Greedy, in the given order: a pack closes when the next unit would take
    it over `budget` input tokens or past `max_units` units. Every unit given
    must fit alone (the caller sets aside those that do not)."""
    packs: list[list[AuditUnit]] = []
    current: list[AuditUnit] = []
    used = overhead
    for u in units:
        if current and (used + cost[u.unit_id] > budget or len(current) >= max_units):
            packs.append(current)
            current, used = [], overhead
        current.append(u)
        used += cost[u.unit_id]
    if current:
        packs.append(current)
    return packs
