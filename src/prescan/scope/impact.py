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
MAX_FILES = 2000            # per step
MAX_FANOUT = 30             # files a name may be mentioned in and still be followed
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


def touched_units(cs: ChangeSet, symbols: dict[tuple[str, str], Symbols]) -> tuple[set[str], set[str]]:
    """(names of the functions the change touches, names those functions call),
    over both versions of every changed file."""
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
    called: set[str] = set()
    for (_side, _path), sym in symbols.items():
        called |= sym.callees_of(touched)
    return touched, called


def next_names(frontier: set[str], found: list[Symbols]) -> set[str]:
    """One step further from `frontier` through newly reached files: the
    functions there that call a frontier name, and what the functions there
    that define a frontier name call."""
    out: set[str] = set()
    for sym in found:
        out |= sym.callers_of(frontier)
        out |= sym.callees_of(frontier & sym.defines())
    return out


def grep_files(repo: Repo, rev: str, names: set[str], exclude: set[str]) -> tuple[list[str], bool]:
    """Code files at `rev` that mention any of `names` as a word; and whether
    a limit cut the list short. A name mentioned in more than MAX_FANOUT files
    (get, run, write) is too ambiguous to follow by name and is skipped."""
    usable = sorted(n for n in names if len(n) >= MIN_NAME and _NAME.match(n))
    capped = len(usable) > MAX_NAMES
    usable = usable[:MAX_NAMES]
    if not usable:
        return [], capped
    args = ["grep", "-o", "-z", "-w", "-F", "-I", "--full-name"]
    for n in usable:
        args += ["-e", n]
    _status, out, _err = repo.git.run_status(*args, rev, "--", ok=(0, 1))
    files_of: dict[str, set[str]] = {}
    prefix = (rev + ":").encode()
    # each record: rev:path NUL line? NUL match (with -z the separators after the path are NULs)
    for line in out.split(b"\n"):
        parts = line.split(b"\0")
        if len(parts) < 2:
            continue
        path_b, word = parts[0], parts[-1]
        if path_b.startswith(prefix):
            path_b = path_b[len(prefix):]
        path = path_b.decode("utf-8", "surrogateescape")
        if path in exclude or languages.detect(path) is None:
            continue
        files_of.setdefault(word.decode("utf-8", "replace"), set()).add(path)
    paths: set[str] = set()
    for name, files in files_of.items():
        if len(files) > MAX_FANOUT:
            capped = True
            continue
        paths |= files
    if len(paths) > MAX_FILES:
        return sorted(paths)[:MAX_FILES], True
    return sorted(paths), capped


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
