"""The blob cache: Arrow tables keyed by (kind, key), kept in the result
store, so that a file version that was analyzed once is never analyzed again.

Callers compose keys from a git blob id, the ruleset digest and prescan's
version (see filecache.py); the cache treats them as opaque. Values put are
buffered and written by flush() as one segment file (blobs/seg-*.parquet, a
row per value holding it as an Arrow IPC stream), atomically. open() reads
only the (kind, key) columns of every segment into an index; a segment's
values are read on its first hit. When segments pile up, open() merges the
small ones, so lookups stay one dict access however many scans ran."""
from __future__ import annotations

import secrets
import time
from collections import Counter
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.parquet as pq

from prescan.errors import StoreError
from prescan.store import reader
from prescan.store import schema as S
from prescan.store.location import Entry, Location, is_temp

FOLDER = "blobs"
COMPACT_AT = 8                  # segments; above this, open() merges them


class BlobCache:
    def __init__(self, loc: Location) -> None:
        self.loc = loc
        self._index: dict[tuple[str, str], tuple[int, int]] = {}
        self._segments: list[str] = []          # full paths, by segment number
        self._values: dict[int, pa.Array | None] = {}
        self._pending: dict[tuple[str, str], bytes] = {}
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self.puts: Counter[str] = Counter()
        self.problems: list[StoreError] = []

    @classmethod
    def open(cls, store: str | Location, *, compact: bool = True) -> BlobCache:
        loc = store if isinstance(store, Location) else Location.open(store)
        cache = cls(loc)
        entries = [e for e in loc.list(FOLDER) if not is_temp(e.name)]
        if compact and len(entries) > COMPACT_AT:
            entries = cache._compact(entries)
        for e in entries:
            cache._add_segment(e.path)
        return cache

    # ---- lookups

    def get(self, kind: str, key: str) -> pa.Table | None:
        buf = self._pending.get((kind, key))
        if buf is None:
            where = self._index.get((kind, key))
            if where is not None:
                values = self._segment_values(where[0])
                buf = values[where[1]].as_buffer() if values is not None else None
        if buf is None:
            self.misses[kind] += 1
            return None
        self.hits[kind] += 1
        return pa.ipc.open_stream(buf).read_all()

    def put(self, kind: str, key: str, table: pa.Table) -> None:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as w:
            w.write_table(table)
        self._pending[kind, key] = sink.getvalue().to_pybytes()
        self.puts[kind] += 1

    def flush(self) -> str | None:
        """Write what was put since the last flush as one segment; its path."""
        if not self._pending:
            return None
        keys = list(self._pending)
        table = pa.table({"kind": pa.array([k for k, _ in keys], pa.string()),
                          "key": pa.array([k for _, k in keys], pa.string()),
                          "payload": pa.array([self._pending[k] for k in keys], pa.large_binary())},
                         schema=S.BLOBS_SCHEMA)
        path = self._write(table)
        self._pending.clear()
        self._add_segment(path, table)
        self.loc.sweep_temps(FOLDER)
        return path

    def counters(self) -> dict[str, int]:
        """Hits and misses per kind, as flat names for the scan metadata."""
        out = {}
        for kind in sorted(set(self.hits) | set(self.misses) | set(self.puts)):
            out[f"cache_{kind}_hits"] = self.hits[kind]
            out[f"cache_{kind}_misses"] = self.misses[kind]
        return out

    def __len__(self) -> int:
        return len(set(self._index) | set(self._pending))

    # ---- segments

    def _write(self, table: pa.Table) -> str:
        now = datetime.now(timezone.utc)
        name = f"seg-{now:%Y%m%dT%H%M%S}.{now.microsecond:06d}-{secrets.token_hex(4)}.parquet"
        self.loc.ensure()
        table = S.with_metadata(table, S.BLOBS)
        # large row groups of small rows: one read per segment on its first hit
        return self.loc.put(f"{FOLDER}/{name}",
                            lambda sink: pq.write_table(table, sink, compression="zstd",
                                                        row_group_size=64 * 1024))

    def _add_segment(self, path: str, table: pa.Table | None = None) -> None:
        if table is None:
            try:
                table = reader.read_table(self.loc, path, S.BLOBS, columns=["kind", "key"])
            except reader.StoreFileMissing:
                return                  # merged into another segment meanwhile
            except StoreError as exc:
                self.problems.append(exc)
                return
        no = len(self._segments)
        self._segments.append(path)
        if "payload" in table.column_names:
            self._values[no] = table["payload"].combine_chunks()
        for row, k in enumerate(zip(table["kind"].to_pylist(), table["key"].to_pylist())):
            self._index.setdefault(k, (no, row))

    def _segment_values(self, no: int) -> pa.Array | None:
        if no not in self._values:
            try:
                t = reader.read_table(self.loc, self._segments[no], S.BLOBS, columns=["payload"])
                self._values[no] = t["payload"].combine_chunks()
            except reader.StoreFileMissing:     # merged away by another process: a miss
                self._values[no] = None
            except StoreError as exc:
                self.problems.append(exc)
                self._values[no] = None
        return self._values[no]

    def _compact(self, entries):
        """Merge the small segments into one (all of them when no segment
        dominates), then delete the merged ones. Another process doing the same
        at once costs a duplicate segment, never a lost value."""
        entries = sorted(entries, key=lambda e: e.size)
        biggest = entries[-1]
        rest = entries[:-1]
        if biggest.size < 2 * sum(e.size for e in rest):
            rest = entries
        tables, merged = [], []
        for e in rest:
            try:
                tables.append(reader.read_table(self.loc, e.path, S.BLOBS))
                merged.append(e)
            except reader.StoreFileMissing:
                pass                    # another process merged it first
            except StoreError as exc:
                self.problems.append(exc)
        if len(merged) < 2:
            return entries
        table = pa.concat_tables(tables)
        # one row per (kind, key): the first
        seen: set = set()
        keep = []
        for i, k in enumerate(zip(table["kind"].to_pylist(), table["key"].to_pylist())):
            if k not in seen:
                seen.add(k)
                keep.append(i)
        path = self._write(table.take(pa.array(keep, pa.int64())))
        for e in merged:
            self.loc.remove(e.path)
        kept = [e for e in entries if e not in merged]
        return kept + [Entry(path.rsplit("/", 1)[-1], path, 0, time.time())]
