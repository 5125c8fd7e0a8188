"""Release diff: which findings of NEW are new, which of OLD are fixed, which
persist (same fingerprint, wherever the code moved) and which persist moved
(code moved and changed slightly, paired by the similarity kernel).

Matching is a multiset match on the fingerprint: two copies in OLD and three
in NEW are two persisting and one new. It runs as one Arrow hash lookup of
NEW's 64-bit fingerprint keys among OLD's; the few rows whose key has copies
(or whose other 64 bits differ) are matched exactly in a small second pass,
a join that prefers the same file; the rows left go to the similarity kernel."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from prescan.store import similarity

# columns matching reads; the similarity kernel's only for unmatched rows
KEY_COLUMNS = ("fp_key", "fp_check")
SIMILARITY_COLUMNS = ("rule_id", "unit", "snippet")


@dataclass
class Matching:
    """Row indices into OLD and NEW for each outcome."""
    persisting_old: np.ndarray
    persisting_new: np.ndarray
    moved_old: np.ndarray
    moved_new: np.ndarray
    moved_similarity: np.ndarray
    new: np.ndarray
    fixed: np.ndarray

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "fixed": len(self.fixed), "persisting": len(self.persisting_new),
                "persisting_moved": len(self.moved_new)}


def match(old: pa.Table, new: pa.Table, *, moved: bool = True, threshold: float = similarity.THRESHOLD,
          details: Callable[[str, np.ndarray, list[str]], pa.Table] | None = None) -> Matching:
    """Match OLD's findings with NEW's. Both need fp_key and fp_check; the
    passes over a few rows also need path, rule_id, unit and snippet: from the
    tables, or from details("old" | "new", rows, columns) when given."""
    if details is None:
        def details(side, rows, columns):
            return (old if side == "old" else new).select(columns).take(pa.array(rows))
    n_old, n_new = len(old), len(new)
    k_old, k_new = _col(old, "fp_key"), _col(new, "fp_key")
    # one hash lookup of every NEW key among OLD's: the first OLD row holding it
    hit = pc.index_in(k_new, value_set=k_old)
    j = np.nonzero(_np(hit.is_valid()))[0]
    i = _np(hit.drop_null()).astype(np.int64)
    same = _np(_col(old, "fp_check")).take(i) == _np(_col(new, "fp_check")).take(j)
    cnt_i = np.bincount(i, minlength=n_old)
    clean = same & (cnt_i[i] == 1)
    hard_old = np.unique(i[~clean])
    hard_new = j[~clean]
    sorted_old = np.sort(_np(k_old))
    if n_old > 1 and (sorted_old[1:] == sorted_old[:-1]).any():
        # copies in OLD: index_in saw only the first; every row of such a key is hard
        first = _np(pc.index_in(k_old, value_set=k_old))
        dup_keys = k_old.filter(pa.array(first != np.arange(n_old)))
        hard_old = np.union1d(hard_old, np.nonzero(_np(pc.is_in(k_old, value_set=dup_keys)))[0])
        dup_new = np.nonzero(_np(pc.is_in(k_new, value_set=dup_keys)))[0]
        hard_new = np.union1d(hard_new, dup_new)
        clean &= ~np.isin(j, dup_new)
    p_old, p_new = i[clean], j[clean]
    if len(hard_old) and len(hard_new):
        h_old, h_new = _exact(details, hard_old, hard_new)
        p_old = np.concatenate([p_old, h_old])
        p_new = np.concatenate([p_new, h_new])
    matched_old = np.zeros(n_old, np.bool_)
    matched_old[p_old] = True
    matched_new = np.zeros(n_new, np.bool_)
    matched_new[p_new] = True
    fixed = np.nonzero(~matched_old)[0]
    added = np.nonzero(~matched_new)[0]
    m_old = m_new = np.zeros(0, np.int64)
    m_sim = np.zeros(0, np.float32)
    if moved and len(fixed) and len(added):
        cols = list(SIMILARITY_COLUMNS)
        a, b, m_sim = similarity.moved_pairs(details("old", fixed, cols), details("new", added, cols), threshold)
        m_old, m_new = fixed[a], added[b]
        fixed = np.setdiff1d(fixed, m_old, assume_unique=True)
        added = np.setdiff1d(added, m_new, assume_unique=True)
    order = np.argsort(p_new, kind="stable")
    return Matching(p_old[order], p_new[order], m_old, m_new, m_sim, added, fixed)


def _exact(details, rows_old: np.ndarray, rows_new: np.ndarray):
    """Multiset match of a few rows by the whole fingerprint: first within the
    same file, then anywhere (k-th copy with k-th copy)."""
    def side(name, rows, col):
        sub = details(name, rows, ["fp_key", "fp_check", "path"])
        sub = pa.table({"fp_key": sub["fp_key"], "fp_check": sub["fp_check"],
                        "path": sub["path"].cast(pa.string())})
        return sub.append_column(col, pa.array(rows, pa.int64()))
    lo, ro = side("old", rows_old, "i"), side("new", rows_new, "j")
    pairs_old, pairs_new = [], []
    for keys in (["fp_key", "fp_check", "path"], ["fp_key", "fp_check"]):
        lr = _with_rank(lo, keys)
        rr = _with_rank(ro, keys)
        hit = lr.select([*keys, "rank", "i"]).join(rr.select([*keys, "rank", "j"]), keys=[*keys, "rank"],
                                                   join_type="inner")
        mi, mj = _np(hit["i"]), _np(hit["j"])
        pairs_old.append(mi)
        pairs_new.append(mj)
        lo = lo.filter(pa.array(~np.isin(_np(lo["i"]), mi)))
        ro = ro.filter(pa.array(~np.isin(_np(ro["j"]), mj)))
    return np.concatenate(pairs_old), np.concatenate(pairs_new)


def _with_rank(t: pa.Table, keys: list[str]) -> pa.Table:
    """t sorted by keys with each row's number within its group of equal keys."""
    n = len(t)
    t = t.take(pc.sort_indices(t, [(k, "ascending") for k in keys] + [("path", "ascending")]))
    if n == 0:
        return t.append_column("rank", pa.array([], pa.int64()))
    start = np.zeros(n, np.bool_)
    start[0] = True
    for k in keys:
        col = t[k].combine_chunks()
        start[1:] |= _np(pc.not_equal(col.slice(1), col.slice(0, n - 1)))
    idx = np.arange(n, dtype=np.int64)
    group_start = _np(pc.cumulative_max(pa.array(np.where(start, idx, 0))))
    return t.append_column("rank", pa.array(idx - group_start))


def _col(t: pa.Table, name: str):
    c = t[name]
    return c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c


def _np(a) -> np.ndarray:
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    return a.to_numpy(zero_copy_only=False)
