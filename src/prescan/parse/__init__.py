"""The parse stage: bytes of one file version -> tree-sitter tree and plain facts
(units, syntax issues); never raises on bad input."""
from __future__ import annotations

import os
import re
import time

import tree_sitter as ts

from .languages import LANGUAGES, parser
from .model import FileFacts, SyntaxIssue, Unit
from .units import extract_units

__all__ = ["Parsed", "parse", "line_count", "syntax_issues", "extract_units",
           "FileFacts", "SyntaxIssue", "Unit", "PARSE_TIMEOUT", "MAX_ISSUES"]

# seconds per file: a pathological file must not hang the scan (PRESCAN_PARSE_TIMEOUT: for slow machines)
PARSE_TIMEOUT = float(os.environ.get("PRESCAN_PARSE_TIMEOUT") or 10.0)
MAX_ISSUES = 20
MAX_REPARSES = 4        # re-parses of text swallowed by ERROR nodes, per file
TIMED_PARSE_BYTES = 1 << 20    # above this, parse under the timeout
# tree-sitter-yaml's scanner overflows its indentation stack past 255 levels
# (a crash, not an error). Every level starts further right on its line, so a
# line's run of indentation, block indicators, tags and anchors bounds the depth.
YAML_MAX_DEPTH = 200
_YAML_TOO_DEEP = re.compile(rb"(?m)^(?:[ \t?:-]|[!&][^\s?:-]*){%d,}" % YAML_MAX_DEPTH)


class Parsed:
    """One parsed file version. `tree` is for in-process use by the analyze
    stage (None when parsing failed); `facts` is what may be pickled or cached."""
    __slots__ = ("tree", "facts", "source")

    def __init__(self, tree: ts.Tree | None, facts: FileFacts, source: bytes) -> None:
        self.tree = tree
        self.facts = facts
        self.source = source

    def __repr__(self) -> str:
        f = self.facts
        return (f"Parsed({f.path!r}, {f.language}, units={len(f.units)}, "
                f"issues={len(f.syntax_issues)})")


def line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def parse(path: str, data: bytes, language: str, *, timeout: float = PARSE_TIMEOUT) -> Parsed:
    """Parse one file. Failures (unknown language, timeout, parser errors)
    come back as a SyntaxIssue on facts with no units, never as an exception."""
    data = _valid_utf8(bytes(data))
    spec = LANGUAGES.get(language)
    if spec is not None and not spec.has_grammar:
        # a line-based file: no tree, no units, nothing to call a syntax error
        return Parsed(None, FileFacts(path=path, language=language, size=len(data),
                                      lines=line_count(data), units=()), data)
    deadline = time.monotonic() + timeout
    if language == "yaml" and _YAML_TOO_DEEP.search(data):
        tree, failure = None, f"not parsed: YAML nested deeper than {YAML_MAX_DEPTH} levels"
    else:
        tree, failure = _parse_tree(data, language, deadline, timeout)
    units: tuple[Unit, ...] = ()
    if tree is None:
        issues: tuple[SyntaxIssue, ...] = (SyntaxIssue(1, 1, failure),)
    else:
        found, swallowed = _scan_errors(tree.root_node, data, MAX_ISSUES)
        issues = tuple(found)
        try:
            recovered = _recover(swallowed, data, language, deadline, timeout)
            units = extract_units(tree.root_node, data, language, recovered=recovered)
        except Exception as exc:   # a bug here must cost one file's units, not the scan
            issues += (SyntaxIssue(1, 1, f"unit extraction failed: {type(exc).__name__}: {exc}"),)
    facts = FileFacts(path=path, language=language, size=len(data), lines=line_count(data),
                      units=units, syntax_issues=issues)
    return Parsed(tree, facts, data)


def _valid_utf8(data: bytes) -> bytes:
    """The same bytes with every byte that is not valid UTF-8 replaced by '?'.
    Offsets stay the same, and query predicates (which decode node text)
    cannot fail on a latin-1 comment or a stray binary byte."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        return "".join("?" if "\udc80" <= ch <= "\udcff" else ch for ch in text).encode("utf-8")


def _parse_tree(data: bytes, language: str, deadline: float, timeout: float,
                ranges: list[ts.Range] | None = None) -> tuple[ts.Tree | None, str]:
    if language not in LANGUAGES:
        return None, f"cannot parse: unknown language {language!r}"
    view = memoryview(data)

    # the bindings only honour a progress callback when the source comes from
    # a read callback; handing out the rest of the buffer keeps reads rare
    def read(offset: int, _point: object) -> memoryview:
        return view[offset:]

    def cancel(_offset: int, _has_error: bool) -> bool:
        return time.monotonic() > deadline

    try:
        p = parser(language)
        if ranges:
            p.included_ranges = ranges
        if len(data) <= TIMED_PARSE_BYTES:
            tree = p.parse(data)
        else:
            tree = p.parse(read, progress_callback=cancel)
            # the bindings crash (SIGSEGV) on Node.text and on query predicates
            # over a tree read through a callback; parsing the bytes again with
            # that tree as the old one reuses it and costs ~10% of a parse
            if tree is not None:
                tree = p.parse(data, old_tree=tree)
    except Exception as exc:
        if time.monotonic() > deadline:
            return None, f"parse timed out after {timeout:g}s"
        return None, f"parse failed: {type(exc).__name__}: {exc}"
    if tree is None:
        return None, "parse failed"
    return tree, ""


def _recover(swallowed: list[ts.Node], data: bytes, language: str, deadline: float,
             timeout: float) -> list[ts.Node]:
    """Roots of re-parses of what multi-line ERROR nodes swallowed.

    An unclosed bracket makes tree-sitter fold everything after it into one
    ERROR node, losing the definitions there. Parsing that text again from the
    line after the error's first line (positions stay absolute through
    included_ranges) usually gets them back. One round only: chained re-parses
    cost far more (C headers full of macros) than the few units they add."""
    roots: list[ts.Node] = []
    for err in swallowed[:MAX_REPARSES]:
        cut = data.find(b"\n", err.start_byte, err.end_byte) + 1
        if cut <= 0 or cut >= err.end_byte:
            continue
        span = ts.Range(ts.Point(err.start_point[0] + 1, 0), err.end_point, cut, err.end_byte)
        tree, _ = _parse_tree(data, language, deadline, timeout, [span])
        if tree is None:
            break
        roots.append(tree.root_node)
    return roots


def syntax_issues(root: ts.Node, source: bytes, limit: int = MAX_ISSUES) -> tuple[SyntaxIssue, ...]:
    """ERROR and MISSING nodes in document order, at most `limit`."""
    return tuple(_scan_errors(root, source, limit)[0])


def _scan_errors(root: ts.Node, source: bytes, limit: int) -> tuple[list[SyntaxIssue], list[ts.Node]]:
    """Syntax issues (at most `limit`) and the ERROR nodes spanning several lines
    (at most MAX_REPARSES), both in document order."""
    issues: list[SyntaxIssue] = []
    swallowed: list[ts.Node] = []
    if not root.has_error:
        return issues, swallowed
    # only subtrees flagged has_error can hold an error, so the walk stays small;
    # an explicit stack because error trees can be nested thousands deep
    stack = [(root, True)]
    while stack and (len(issues) < limit or len(swallowed) < MAX_REPARSES):
        node, tail = stack.pop()
        if node.is_missing:
            if len(issues) < limit:
                what = node.type if node.is_named else f"'{node.type}'"
                issues.append(_issue(node, source, f"missing {what}"))
        elif node.is_error:
            if len(issues) < limit:
                issues.append(_issue(node, source, "syntax error"))
            # an error running to the end of its parent over several lines is
            # the mark of an unclosed bracket that swallowed what followed it
            if tail and node.end_point[0] > node.start_point[0] and len(swallowed) < MAX_REPARSES:
                swallowed.append(node)
        else:
            children = node.children
            last = len(children) - 1
            while last >= 0 and not (children[last].is_named and not children[last].is_missing):
                last -= 1
            stack.extend((c, i == last) for i, c in reversed(list(enumerate(children))) if c.has_error)
    return issues, swallowed


def _issue(node: ts.Node, source: bytes, message: str) -> SyntaxIssue:
    row, col = node.start_point
    end = node.start_byte
    # columns are 1-based characters, as everywhere else in prescan
    chars = sum(1 for b in source[end - col:end] if (b & 0xC0) != 0x80)
    return SyntaxIssue(row + 1, chars + 1, message)
