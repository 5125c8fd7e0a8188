"""The similarity kernel: pairs an unmatched old finding with an unmatched new
one of the same rule whose code moved and changed slightly (persisting-moved).

Features of a finding are its snippet's tokens, their bigrams and its unit's
name, as integer ids shared by both sides (pyarrow dictionary encoding);
similarity is the Jaccard index of two feature sets, computed in numba over
CSR arrays; pairs are taken greedily from the most similar down. numba is
imported only when there is something to pair."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

THRESHOLD = 0.5
MAX_BLOCK_PAIRS = 4_000_000     # all pairs of a rule up to this; beyond it, a window
WINDOW = 64                     # old findings compared per new one in a huge block

_kernels = None
_STRINGS = pa.schema([("rule_id", pa.string()), ("unit", pa.string()), ("snippet", pa.string())])


def _numba_kernels():
    global _kernels
    if _kernels is None:
        from prescan.store import _simkernel
        _kernels = _simkernel
    return _kernels


def moved_pairs(old: pa.Table, new: pa.Table, threshold: float = THRESHOLD
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(old rows, new rows, similarity) of the pairs at or above threshold;
    each row in at most one pair. Tables need rule_id, unit, snippet."""
    n_old, n_new = len(old), len(new)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if not n_old or not n_new:
        return empty
    cols = ["rule_id", "unit", "snippet"]
    both = pa.concat_tables([old.select(cols).cast(_STRINGS), new.select(cols).cast(_STRINGS)])
    rules = _codes(both["rule_id"])
    r_old, r_new = rules[:n_old], rules[n_old:]
    if not np.intersect1d(r_old, r_new).size:
        return empty
    units = _codes(both["unit"])
    tokens = pc.split_pattern_regex(pc.fill_null(both["snippet"], ""), r"[^0-9A-Za-z_]+")
    tokens = tokens.combine_chunks() if isinstance(tokens, pa.ChunkedArray) else tokens
    flat = pc.list_flatten(tokens)
    enc = pc.dictionary_encode(flat)
    ids = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    dictionary = enc.dictionary
    blank = pc.index(dictionary, "").as_py()
    offsets = tokens.offsets.to_numpy().astype(np.int64)
    offsets -= offsets[0]
    k = _numba_kernels()
    vals, offs = k.features(ids, offsets, units, -1 if blank is None else blank, len(dictionary))
    # within a rule, keep findings of the same unit next to each other, so
    # that the window of a huge block looks at the likeliest candidates
    order = np.lexsort((units, rules))
    o_order = order[order < n_old]
    n_order = order[order >= n_old]
    pi, pj, ps = k.pairs(o_order, n_order, rules, vals, offs, threshold, MAX_BLOCK_PAIRS, WINDOW)
    if not len(pi):
        return empty
    keep = k.greedy(pi, pj, ps, n_old + n_new)
    return pi[keep].astype(np.int64), pj[keep].astype(np.int64) - n_old, ps[keep]


def _codes(column) -> np.ndarray:
    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    arr = pc.fill_null(arr, "")
    return pc.dictionary_encode(arr).indices.to_numpy(zero_copy_only=False).astype(np.int64)
