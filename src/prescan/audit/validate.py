"""The checks a model claim must pass before it is trusted: (a) structural —
its lines and quoted code exist in the audited unit, and an "introduced"
claim touches the change; (b) verdicts of independent refutation requests,
whose quotes go back through (a); (c) k of n verdicts for a claim that would
block; (d) an optional user command that tries to reproduce it."""
from __future__ import annotations

import json
import subprocess

from prescan.audit.model import (CONFIRMED, CONFIRMED_EXEC, NOT_VALIDATED, PLAUSIBLE, REFUTED, AuditUnit, Claim,
                                 Verdict)


def _norm(text: str) -> str:
    return "".join(text.split())


def structural(unit: AuditUnit, claim: Claim) -> Verdict:
    """Are the claim's lines in the unit, does its evidence match them, and
    does an "introduced" claim touch a line the change touched?"""
    a = unit.after
    if not (a.start_line <= claim.line_start <= claim.line_end <= a.end_line):
        return Verdict("structural", "INVALID", f"lines {claim.line_start}-{claim.line_end} are outside "
                       f"{unit.qualname} ({a.start_line}-{a.end_line})")
    evidence = _norm(claim.evidence)
    cited = _norm("".join(a.span(claim.line_start, claim.line_end)))
    if not evidence or evidence not in cited:
        return Verdict("structural", "INVALID", "the quoted evidence is not the code of the cited lines")
    if claim.introduced and not set(range(claim.line_start, claim.line_end + 1)) & set(unit.changed):
        return Verdict("structural", "INVALID", "claimed as introduced, but the cited lines are not changed lines")
    return Verdict("structural", "OK", "")


def quote_holds(unit: AuditUnit, v: Verdict) -> bool:
    """A verdict's quote must be the code of the line it names (whitespace aside)."""
    line = unit.after.span(v.line, v.line)
    return bool(_norm(v.quote)) and bool(line) and _norm(v.quote) in _norm(line[0])


def decide(claim: Claim, verdicts: list[Verdict], needed: tuple[int, int], gating: bool) -> str:
    """The state from refutation verdicts (quotes already checked): a claim
    that would block needs k CONFIRMED of n; others one CONFIRMED."""
    k, _n = needed if gating else (1, 1)
    votes = [v.verdict for v in verdicts if v.source.startswith("refute")]
    if not votes or all(v == "ERROR" for v in votes):
        return NOT_VALIDATED
    if votes.count("CONFIRMED") >= k:
        return CONFIRMED
    if votes.count("REFUTED") > len(votes) - k:
        return REFUTED                  # too many refutations for k confirmations to remain possible
    return PLAUSIBLE


def run_validator(command: str, payload: dict, timeout_s: float, cwd: str | None) -> Verdict:
    """The user's validator: the finding as JSON on stdin; exit 0 confirmed,
    1 refuted, 2 (or anything else, or the time running out) inconclusive."""
    try:
        proc = subprocess.run(command, shell=True, input=json.dumps(payload).encode(), capture_output=True,
                              timeout=timeout_s, cwd=cwd)
    except subprocess.TimeoutExpired:
        return Verdict("validator", "INCONCLUSIVE", f"timed out after {timeout_s:g}s")
    except OSError as exc:
        return Verdict("validator", "INCONCLUSIVE", f"could not run: {exc}")
    tail = (proc.stdout or proc.stderr).decode("utf-8", "replace").strip().splitlines()
    note = tail[-1][:300] if tail else ""
    verdict = {0: "CONFIRMED", 1: "REFUTED"}.get(proc.returncode, "INCONCLUSIVE")
    return Verdict("validator", verdict, note or f"exit {proc.returncode}")


def with_validator(state: str, v: Verdict) -> str:
    """Execution outranks votes: a reproduction confirms, a refutation refutes."""
    if v.verdict == "CONFIRMED":
        return CONFIRMED_EXEC
    if v.verdict == "REFUTED":
        return REFUTED
    return state

