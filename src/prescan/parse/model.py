"""Plain facts about one parsed file version, safe to pickle and to cache."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A function, method or class (or the module itself) with its span.

    Lines are 1-based and inclusive; bytes are a half-open range."""
    kind: str            # "function" | "method" | "class" | "module"
    name: str            # the bare name ("get_user"); "<module>" for the module unit
    qualname: str        # dotted path inside the file: "UserView.get", "<module>"
    start_byte: int
    end_byte: int
    start_line: int
    end_line: int


@dataclass(frozen=True)
class SyntaxIssue:
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class FileFacts:
    path: str
    language: str
    size: int
    lines: int
    units: tuple[Unit, ...]
    syntax_issues: tuple[SyntaxIssue, ...] = ()
