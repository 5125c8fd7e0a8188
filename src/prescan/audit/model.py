"""The audit stage's plain data: the units sent to the model, the claims it
makes, the verdicts that check them, and the report of one audit run."""
from __future__ import annotations

from dataclasses import dataclass, field

# what became of a unit
AUDITED = "audited"
CACHED = "cached"
NOT_AUDITED_BUDGET = "not audited: budget"
NOT_AUDITED_TOO_LARGE = "not audited: too large"
NOT_AUDITED_PENDING = "not audited: batch still running"
FAILED = "failed"

# what became of a claim (a model finding), strongest first
CONFIRMED_EXEC = "confirmed-exec"       # the --audit-validator reproduced it
CONFIRMED = "confirmed"                 # refutation verdicts agree (k of n where it would block)
PLAUSIBLE = "plausible"                 # not refuted, not confirmed enough
REFUTED = "refuted"                     # a verdict or the validator refuted it
INVALID_CITATION = "invalid-citation"   # its lines or quote are not in the audited unit
NOT_VALIDATED = "not-validated"         # the refutation could not run (budget, errors)
CONFIRMED_STATES = (CONFIRMED_EXEC, CONFIRMED)


@dataclass(frozen=True)
class CodeText:
    """One version of a unit: its first line number and its (redacted) lines."""
    path: str
    start_line: int
    lines: tuple[str, ...]

    @property
    def end_line(self) -> int:
        return self.start_line + len(self.lines) - 1

    def numbered(self) -> str:
        width = len(str(self.end_line))
        return "\n".join(f"{self.start_line + i:>{width}} | {line}" for i, line in enumerate(self.lines))

    def span(self, start: int, end: int) -> tuple[str, ...]:
        return self.lines[max(0, start - self.start_line):max(0, end - self.start_line + 1)]


@dataclass(frozen=True)
class AuditUnit:
    unit_id: str
    path: str
    qualname: str
    language: str
    after: CodeText
    before: CodeText | None             # None: the function is new
    changed: tuple[int, ...]            # head lines the change added or edited (or next to a deletion)
    context: str = ""                   # the bounded context pack, rendered and redacted
    hints: str = ""                     # static findings and taint traces in the unit


@dataclass(frozen=True)
class Claim:
    """One finding a model reported, before validation."""
    unit_id: str
    category: str
    cwe: str
    severity: str
    confidence: str
    line_start: int
    line_end: int
    evidence: str
    title: str
    explanation: str
    introduced: bool
    model: str = ""


@dataclass(frozen=True)
class Verdict:
    source: str                         # "structural" | "refute:<i>" | "validator"
    verdict: str                        # CONFIRMED | PLAUSIBLE | REFUTED | INVALID | INCONCLUSIVE | ERROR
    reason: str
    quote: str = ""
    line: int = 0


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    state: str                          # one of the claim states above
    verdicts: tuple[Verdict, ...]

    @property
    def rationale(self) -> str:
        return "; ".join(f"{v.source}: {v.verdict}" + (f" ({v.reason})" if v.reason else "")
                         for v in self.verdicts)


@dataclass(frozen=True)
class CallRecord:
    """One model call, for the cost ledger."""
    purpose: str                        # detect | refute
    custom_id: str
    status: str
    model: str
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    latency_s: float
    cost_usd: float | None
    batch: bool
    retries: int
    request_id: str = ""


@dataclass
class AuditReport:
    provider: str
    model: str
    mode: str
    units: dict[str, str] = field(default_factory=dict)         # unit_id -> state (AUDITED, CACHED, ...)
    unit_names: dict[str, str] = field(default_factory=dict)    # unit_id -> "path:qualname"
    reasons: dict[str, str] = field(default_factory=dict)       # unit_id -> why it failed or was skipped
    claims: list[CheckedClaim] = field(default_factory=list)
    calls: list[CallRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def coverage(self) -> dict[str, int]:
        out = {"units": len(self.units), "audited": 0, "cached": 0, "skipped": 0, "failed": 0}
        for state in self.units.values():
            key = {AUDITED: "audited", CACHED: "cached", FAILED: "failed"}.get(state, "skipped")
            out[key] += 1
        return out

    @property
    def confirmed(self) -> list[CheckedClaim]:
        return [c for c in self.claims if c.state in CONFIRMED_STATES]

    @property
    def unconfirmed(self) -> list[CheckedClaim]:
        return [c for c in self.claims if c.state not in CONFIRMED_STATES]
