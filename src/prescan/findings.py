"""The Finding: what every analysis produces and every report reads."""
from __future__ import annotations

from dataclasses import dataclass, field

ORIGINS = ("rule", "taint", "secret", "model", "policy", "removed")
STATUSES = ("new", "unchanged", "fixed")


@dataclass(frozen=True)
class TraceStep:
    path: str
    line: int
    column: int
    note: str


@dataclass(frozen=True)
class Finding:
    rule_id: str
    origin: str
    severity: str
    confidence: str
    message: str
    path: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int
    unit: str                       # qualified name of the enclosing unit ("<module>" at top level)
    snippet: str                    # the flagged source lines
    language: str = ""
    cwe: tuple[str, ...] = ()
    owasp: tuple[str, ...] = ()
    trace: tuple[TraceStep, ...] = ()
    fingerprint: str = ""           # stable identity: see store.fingerprint
    status: str = "new"             # new | unchanged (pre-existing in the base) | fixed
    removed: tuple[str, ...] = ()   # lines the change deleted that guarded this code
    link: str = ""                  # why a finding outside the changed lines is in scope
    extra: tuple[tuple[str, str], ...] = field(default=())

    def sort_key(self) -> tuple:
        return (self.path, self.start_line, self.start_col, self.rule_id)
