"""The scope stage: which pre-existing findings a diff scan shows. New
findings are always shown; a finding that already existed in the base is
shown when it lies on a changed line, in a changed unit (function, method,
class, or module-level code) or in a changed file, as --scope chooses."""
from __future__ import annotations

from array import array
from dataclasses import dataclass

from prescan._native import lineindex
from prescan.change.model import ChangeSet
from prescan.findings import Finding
from prescan.parse.model import Unit

SCOPES = ("lines", "units", "files")


@dataclass(frozen=True)
class FileSpans:
    lines: tuple[tuple[int, int], ...]      # changed line ranges in the head (inclusive)
    units: tuple[tuple[int, int], ...]      # line ranges of the innermost units those lines touch
    module: bool = False                    # a changed line lies outside every unit


def changed_spans(cs: ChangeSet, units_by_path: dict[str, tuple[Unit, ...]]) -> dict[str, FileSpans]:
    out = {}
    for fc in cs.files:
        if fc.path is None:
            continue
        ranges = []
        for h in fc.hunks:
            if h.new_lines:
                ranges.append((h.new_start, h.new_start + h.new_lines - 1))
            else:       # a pure deletion sits between new_start and the next line
                ranges.append((max(1, h.new_start), h.new_start + 1))
        ranges.sort()
        units = units_by_path.get(fc.path, ())
        touched: list[tuple[int, int]] = []
        module = False
        if ranges:
            a_s = array("q", (u.start_line for u in units))
            a_e = array("q", (u.end_line for u in units))
            b_s = array("q", (r[0] for r in ranges))
            b_e = array("q", (r[1] for r in ranges))
            hit = lineindex.intersects(a_s, a_e, b_s, b_e)
            hits = [(u.start_line, u.end_line) for u, h in zip(units, hit) if h]
            # a class around a changed method is not itself changed: keep innermost units only
            touched = [a for a in hits if not any(b != a and a[0] <= b[0] and b[1] <= a[1] for b in hits)]
            module = any(not any(s <= r0 and r1 <= e for s, e in hits) for r0, r1 in ranges)
        out[fc.path] = FileSpans(tuple(ranges), tuple(touched), module)
    return out


def in_scope(f: Finding, spans: dict[str, FileSpans], scope: str) -> bool:
    fs = spans.get(f.path)
    if fs is None:
        return False
    if scope == "files":
        return True
    on_line = any(s <= f.end_line and f.start_line <= e for s, e in fs.lines)
    if scope == "lines":
        return on_line
    return on_line or (fs.module and f.unit == "<module>") or \
        any(s <= f.start_line and f.end_line <= e for s, e in fs.units)
