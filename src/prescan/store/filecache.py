"""What the scan pipeline keeps in the blob cache for one file version: its
file-local findings (kind "findings") and its facts (kind "units": units,
line count, syntax warnings). The key is the git blob id with the path and
language (findings name their path), the ruleset digest, and prescan's
version together with a digest of its own code, so a changed prescan never
reads what an older one cached."""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache

import pyarrow as pa

from prescan import __version__
from prescan.parse.model import Unit
from prescan.store import schema as S

FINDINGS, UNITS, FACTS, SYMBOLS = "findings", "units", "facts", "symbols"
_FACTS_SCHEMA = pa.schema([("json", pa.large_string())])


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of prescan's own modules: a cache written by other code is not read."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = hashlib.sha256(__version__.encode())
    for dirpath, dirnames, names in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".so", ".pyd", ".scm", ".json", ".yml", ".yaml")):
                full = os.path.join(dirpath, name)
                h.update(os.path.relpath(full, root).encode())
                with open(full, "rb") as fh:
                    h.update(hashlib.sha256(fh.read()).digest())
    return h.hexdigest()[:16]


def key(blob: str, path: str, language: str | None, ruleset) -> str:
    text = "\0".join((blob, path, language or "", ruleset.digest, str(ruleset.secrets), __version__,
                      code_digest()))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def put(cache, k: str, findings, units, lines: int, warnings, extra=None) -> None:
    """warnings: (message, line, kind) of the syntax warnings of the file;
    extra: (symbols, facts) when the scan follows data across files."""
    if extra is not None:
        from prescan.analyze.interproc import dump_facts
        symbols, facts = extra
        # the symbol index is an Arrow table of its own (definitions, calls, imports, parameter flows)
        if symbols is not None:
            cache.put(SYMBOLS, k, symbols.to_table())
        cache.put(FACTS, k, pa.table({"json": pa.array([dump_facts(None, facts)], pa.large_string())},
                                     schema=_FACTS_SCHEMA))
    cache.put(FINDINGS, k, S.findings_table(findings))
    t = pa.Table.from_pylist([{"kind": u.kind, "name": u.name, "qualname": u.qualname,
                               "start_byte": u.start_byte, "end_byte": u.end_byte,
                               "start_line": u.start_line, "end_line": u.end_line} for u in units],
                             schema=S.UNITS_SCHEMA)
    meta = {b"lines": str(lines).encode(), b"warnings": json.dumps(list(warnings)).encode()}
    cache.put(UNITS, k, t.replace_schema_metadata(meta))


def get(cache, k: str, with_facts: bool = False):
    """(findings, units, lines, warnings, (symbols, facts) or None) when every
    kind asked for is cached."""
    extra = None
    if with_facts:
        t = cache.get(FACTS, k)
        if t is None:
            return None
        from prescan.analyze.interproc import load_facts
        from prescan.parse.symbols import Symbols
        sym_table = cache.get(SYMBOLS, k)
        _, facts = load_facts(t.column("json")[0].as_py())
        extra = (Symbols.from_table(sym_table) if sym_table is not None else None, facts)
    units = cache.get(UNITS, k)
    if units is None:
        return None
    found = cache.get(FINDINGS, k)
    if found is None:
        return None
    meta = units.schema.metadata or {}
    us = tuple(Unit(**r) for r in units.to_pylist())
    warnings = [tuple(w) for w in json.loads(meta.get(b"warnings", b"[]"))]
    return tuple(S.findings_from_table(found)), us, int(meta.get(b"lines", b"0")), warnings, extra
