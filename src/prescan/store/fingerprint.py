"""Finding identity that survives moves, renames and nearby edits.

A fingerprint hashes the rule, the enclosing unit's qualified name and the
matched code with all whitespace removed; the file path is not part of it.
Identical copies in one file are told apart by an occurrence number in line
order, so a second copy of the same bad line is a new finding. Copies in
different files share a fingerprint; comparisons count them (multisets),
which keeps a scan of only the changed files equal to a full scan."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from typing import Iterable

from prescan._native import lineindex
from prescan.findings import Finding


def base_fingerprint(rule_id: str, unit: str, matched: bytes) -> str:
    code = lineindex.normalized_hash(matched)
    return hashlib.sha256(f"{rule_id}\0{unit}\0{code:016x}".encode()).hexdigest()[:32]


def number_occurrences(findings: Iterable[Finding]) -> list[Finding]:
    """Append the occurrence number within its file (":0", ":1", ...) to each
    base fingerprint."""
    ordered = sorted(findings, key=Finding.sort_key)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in ordered:
        n = seen[f.path, f.fingerprint]
        seen[f.path, f.fingerprint] += 1
        out.append(replace(f, fingerprint=f"{f.fingerprint}:{n}"))
    return out
