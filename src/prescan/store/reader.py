"""Reads the store: the list of scans (one file each in scans/), a scan by
release name or id, and a scan's findings, upgraded from older schema
versions. A file that is not a readable prescan file is reported by name and
skipped; everything else stays usable."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from prescan.errors import StoreError, UsageError
from prescan.store import schema as S
from prescan.store.location import Location, is_temp
from prescan.store.writer import FINDINGS_DIR, SCANS_DIR

HINT = "move it out of the store (or delete it); the rest of the store is unaffected"
MERGED_PREFIX = "merged-"        # a file of scans/ holding many scans (store/compact.py)


class StoreFileMissing(StoreError):
    """A file listed a moment ago is gone: deleted, or merged by another process."""


@dataclass
class Catalog:
    scans: pa.Table                         # SCANS_SCHEMA rows, oldest first
    problems: list[StoreError] = field(default_factory=list)

    def rows(self) -> list[dict]:
        return self.scans.to_pylist()


def read_table(loc: Location, path: str, name: str, columns: list[str] | None = None,
               dictionary: tuple[str, ...] = (), rows: np.ndarray | None = None) -> pa.Table:
    """One store file as a current-version table; StoreError naming it if it
    is not a prescan file of that table, or cannot be read. Columns named in
    dictionary come dictionary-encoded (much faster for repetitive text).
    With rows (sorted row numbers), only those rows, reading only the row
    groups that hold them."""
    shown = loc.shown(path)
    try:
        with loc.fs.open_input_file(path) as fh:
            pf = pq.ParquetFile(fh, read_dictionary=[c for c in dictionary if c in (columns or ())] or None)
            meta = pf.schema_arrow.metadata or {}
            if meta.get(S.META_TABLE) != name.encode():
                raise StoreError(f"not a prescan {name} file", path=shown, hint=HINT)
            try:
                version = int(meta.get(S.META_VERSION, b""))
            except ValueError:
                raise StoreError("bad schema version in a store file", path=shown, hint=HINT) from None
            if version > S.SCHEMA_VERSION:
                raise StoreError(f"written by a newer prescan (store schema version {version}, this "
                                 f"prescan reads up to {S.SCHEMA_VERSION})", path=shown,
                                 hint="upgrade prescan to read it")
            if (name, version) not in S.SCHEMAS:
                raise StoreError(f"unknown store schema version {version}", path=shown, hint=HINT)
            if version == S.SCHEMA_VERSION and rows is not None:
                table = _read_rows(pf, rows, columns)
            elif version == S.SCHEMA_VERSION:
                table = pf.read(columns=columns, use_threads=True)
            else:
                table = S.upgrade(pf.read(use_threads=True), name, version)
                if columns is not None:
                    table = table.select(columns)
                if rows is not None:
                    table = table.take(pa.array(rows, pa.int64()))
    except StoreError:
        raise
    except FileNotFoundError:
        raise StoreFileMissing("a store file is missing", path=shown,
                               hint="was it deleted? the scan that lists it cannot be read") from None
    except (pa.ArrowException, OSError, KeyError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError("cannot read a store file", detail=detail, path=shown, hint=HINT) from None
    if columns is None:
        return S.conform(table, S.SCHEMAS[name, S.SCHEMA_VERSION])
    return table


def _read_rows(pf: pq.ParquetFile, rows: np.ndarray, columns: list[str] | None) -> pa.Table:
    sizes = np.array([pf.metadata.row_group(g).num_rows for g in range(pf.metadata.num_row_groups)], np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    groups = np.unique(np.searchsorted(starts, rows, side="right") - 1)
    if not len(groups):
        return pf.schema_arrow.empty_table().select(columns) if columns else pf.schema_arrow.empty_table()
    table = pf.read_row_groups([int(g) for g in groups], columns=columns, use_threads=True)
    # row numbers within the groups read, which sit one after another
    shift = np.zeros(len(starts), np.int64)
    shift[groups] = starts[groups] - np.concatenate([[0], np.cumsum(sizes[groups])[:-1]])
    which = np.searchsorted(starts, rows, side="right") - 1
    return table.take(pa.array(rows - shift[which]))


def catalog(loc: Location) -> Catalog:
    """Every readable scan of the store, oldest first, and the problems met."""
    for attempt in range(20):
        try:
            return _catalog(loc)
        except StoreFileMissing:
            # another writer merged scans/ while we read it: list again
            time.sleep(0.01 * attempt)
    raise StoreError("the store's scans/ kept changing while it was read", path=loc.display,
                     hint="run the command again")


def _catalog(loc: Location) -> Catalog:
    """Raises StoreFileMissing when a merge (store/compact.py) changed scans/
    while it was read, as the list read may then miss scans."""
    tables, problems = [], []
    listed = loc.list(SCANS_DIR)
    for e in listed:
        if is_temp(e.name):
            continue            # a write in progress, or one that was killed
        if not e.name.endswith(".parquet"):
            problems.append(StoreError("a file that is not part of the store", path=loc.shown(e.path), hint=HINT))
            continue
        try:
            t = read_table(loc, e.path, S.SCANS)
        except StoreFileMissing:
            raise
        except StoreError as exc:
            problems.append(exc)
            continue
        # a scan's own file holds its one row; a merged file (store/compact.py) holds many
        if not e.name.startswith(MERGED_PREFIX) and (len(t) != 1 or t["scan_id"][0].as_py() != e.name[:-8]):
            problems.append(StoreError("a scans file whose row does not match its name",
                                       path=loc.shown(e.path), hint=HINT))
            continue
        tables.append(t)
    # a scan committed meanwhile may be left out; a merge meanwhile may have
    # taken files that were never listed
    appeared = {e.name for e in loc.list(SCANS_DIR)} - {e.name for e in listed}
    if any(name.startswith(MERGED_PREFIX) for name in appeared):
        raise StoreFileMissing("scans/ was merged while it was read", path=loc.shown(loc.path(SCANS_DIR)))
    if tables:
        scans = unique_scans(pa.concat_tables(tables))
        scans = scans.take(pc.sort_indices(scans, [("started_at", "ascending"), ("scan_id", "ascending")]))
    else:
        scans = S.SCANS_SCHEMA.empty_table()
    return Catalog(scans, problems)


def unique_scans(scans: pa.Table) -> pa.Table:
    """One row per scan id (two merges at once may both hold a scan)."""
    ids = scans["scan_id"]
    if len(pc.unique(ids)) == len(ids):
        return scans
    first = pc.index_in(ids, value_set=ids).to_numpy(zero_copy_only=False)
    return scans.filter(pa.array(first == np.arange(len(ids))))


def resolve(cat: Catalog, name: str) -> dict:
    """A scan by id, by release name (the latest scan recorded under it) or
    by a unique prefix of its id; 'latest' is the most recent scan."""
    rows = cat.rows()
    for r in rows:
        if r["scan_id"] == name:
            return r
    releases = [r for r in rows if r["release"] == name]
    if releases:
        return releases[-1]
    if name == "latest" and rows:
        return rows[-1]
    prefixed = [r for r in rows if r["scan_id"].startswith(name)] if len(name) >= 4 else []
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise UsageError(f"{len(prefixed)} scans have ids starting with {name!r}", hint="give more of the id")
    known = sorted({r["release"] for r in rows if r["release"]})
    hint = "`prescan history` lists the scans"
    if known:
        hint = f"releases in the store: {', '.join(known[-8:])}; " + hint
    for p in cat.problems:
        hint += f"; note: {p.path} could not be read"
        break
    raise UsageError(f"no release or scan named {name!r} in the store", hint=hint)


def findings(loc: Location, scan_id: str, columns: list[str] | None = None,
             dictionary: tuple[str, ...] = (), rows: np.ndarray | None = None) -> pa.Table:
    return read_table(loc, loc.path(FINDINGS_DIR, f"{scan_id}.parquet"), S.FINDINGS, columns, dictionary, rows)


def live(table: pa.Table):
    """Mask of the rows that are a scan's findings: a diff scan also records
    the findings it fixed (status fixed)."""
    return pc.not_equal(pc.fill_null(table["status"], ""), "fixed")
