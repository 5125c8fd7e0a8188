"""Joins the statement matches of a sequence pattern (`A`, `...`, `B`) into
matches of the whole sequence: same block, in order, adjacent unless a `...`
stands between them, with consistent metavariables. Linear in the number of
statement matches, where a single tree-sitter pattern would be quadratic."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

import tree_sitter as ts

from prescan.rules import compiler


@dataclass(frozen=True)
class Element:
    start: int
    end: int
    parent: tuple[int, int]
    prev_end: int                       # end of the previous named sibling (-1: none)
    bindings: tuple[tuple[str, int, int], ...]


def to_element(caps: dict[str, list[ts.Node]], bindings) -> Element | None:
    nodes, parents = caps.get(compiler.MATCH), caps.get(compiler.SEQ_PARENT)
    if not nodes or not parents:
        return None
    node = nodes[0]
    prev = node.prev_named_sibling
    while prev is not None and prev.is_extra:      # comments between statements do not break adjacency
        prev = prev.prev_named_sibling
    return Element(node.start_byte, node.end_byte, (parents[0].start_byte, parents[0].end_byte),
                   prev.end_byte if prev is not None else -1, bindings)


def assemble(elements: list[list[Element]], pattern: compiler.CompiledPattern,
             merge: Callable, make: Callable) -> list:
    """Sequence matches from per-statement matches. `merge(bindings_a,
    bindings_b)` returns merged bindings or None; `make(start, end, bindings)`
    builds the result."""
    by_parent: list[dict[tuple[int, int], list[Element]]] = []
    for matches in elements:
        groups: dict[tuple[int, int], list[Element]] = defaultdict(list)
        for e in matches:
            groups[e.parent].append(e)
        for g in groups.values():
            g.sort(key=lambda e: e.start)
        by_parent.append(groups)
    out = []
    for parent, firsts in (by_parent[0].items() if by_parent else ()):
        for first in firsts:
            chain_end, binds, ok = first.end, first.bindings, True
            for k in range(1, len(elements)):
                cands = by_parent[k].get(parent, [])
                i = bisect_left([c.start for c in cands], chain_end)
                picked = None
                for c in cands[i:]:
                    if not pattern.gaps[k] and c.prev_end != chain_end:
                        break                   # the next statement must follow at once
                    merged = merge(binds, c.bindings)
                    if merged is not None:
                        picked = (c, merged)
                        break
                if picked is None:
                    ok = False
                    break
                chain_end, binds = picked[0].end, picked[1]
            if ok:
                out.append(make(first.start, parent[1] if pattern.to_block_end else chain_end, binds))
    return out
