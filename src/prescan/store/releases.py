"""Diff two recorded scans (releases): read only the columns matching needs,
match, and read whole findings only for what a report shows."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from prescan.findings import Finding
from prescan.store import reader
from prescan.store import schema as S
from prescan.store.diff import KEY_COLUMNS, Matching, match
from prescan.store.location import Location

# text columns that repeat a lot, read dictionary-encoded
REPETITIVE = ("path", "rule_id", "unit", "status", "severity")
TEXT_COLUMNS = (*REPETITIVE, "scan_id", "origin", "confidence", "message", "language", "link")


@dataclass
class ReleaseDiff:
    loc: Location
    old: dict                           # the scans row of each side
    new: dict
    matching: Matching
    problems: list = field(default_factory=list)
    live: dict = field(default_factory=dict)    # side -> row numbers of live findings (None: all)

    def findings(self, side: str, rows: np.ndarray, status: str) -> list[Finding]:
        """Whole findings of one side by row number (as matched), with status."""
        scan = self.old if side == "old" else self.new
        t = _rows(self.loc, scan, self.live.get(side), rows, list(S.FINDINGS_SCHEMA.names), TEXT_COLUMNS)
        t = t.set_column(t.schema.get_field_index("status"), "status", pa.array([status] * len(t), pa.string()))
        return S.findings_from_table(t)

    def new_findings(self) -> list[Finding]:
        return sorted(self.findings("new", self.matching.new, "new"), key=Finding.sort_key)

    def fixed_findings(self) -> list[Finding]:
        return sorted(self.findings("old", self.matching.fixed, "fixed"), key=Finding.sort_key)

    def persisting_findings(self) -> list[Finding]:
        """NEW's findings that OLD had (same fingerprint), as NEW has them."""
        return sorted(self.findings("new", self.matching.persisting_new, "unchanged"), key=Finding.sort_key)

    def moved(self) -> list[tuple[Finding, Finding, float]]:
        """(old, new, similarity) of the persisting-moved findings."""
        m = self.matching
        olds = self.findings("old", m.moved_old, "unchanged")
        news = self.findings("new", m.moved_new, "unchanged")
        out = list(zip(olds, news, (float(x) for x in m.moved_similarity)))
        return sorted(out, key=lambda t: t[1].sort_key())


def diff_releases(loc: Location, old_name: str, new_name: str, *, moved: bool = True) -> ReleaseDiff:
    cat = reader.catalog(loc)
    old = reader.resolve(cat, old_name)
    new = reader.resolve(cat, new_name)
    tables, live = {}, {}
    for side, scan in (("old", old), ("new", new)):
        # a diff scan also records what it fixed: those rows are not its findings
        has_fixed = scan.get("fixed") != 0
        t = reader.findings(loc, scan["scan_id"], [*KEY_COLUMNS, *(["status"] if has_fixed else [])],
                            REPETITIVE)
        if has_fixed:
            mask = reader.live(t)
            live[side] = np.nonzero(mask.to_numpy(zero_copy_only=False))[0]
            t = t.filter(mask)
        else:
            live[side] = None
        tables[side] = t

    def details(side: str, rows: np.ndarray, columns: list[str]) -> pa.Table:
        # columns of the few rows the exact and the similarity passes look at
        t = _rows(loc, old if side == "old" else new, live[side], rows, columns, REPETITIVE)
        return t.cast(pa.schema([(f.name, pa.string() if pa.types.is_dictionary(f.type) else f.type)
                                 for f in t.schema]))

    m = match(tables["old"], tables["new"], moved=moved, details=details)
    return ReleaseDiff(loc, old, new, m, cat.problems, live)


def _rows(loc: Location, scan: dict, live, rows, columns: list[str], dictionary) -> pa.Table:
    """Rows of a scan's live findings (numbered as matched), in the order asked,
    reading only the row groups that hold them."""
    rows = np.asarray(rows, np.int64)
    wanted = rows if live is None else live[rows]
    order = np.argsort(wanted, kind="stable")
    t = reader.findings(loc, scan["scan_id"], columns, dictionary, rows=wanted[order])
    return t.take(pa.array(np.argsort(order)))
