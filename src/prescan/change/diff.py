"""Builds FileChanges from one `git diff-tree` between two trees: the -z raw records give
exact paths, modes and ids; the zero-context patch that follows gives the hunks."""
from __future__ import annotations

import os
from dataclasses import dataclass

from prescan.change.git import Git
from prescan.change.model import (ADDED, COPIED, DELETED, MODE, MODIFIED, RENAMED, TYPE, FileChange,
                                  Hunk)
from prescan.change.patch import PatchFile, parse_patch
from prescan.errors import GitError

# Plumbing (diff-tree) ignores the porcelain settings (diff.noprefix, diff.relative,
# diff.external, color.ui...) that would change what we parse or run programs.
_DIFF_OPTS = ("-r", "-z", "--no-commit-id", "--no-ext-diff", "--no-textconv", "--no-color",
              "--no-abbrev", "--full-index", "--ignore-submodules=none", "--src-prefix=a/",
              "--dst-prefix=b/")
_STATUS = {"A": ADDED, "D": DELETED, "M": MODIFIED, "T": TYPE, "R": RENAMED, "C": COPIED, "U": MODIFIED}
_IFMT = {"10": "file", "12": "symlink", "16": "gitlink", "04": "dir"}


@dataclass(frozen=True)
class RawRecord:
    old_mode: str
    new_mode: str
    old_id: str
    new_id: str
    status: str          # the letter
    score: int | None    # similarity of R/C records
    old_path: str
    new_path: str


def parse_raw(data: bytes) -> tuple[list[RawRecord], bytes]:
    """The `--raw -z` records at the start of data, and what follows them."""
    records: list[RawRecord] = []
    fields = data.split(b"\0")
    i = consumed = 0
    while i < len(fields) and fields[i].startswith(b":"):
        head = fields[i][1:].decode("ascii").split()
        if len(head) != 5:
            raise GitError("unexpected git diff output", detail=fields[i][:80].decode("ascii", "replace"))
        old_mode, new_mode, old_id, new_id, status = head
        letter, score = status[0], int(status[1:]) if status[1:].isdigit() else None
        paths = 2 if letter in "RC" else 1
        names = [os.fsdecode(f) for f in fields[i + 1:i + 1 + paths]]
        if len(names) != paths:
            raise GitError("unexpected git diff output", detail="truncated raw record")
        consumed += sum(len(f) + 1 for f in fields[i:i + 1 + paths])
        records.append(RawRecord(old_mode, new_mode, old_id, new_id, letter, score,
                                 names[0], names[-1]))
        i += 1 + paths
    rest = data[consumed:]
    return records, rest[1:] if rest.startswith(b"\0") else rest   # the NUL before the patch


def _kind(mode: str) -> str:
    return _IFMT.get(mode.zfill(6)[:2], "file")


def diff_trees(git: Git, old_tree: str, new_tree: str) -> tuple[FileChange, ...]:
    """Every changed file between two trees, renames and copies detected."""
    out = git.run("diff-tree", *_DIFF_OPTS, "--raw", "-p", "-U0", "--inter-hunk-context=0",
                  "--find-renames", "--find-copies", old_tree, new_tree, "--")
    records, patch = parse_raw(out)
    sections = parse_patch(patch, "git diff-tree output", unique=False)
    changes: list[FileChange] = []
    k = 0
    for rec in records:
        # git prints a change of file type as a deletion followed by a creation.
        split = (int(rec.old_mode) and int(rec.new_mode) and _kind(rec.old_mode) != _kind(rec.new_mode))
        take = sections[k:k + (2 if split else 1)]
        k += len(take)
        if len(take) != (2 if split else 1) or take[-1].change.display_path != rec.new_path:
            raise GitError("unexpected git diff output", detail=f"no patch for {rec.new_path!r}")
        changes.append(_change(rec, take))
    if k != len(sections):
        raise GitError("unexpected git diff output", detail="more patches than changed files")
    return tuple(changes)


def _change(rec: RawRecord, sections: list[PatchFile]) -> FileChange:
    null = "0" * len(rec.old_id)
    old_mode = rec.old_mode if int(rec.old_mode) else None
    new_mode = rec.new_mode if int(rec.new_mode) else None
    status = _STATUS.get(rec.status, MODIFIED)
    if status == MODIFIED and rec.old_id == rec.new_id and old_mode != new_mode:
        status = MODE
    mode = new_mode or old_mode or ""
    submodule, symlink = _kind(mode) == "gitlink", _kind(mode) == "symlink"
    hunks: tuple[Hunk, ...] = ()
    if len(sections) == 2:
        # Merge the deletion and the creation into one whole-file replacement.
        gone, came = sections[0].change.hunks, sections[1].change.hunks
        removed = tuple(r for h in gone for r in h.removed)
        old_n, new_n = sum(h.old_lines for h in gone), sum(h.new_lines for h in came)
        if old_n or new_n:
            hunks = (Hunk(1 if old_n else 0, old_n, 1 if new_n else 0, new_n, removed),)
    else:
        hunks = sections[0].change.hunks
    binary = (sections[-1] if new_mode else sections[0]).change.binary
    return FileChange(
        path=None if status == DELETED else rec.new_path,
        old_path=None if status == ADDED else rec.old_path,
        status=status,
        old_blob=None if rec.old_id == null else rec.old_id,
        new_blob=None if rec.new_id == null else rec.new_id,
        old_mode=old_mode, new_mode=new_mode, similarity=rec.score if rec.status in "RC" else None,
        binary=binary and not submodule, submodule=submodule, symlink=symlink,
        hunks=() if submodule or binary else hunks)


def tree_files(git: Git, empty_tree: str, tree: str) -> tuple[FileChange, ...]:
    """Every file of a tree as added, with one hunk covering the whole file."""
    out = git.run("diff-tree", *_DIFF_OPTS, "--raw", "--numstat", "--no-renames", empty_tree, tree, "--")
    records, rest = parse_raw(out)
    counts: dict[str, int | None] = {}
    for field in rest.split(b"\0"):              # numstat records: "added\tdeleted\tpath"
        added, _, tail = field.partition(b"\t")
        if tail:
            # "-" counts: git found the content binary.
            counts[os.fsdecode(tail.partition(b"\t")[2])] = int(added) if added.isdigit() else None
    changes = []
    for rec in records:
        kind = _kind(rec.new_mode)
        lines = counts.get(rec.new_path, 0)
        binary = lines is None and kind == "file"
        hunks = (Hunk(0, 0, 1, lines),) if lines and kind != "gitlink" else ()
        changes.append(FileChange(path=rec.new_path, old_path=None, status=ADDED, new_blob=rec.new_id,
                                  new_mode=rec.new_mode, binary=binary, submodule=kind == "gitlink",
                                  symlink=kind == "symlink", hunks=hunks))
    return tuple(changes)
