"""Inline suppressions: `prescan: ignore[rule-id, ...] reason` in a comment,
on the flagged line or alone on the line above it. A suppression needs a
reason; one without does not suppress and is reported, as is one that covers
no finding, and one the change under review adds."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from prescan.findings import Finding
from prescan.parse import languages
from prescan.store.fingerprint import base_fingerprint, number_occurrences

MARKER = b"prescan:"
_DIRECTIVE = re.compile(rb"prescan:[ \t]*ignore\[([^\]\n]*)\]([^\n]*)")
# what may stand before the directive on its line for it to be in a comment
_OPENER = re.compile(rb"(#|//|/\*|<!--|--|;|^\s*\*)")
_CLOSERS = ("*/", "-->")
RULE_ID_RE = re.compile(r"^[A-Za-z0-9_.*?-]+$")

NO_REASON = "suppression-without-reason"
UNUSED = "suppression-unused"
ADDED = "suppression-added"
RULE_IDS = (NO_REASON, UNUSED, ADDED)


@dataclass(frozen=True)
class Suppression:
    path: str
    line: int                # the comment's line
    covers: int              # the line it applies to
    rules: tuple[str, ...]   # rule ids, or ("*",)
    reason: str
    code: str                # the comment's line, for the report
    covered: str             # the covered line's code, which identifies the suppression across versions

    def applies(self, rule_id: str) -> bool:
        return rule_id in self.rules or "*" in self.rules


def find(path: str, data: bytes, language: str | None) -> list[Suppression]:
    """The suppressions of one file version, only those written in comments."""
    if MARKER not in data:
        return []
    lines = data.split(b"\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    hits = []
    for m in _DIRECTIVE.finditer(data):
        line = _line_of(starts, m.start())
        before = data[starts[line - 1]:m.start()]
        opener = _OPENER.search(before)
        if opener is None:
            continue
        hits.append((m, line, before[:opener.start()].strip() == b""))
    if not hits:
        return []
    in_comment = _comment_check(path, data, language)
    out = []
    for m, line, alone in hits:
        if not in_comment(m.start()):
            continue
        covers = line + 1 if alone else line
        rules = tuple(r.strip() for r in m.group(1).decode("utf-8", "replace").split(",") if r.strip())
        reason = m.group(2).decode("utf-8", "replace").strip()
        for closer in _CLOSERS:
            reason = reason.split(closer)[0].strip()
        reason = reason.lstrip(":-–— ").strip()
        covered = lines[covers - 1] if covers - 1 < len(lines) else b""
        out.append(Suppression(path, line, covers, rules, reason,
                               lines[line - 1].decode("utf-8", "replace").strip()[:200],
                               "".join(covered.decode("utf-8", "replace").split())))
    return out


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right
    return bisect_right(starts, offset)


def _comment_check(path: str, data: bytes, language: str | None):
    """Whether an offset lies in a comment node, where the file has a grammar
    (a directive in a string literal is not one); else the opener suffices."""
    spec = languages.LANGUAGES.get(language or "")
    if spec is None or not spec.has_grammar:
        return lambda offset: True
    from prescan.parse import parse
    parsed = parse(path, data, language)
    if parsed.tree is None:
        return lambda offset: True
    root = parsed.tree.root_node

    def check(offset: int) -> bool:
        node = root.descendant_for_byte_range(offset, offset + 1)
        for _ in range(4):
            if node is None:
                return False
            if "comment" in node.type:
                return True
            node = node.parent
        return False
    return check


def apply(findings: list[Finding], sups: dict[str, list[Suppression]], require_reason: bool,
          checked: set[str]) -> tuple[list[Finding], list[Finding]]:
    """(findings with suppressed ones marked, problem findings). Problems are
    reported for the files in `checked` (those whose every finding is known)."""
    used: set[tuple[int, str]] = set()
    out = []
    for f in findings:
        if f.origin == "policy" or f.rule_id in RULE_IDS:
            out.append(f)                  # the gate's own findings cannot be silenced
            continue
        marked = f
        for s in sups.get(f.path, ()):
            if s.covers == f.start_line and s.applies(f.rule_id):
                used.add((id(s), f.rule_id))
                used.add((id(s), "*"))
                if (s.reason or not require_reason) and s.rules and marked is f:
                    marked = replace(f, extra=tuple(kv for kv in f.extra if kv[0] != "suppressed")
                                     + (("suppressed", s.reason or "(no reason)"),))
        out.append(marked)
    problems = []
    for path in sorted(checked):
        for s in sups.get(path, ()):
            if require_reason and not s.reason:
                problems.append(_problem(NO_REASON, "low", s, "The suppression gives no reason, so it does "
                                         "not suppress anything: write why the code is safe after the "
                                         f"brackets, e.g. `prescan: ignore[{', '.join(s.rules) or 'rule-id'}] "
                                         "input is a constant`."))
                continue
            if not s.rules:
                problems.append(_problem(UNUSED, "info", s, "The suppression names no rule: write the rule "
                                         "ids between the brackets."))
                continue
            for r in s.rules:
                if (id(s), r) not in used:
                    what = "finding" if r == "*" else f"finding of {r}"
                    problems.append(_problem(UNUSED, "info", s, f"The suppression of {r} is unused: there is "
                                             f"no {what} on line {s.covers}. Remove it.", r))
    return out, number_occurrences(problems)


def added(head: dict[str, list[Suppression]], base: dict[str, list[Suppression]], renames: dict[str, str],
          changed: set[str], block: bool) -> list[Finding]:
    """Suppressions with a reason in the head's changed files that the base
    did not have at the same code (moves keep a suppression's identity)."""
    out = []
    for path in sorted(changed):
        pool = Counter((s.rules, s.covered) for s in base.get(renames.get(path, path), ()))
        for s in head.get(path, ()):
            key = (s.rules, s.covered)
            if pool[key] > 0:
                pool[key] -= 1
                continue
            if not s.reason or not s.rules:
                continue                   # it suppresses nothing: reported as a problem instead
            out.append(_problem(ADDED, "high" if block else "info", s,
                                f"The change adds a suppression of {', '.join(s.rules)}: \"{s.reason}\". "
                                "Findings it covers are still shown, marked suppressed, and do not block."))
    return [replace(f, status="new", link="a suppression the change under review adds")
            for f in number_occurrences(out)]


def _problem(rule_id: str, severity: str, s: Suppression, message: str, rule: str = "") -> Finding:
    return Finding(rule_id=rule_id, origin="policy", severity=severity, confidence="high", message=message,
                   path=s.path, start_line=s.line, start_col=1, end_line=s.line, end_col=len(s.code) + 1,
                   unit="<suppression>", snippet=s.code,
                   fingerprint=base_fingerprint(rule_id, "<suppression>",
                                                f"{rule}\0{','.join(s.rules)}\0{s.covered}".encode()))
