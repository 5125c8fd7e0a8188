"""The rule model: metadata plus a match formula, as loaded from one YAML file."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("critical", "high", "medium", "low", "info")
CONFIDENCES = ("high", "medium", "low")
SEVERITY_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}      # info=0 .. critical=4
CONFIDENCE_RANK = {c: i for i, c in enumerate(reversed(CONFIDENCES))}   # low=0 .. high=2


@dataclass(frozen=True)
class Leaf:
    """One thing to find: a code-like pattern, a raw tree-sitter query, or a regex."""
    kind: str               # "pattern" | "query" | "regex"
    text: str
    line: int
    # metavariable-regex checks moved into the query itself (see loader._push_regexes)
    filters: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple:
        return (self.kind, self.text, self.filters)


@dataclass(frozen=True)
class All:
    """`patterns`: every positive matches the same code, inside every `inside`,
    with no negative at the same place, none of `not_inside` around it."""
    positives: tuple["Formula", ...]
    negatives: tuple["Formula", ...] = ()
    insides: tuple["Formula", ...] = ()
    not_insides: tuple["Formula", ...] = ()
    regexes: tuple[tuple[str, str], ...] = ()        # (metavariable, regex)
    line: int = 0


@dataclass(frozen=True)
class Either:
    """`pattern-either`: any of the alternatives."""
    alternatives: tuple["Formula", ...]
    line: int = 0


Formula = Leaf | All | Either


@dataclass(frozen=True)
class TaintSpec:
    """`mode: taint`: data from a source that reaches a sink, unless a
    sanitizer wraps it or a validating guard stands in between. A sink's
    `$SINK` metavariable, when bound, is the part that must not be tainted."""
    sources: tuple[Formula, ...]
    sinks: tuple[Formula, ...]
    sanitizers: tuple[Formula, ...] = ()


@dataclass(frozen=True)
class GuardSpec:
    """`mode: removed`: a function whose base version matches `removed` (a
    check, an escape, an authorization decorator) and whose head version does
    not; reported at `at` in the head function (else at its first line)."""
    removed: Formula
    at: Formula | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    languages: tuple[str, ...]          # canonical registry names, expanded to the family
    severity: str
    confidence: str
    message: str
    why: str
    fix: str
    formula: Formula
    cwe: tuple[str, ...] = ()
    owasp: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    focus: str | None = None            # report at this metavariable instead of the whole match
    category: str = "security"
    example: str = ""
    path: str = ""                      # the YAML file
    line: int = 1
    tags: tuple[str, ...] = field(default=())
    taint: TaintSpec | None = None
    guard: GuardSpec | None = None

    def leaves(self) -> list[Leaf]:
        out, stack = [], [self.formula]
        while stack:
            f = stack.pop()
            if isinstance(f, Leaf):
                out.append(f)
            elif isinstance(f, Either):
                stack.extend(f.alternatives)
            else:
                stack.extend((*f.positives, *f.negatives, *f.insides, *f.not_insides))
        return out
