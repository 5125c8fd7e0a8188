"""The audit settings the CLI (or a policy file's [audit] table) fills in,
and the parsing of their textual forms (budgets like `200k` or `$5`, votes
like `2/3`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from prescan.errors import UsageError

MODES = ("sync", "batch")


@dataclass(frozen=True)
class Budget:
    tokens: int | None = None           # input + output tokens the audit may spend
    usd: float | None = None            # or money, priced from the provider's table

    def __str__(self) -> str:
        if self.tokens is not None:
            return f"{self.tokens} tokens"
        return f"${self.usd:g}" if self.usd is not None else "unlimited"


@dataclass(frozen=True)
class AuditOptions:
    provider: str                       # "anthropic:MODEL" | "openai:MODEL" | "command:PROGRAM"
    mode: str = "sync"                  # sync | batch (batch falls back to sync without a batch API)
    budget: Budget = Budget()
    concurrency: int = 4
    validator: str | None = None        # a command: finding JSON on stdin, exit 0/1/2
    validator_timeout_s: float = 60.0
    votes: tuple[int, int] = (2, 3)     # k of n refutation verdicts for a finding that would block
    pack_tokens: int = 24_000           # input tokens of one detection request
    max_units_per_pack: int = 10
    fail_on: str = "high"               # which findings need the k-of-n vote (set from --fail-on)
    poll_s: float = 30.0                # longest wait between two polls of a batch
    batch_wait_s: float = 24 * 3600.0   # how long a batch scan waits for its batch before giving up


_SUFFIX = {"": 1, "k": 1_000, "m": 1_000_000}


def parse_budget(text: str) -> Budget:
    """`200k`, `1.5m`, `50000` (tokens) or `$5`, `$0.50` (US dollars)."""
    raw = text.strip().lower()
    m = re.fullmatch(r"\$\s*(\d+(?:\.\d+)?)", raw)
    if m:
        return Budget(usd=float(m.group(1)))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([km]?)(?:\s*tokens?)?", raw)
    if m:
        return Budget(tokens=int(float(m.group(1)) * _SUFFIX[m.group(2)]))
    raise UsageError(f"--audit-budget {text!r} is neither tokens nor money",
                     hint="write e.g. 200k (tokens) or $5 (US dollars)")


def parse_votes(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)) <= 9:
        raise UsageError(f"--audit-votes {text!r} is not K/N with 1 <= K <= N <= 9", hint="e.g. 2/3")
    return int(m.group(1)), int(m.group(2))


def parse_provider(spec: str) -> tuple[str, str]:
    name, sep, rest = spec.partition(":")
    if not sep or not rest.strip() or name not in ("anthropic", "openai", "command"):
        raise UsageError(f"--audit {spec!r} names no provider",
                         hint="use anthropic:MODEL, openai:MODEL or command:PROGRAM")
    return name, rest
