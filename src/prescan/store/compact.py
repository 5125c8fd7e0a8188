"""Merging the one-row files of scans/ into one, so that listing hundreds of
scans reads a few files, not hundreds. Safe with concurrent writers and
readers: the merged file is written (atomically) before the files it holds
are deleted, a file that could not be read is never deleted, and readers
drop the duplicate rows that two merges at once can leave."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.parquet as pq

from prescan.errors import StoreError
from prescan.store import reader
from prescan.store import schema as S
from prescan.store.location import Location, is_temp
from prescan.store.reader import MERGED_PREFIX
from prescan.store.writer import SCANS_DIR

SCANS_COMPACT_AT = 64           # files in scans/; above this the writer merges them


def compact_scans(loc: Location, threshold: int = SCANS_COMPACT_AT) -> str | None:
    """Merge every readable file of scans/ into one when there are more than
    threshold; the merged file's path, or None."""
    entries = [e for e in loc.list(SCANS_DIR) if not is_temp(e.name) and e.name.endswith(".parquet")]
    if len(entries) <= threshold:
        return None
    tables, merged = [], []
    for e in entries:
        try:
            tables.append(reader.read_table(loc, e.path, S.SCANS))
            merged.append(e)
        except StoreError:
            continue            # another merge took it, or it is damaged: left for the reader to report
    if len(merged) < 2:
        return None
    table = reader.unique_scans(pa.concat_tables(tables))
    now = datetime.now(timezone.utc)
    name = f"{MERGED_PREFIX}{now:%Y%m%dT%H%M%S}.{now.microsecond:06d}Z-{secrets.token_hex(4)}.parquet"
    table = S.with_metadata(table, S.SCANS)
    path = loc.put(f"{SCANS_DIR}/{name}", lambda sink: pq.write_table(table, sink, compression="snappy"))
    for e in merged:
        loc.remove(e.path)
    return path
