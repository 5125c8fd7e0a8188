"""Pure-Python twin of the compiled line index (native/_lineindex.pyx).

It is the reference the compiled module is tested against, and is used only
when PRESCAN_PURE=1 asks for it."""
from __future__ import annotations

from array import array
from bisect import bisect_right

BACKEND = "python"
_WS = frozenset(b" \t\n\r\x0b\x0c")


def line_starts(data: bytes) -> array:
    out = array("q", [0])
    pos = data.find(b"\n")
    while pos != -1:
        out.append(pos + 1)
        pos = data.find(b"\n", pos + 1)
    return out


def offsets_to_points(data: bytes, starts: array, offsets: array) -> tuple[array, array]:
    lines, cols = array("q"), array("q")
    size = len(data)
    for off in offsets:
        off = min(max(off, 0), size)
        line = bisect_right(starts, off) - 1
        seg = data[starts[line]:off]
        lines.append(line + 1)
        cols.append(1 + sum(1 for b in seg if (b & 0xC0) != 0x80))
    return lines, cols


def intersects(a_start, a_end, b_start, b_end) -> array:
    out = array("b")
    pmax, run = [], -(1 << 62)
    for e in b_end:
        run = max(run, e)
        pmax.append(run)
    for s, e in zip(a_start, a_end):
        k = bisect_right(b_start, e)
        out.append(1 if k > 0 and pmax[k - 1] >= s else 0)
    return out


def normalized_hash(data: bytes) -> int:
    h = 1469598103934665603
    for c in data:
        if c in _WS:
            continue
        h ^= c
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def shannon_entropy(data: bytes) -> float:
    if not data:
        return 0.0
    from collections import Counter
    from math import log2
    n, h = len(data), 0.0
    for c in Counter(data).values():
        h -= (c / n) * log2(c / n)
    return h
