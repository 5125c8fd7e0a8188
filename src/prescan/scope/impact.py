"""Impact scope: the unchanged files whose behaviour a change can alter.

From the units a change touches (on either side: a deleted validation call
is a change to its function), follow names to callers and callees across
files, `depth` steps, and return the files reached. Candidates are found
with `git grep -w` at the base revision (an unchanged file is the same in
base and head) and confirmed by each file's symbol index."""
from __future__ import annotations

import re

from prescan.change.git import Repo
from prescan.change.model import ADDED, DELETED, ChangeSet
from prescan.parse import languages
from prescan.parse.symbols import Symbols

MIN_NAME = 3                # shorter names (e, f, go) match nearly every file
MAX_NAMES = 400             # per step; past it the step follows the first names in sorted order
MAX_FILES = 64              # per step: past it the step keeps the first files in path order
MAX_FANOUT = 8              # files a name may be mentioned in and still be followed by name
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


def touched_units(cs: ChangeSet, symbols: dict[tuple[str, str], Symbols]) -> set[str]:
    """Names of the functions the change touches, over both versions of every
    changed file (a deleted line changes its function)."""
    touched: set[str] = set()
    for fc in cs.files:
        for side, path, ranges in (
                ("head", fc.path, [(h.new_start, h.new_start + max(h.new_lines, 1) - 1) for h in fc.hunks]),
                ("base", fc.old_path, [(h.old_start, h.old_start + max(h.old_lines, 1) - 1) for h in fc.hunks])):
            sym = symbols.get((side, path)) if path else None
            if sym is None:
                continue
            whole = not fc.hunks or fc.status in (ADDED, DELETED)
            # a changed class (or other container) header renames every member's qualified name
            renamed = [(s, e) for _n, _q, kind, s, e in sym.defs
                       if kind not in ("function", "method") and any(a <= s <= b for a, b in ranges)]
            for name, _q, kind, start, end in sym.defs:
                if kind in ("function", "method") and \
                        (whole or any(a <= end and start <= b for a, b in ranges)
                         or any(s <= start and end <= e for s, e in renamed)):
                    touched.add(name)
    return touched


def data_callees(facts, symbols=(), functions: set[str] | None = None) -> set[str]:
    """Functions that receive data from a source or from a parameter of the
    given functions (all when None), or whose result reaches a sink: the only
    callees through which a taint path can continue. Calls that carry none of
    it are not followed."""
    from prescan.analyze.interproc import CallFact, ResultSink, ReturnFact
    out: set[str] = set()
    for f in facts:
        if isinstance(f, CallFact) and (functions is None or f.function in functions):
            out.add(f.callee)
        elif isinstance(f, ReturnFact) and f.callee and (functions is None or f.function in functions):
            out.add(f.callee)
        elif isinstance(f, ResultSink):
            out.add(f.callee)
    for sym in symbols:
        out.update(callee for fn, callee in sym.flows if functions is None or fn in functions)
    return out


def next_names(frontier: set[str], found: list[tuple[Symbols, tuple]]) -> set[str]:
    """One step further from `frontier` through newly reached files: the
    functions there that call a frontier name, and the functions that the
    ones defining a frontier name pass their parameters' data to."""
    out: set[str] = set()
    for sym, facts in found:
        out |= sym.callers_of(frontier)
        defined = frontier & sym.defines()
        if defined:
            out |= data_callees(facts, (sym,), defined)
    return out


def grep_files(repo: Repo, rev: str, names: set[str], exclude: set[str]) -> tuple[list[str], bool]:
    """Code files at `rev` that mention any of `names` as a word; and whether
    a limit cut the list short. When there are more than MAX_FILES, a name
    mentioned in more than MAX_FANOUT files (get, run, write) is taken as too
    ambiguous to follow by name and dropped."""
    usable = sorted(n for n in names if len(n) >= MIN_NAME and _NAME.match(n))
    capped = len(usable) > MAX_NAMES
    usable = usable[:MAX_NAMES]
    if not usable:
        return [], capped
    args = ["grep", "-l", "-z", "-w", "-F", "-I", "--full-name"]
    for n in usable:
        args += ["-e", n]
    _status, out, _err = repo.git.run_status(*args, rev, "--", ok=(0, 1))
    prefix = rev + ":"
    paths = []
    for raw in out.split(b"\0"):
        path = raw.decode("utf-8", "surrogateescape")
        if path.startswith(prefix):
            path = path[len(prefix):]
        if path and path not in exclude and languages.detect(path) is not None:
            paths.append(path)
    if len(paths) <= MAX_FILES:
        return sorted(paths), capped
    # too many: count in how many files each name occurs, and drop the ambiguous ones
    wanted = {n.encode() for n in usable}
    files_of: dict[bytes, list[str]] = {}
    for path, _oid, data in read_files(repo, rev, paths):
        for word in wanted.intersection(_WORDS.findall(data)):
            files_of.setdefault(word, []).append(path)
    kept: set[str] = set()
    for word, files in files_of.items():
        if len(files) <= MAX_FANOUT:
            kept.update(files)
    kept_sorted = sorted(kept)
    return kept_sorted[:MAX_FILES], True


_WORDS = re.compile(rb"[A-Za-z_$][\w$]*")


def read_files(repo: Repo, rev: str, paths: list[str]) -> list[tuple[str, str, bytes]]:
    """(path, blob id, content) of each path at `rev`."""
    from prescan.change.git import BlobReader
    if not paths:
        return []
    out = repo.git.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", *paths)
    entries = []
    for rec in out.split(b"\0"):
        if not rec:
            continue
        meta, _, path = rec.partition(b"\t")
        mode, kind, oid = meta.split()
        if kind == b"blob" and mode in (b"100644", b"100755"):
            entries.append((path.decode("utf-8", "surrogateescape"), oid.decode()))
    with BlobReader(repo.git) as reader:
        result = []
        for path, oid in entries:
            got = reader.lookup(oid)
            if got is not None and got[1] == "blob":
                result.append((path, oid, got[2]))
    return result
