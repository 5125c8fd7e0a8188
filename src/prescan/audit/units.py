"""Which units the model audits: every function or method the change
touched, before and after, with the head lines the change added, edited or
deleted next to. A whole-tree scan (--all, a release) audits every function."""
from __future__ import annotations

import hashlib
from collections import Counter

from prescan.audit.comments import blank_comments
from prescan.audit.context import ContextIndex, context_pack, hints_for
from prescan.audit.model import AuditUnit, CodeText
from prescan.change.model import COPIED

FUNCTIONS = ("function", "method")


def unit_id(path: str, qualname: str, occurrence: int) -> str:
    """Stable across runs: the path and the qualified name (and which copy)."""
    return "u" + hashlib.sha256(f"{path}\0{qualname}\0{occurrence}".encode()).hexdigest()[:12]


def _changed_lines(fc) -> set[int]:
    lines: set[int] = set()
    for h in fc.hunks:
        if h.new_lines:
            lines.update(range(h.new_start, h.new_start + h.new_lines))
        else:                       # a deletion sits between new_start and the line after
            lines.update((max(1, h.new_start), h.new_start + 1))
    return lines


def _innermost(units, line: int):
    best = None
    for u in units:
        if u.kind in FUNCTIONS and u.start_line <= line <= u.end_line:
            if best is None or u.start_line >= best.start_line:
                best = u
    return best


def _text(data: bytes, u, path: str, redact, language: str) -> CodeText:
    # a unit starts at its line's first byte: take whole lines, so indentation and numbering stay true
    start = data.rfind(b"\n", 0, u.start_byte) + 1
    end = data.find(b"\n", u.end_byte)
    raw = data[start:len(data) if end == -1 else end].decode("utf-8", "replace")
    return CodeText(path, u.start_line, tuple(line.rstrip() for line in redact(raw, language).split("\n")))


def select_units(result, redact, max_context_chars: int = 6000) -> list[AuditUnit]:
    """The AuditUnits of a scan result, in a deterministic order (path, line)."""
    cs = result.change
    versions = {(v.side, v.path): v for v in result.versions}
    out: list[AuditUnit] = []
    index = ContextIndex(result)
    for fc in sorted((f for f in cs.files if f.path), key=lambda f: f.path):
        head = versions.get(("head", fc.path))
        if head is None or not head.language or not head.units or fc.path not in index:
            continue
        if cs.mode == "all":
            fns = [u for u in head.units if u.kind in FUNCTIONS]
            chosen = [u for u in fns if not any(o is not u and o.start_line <= u.start_line
                                                and u.end_line <= o.end_line for o in fns)]
            changed_all = True
        else:
            lines = _changed_lines(fc)
            chosen = sorted({u for u in (_innermost(head.units, n) for n in lines) if u is not None},
                            key=lambda u: (u.start_line, u.qualname))
            changed_all = False
        if not chosen:
            continue
        base_path = None if fc.status == COPIED else fc.old_path
        base = versions.get(("base", base_path)) if base_path else None
        base_units = _by_qualname(base.units) if base is not None else {}
        base_clean = blank_comments(base.data, base.path, base.language) if base and base.language else b""
        for u in chosen:
            occurrence = sum(1 for o in head.units if o.kind in FUNCTIONS and o.qualname == u.qualname
                             and o.start_line < u.start_line)
            after = _text(index.data(fc.path), u, fc.path, redact, head.language)
            old = base_units.get((u.qualname, occurrence))
            before = _text(base_clean, old, base_path, redact, base.language or head.language) \
                if old is not None else None
            changed = tuple(range(u.start_line, u.end_line + 1)) if changed_all or before is None else \
                tuple(sorted(n for n in _changed_lines(fc) if u.start_line <= n <= u.end_line))
            if before is not None and before.lines == after.lines:
                continue                # only moved: nothing the change introduced in it
            out.append(AuditUnit(
                unit_id(fc.path, u.qualname, occurrence), fc.path, u.qualname, head.language, after, before,
                changed, context_pack(index, fc.path, u, redact, max_context_chars),
                hints_for(result, fc.path, u, redact)))
    return out


def _by_qualname(units) -> dict[tuple[str, int], object]:
    out, seen = {}, Counter()
    for u in sorted((u for u in units if u.kind in FUNCTIONS), key=lambda u: u.start_line):
        out[u.qualname, seen[u.qualname]] = u
        seen[u.qualname] += 1
    return out
