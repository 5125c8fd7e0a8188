"""numba kernels of the similarity matcher (see similarity.py): feature sets
as CSR arrays, Jaccard over sorted sets, greedy one-to-one pairing."""
from __future__ import annotations

import numba
import numpy as np

_UNIT_BASE = np.int64(1) << np.int64(62)


@numba.njit(cache=True)
def features(ids, offsets, units, blank, vocab):
    """Per row: its token ids, its token bigrams and its unit, sorted and
    unique. Returns (values, offsets)."""
    n = len(offsets) - 1
    out_offs = np.zeros(n + 1, np.int64)
    cap = 0
    for r in range(n):
        cap += 2 * (offsets[r + 1] - offsets[r]) + 1
    vals = np.empty(cap, np.int64)
    pos = 0
    for r in range(n):
        start = pos
        prev = -1
        for t in range(offsets[r], offsets[r + 1]):
            tok = ids[t]
            if tok == blank:
                continue
            vals[pos] = tok
            pos += 1
            if prev >= 0:
                vals[pos] = vocab + prev * vocab + tok
                pos += 1
            prev = tok
        vals[pos] = _UNIT_BASE + units[r]
        pos += 1
        row = np.sort(vals[start:pos])
        w = start
        for x in range(len(row)):
            if x == 0 or row[x] != row[x - 1]:
                vals[w] = row[x]
                w += 1
        pos = w
        out_offs[r + 1] = pos
    return vals[:pos].copy(), out_offs


@numba.njit(cache=True)
def _jaccard(vals, a0, a1, b0, b1):
    i, j, inter = a0, b0, 0
    while i < a1 and j < b1:
        if vals[i] == vals[j]:
            inter += 1
            i += 1
            j += 1
        elif vals[i] < vals[j]:
            i += 1
        else:
            j += 1
    union = (a1 - a0) + (b1 - b0) - inter
    return inter / union if union else 0.0


@numba.njit(cache=True)
def pairs(o_order, n_order, rules, vals, offs, threshold, max_block, window):
    """Candidate pairs (old row, new row, similarity) at or above threshold,
    only between findings of the same rule. Both orders are sorted by rule."""
    cap = 1024
    pi = np.empty(cap, np.int64)
    pj = np.empty(cap, np.int64)
    ps = np.empty(cap, np.float32)
    count = 0
    a, b = 0, 0
    no, nn = len(o_order), len(n_order)
    while a < no and b < nn:
        ra, rb = rules[o_order[a]], rules[n_order[b]]
        if ra < rb:
            a += 1
            continue
        if rb < ra:
            b += 1
            continue
        a_end = a
        while a_end < no and rules[o_order[a_end]] == ra:
            a_end += 1
        b_end = b
        while b_end < nn and rules[n_order[b_end]] == ra:
            b_end += 1
        len_o, len_n = a_end - a, b_end - b
        full = len_o * len_n <= max_block
        for y in range(b, b_end):
            if full:
                lo, hi = a, a_end
            else:
                centre = a + ((y - b) * len_o) // len_n
                lo = max(a, centre - window // 2)
                hi = min(a_end, lo + window)
            j = n_order[y]
            for x in range(lo, hi):
                i = o_order[x]
                s = _jaccard(vals, offs[i], offs[i + 1], offs[j], offs[j + 1])
                if s >= threshold:
                    if count == cap:
                        cap *= 2
                        pi2 = np.empty(cap, np.int64)
                        pj2 = np.empty(cap, np.int64)
                        ps2 = np.empty(cap, np.float32)
                        pi2[:count] = pi[:count]
                        pj2[:count] = pj[:count]
                        ps2[:count] = ps[:count]
                        pi, pj, ps = pi2, pj2, ps2
                    pi[count] = i
                    pj[count] = j
                    ps[count] = s
                    count += 1
        a, b = a_end, b_end
    return pi[:count].copy(), pj[:count].copy(), ps[:count].copy()


@numba.njit(cache=True)
def greedy(pi, pj, ps, n_rows):
    """Which candidate pairs to keep: the most similar first, each row once."""
    order = np.argsort(-ps, kind="mergesort")
    used = np.zeros(n_rows, np.bool_)
    keep = np.zeros(len(pi), np.bool_)
    for k in order:
        if not used[pi[k]] and not used[pj[k]]:
            used[pi[k]] = True
            used[pj[k]] = True
            keep[k] = True
    return keep
