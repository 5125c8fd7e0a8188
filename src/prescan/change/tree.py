"""Whole-folder input for trees git does not track (an unpacked release, a
Python standard library): every regular file is an added file, read from disk."""
from __future__ import annotations

import fnmatch
import os
import stat

from prescan.change.git import Repo
from prescan.change.model import ADDED, ChangeSet, FileChange, Hunk
from prescan.change.worktree import read_entry
from prescan.errors import PrescanError, UsageError

DEFAULT_EXCLUDE = (".git", "node_modules", "__pycache__", ".prescan")   # .prescan: the result store
_SNIFF = 8000            # git's binary heuristic: a NUL in the first 8000 bytes
_CHUNK = 1 << 20


class DirectoryContents:
    """The Contents reader of a plain folder: no old side, the new side from disk."""

    def __init__(self, root: str) -> None:
        self._root = root

    def old(self, fc: FileChange) -> None:
        return None

    def new(self, fc: FileChange) -> bytes | None:
        if fc.path is None or fc.binary or fc.symlink:
            return None
        # read_entry opens each directory with O_NOFOLLOW: a symlink swapped in
        # after the walk still cannot lead the read out of the folder
        entry = read_entry(self._root, fc.path)
        if entry is None or entry.kind != "file":
            raise PrescanError("a file vanished during the scan", path=fc.path, hint="re-run prescan")
        return entry.data

    def new_blob(self, fc: FileChange) -> None:
        return None

    def close(self) -> None:
        pass

    def __enter__(self) -> DirectoryContents:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def collect_directory(path: str, exclude: tuple[str, ...] = DEFAULT_EXCLUDE
                      ) -> tuple[ChangeSet, DirectoryContents]:
    """Every regular file under path (symlinks are skipped, and so is any file or
    folder whose name matches a glob of exclude) as an added FileChange."""
    root = os.path.realpath(path)
    if not os.path.isdir(root):
        raise UsageError("no such directory", path=path)
    files = [_file_change(root, rel) for rel in _walk(root, "", exclude)]
    files.sort(key=lambda fc: fc.path.encode("utf-8", "surrogateescape"))
    text = f"all files of {root} (not a git work tree)"
    return ChangeSet(root, "all", None, None, tuple(files), text), DirectoryContents(root)


def ignored_by_git(repo: Repo, path: str) -> bool:
    """Whether git ignores the folder path of repo's work tree (a pyenv Python's
    lib folder lies in pyenv's own checkout, under an ignored versions/)."""
    rel = os.path.relpath(os.path.realpath(path), repo.root)
    if rel == os.curdir:
        return False
    code, _, _ = repo.git.run_status("check-ignore", "-q", "--", rel.replace(os.sep, "/"), ok=(0, 1))
    return code == 0


def _walk(root: str, rel: str, exclude: tuple[str, ...]):
    try:
        entries = list(os.scandir(os.path.join(root, rel) if rel else root))
    except OSError as exc:
        raise PrescanError("cannot list a folder", detail=exc.strerror or str(exc), path=rel or root) from None
    for entry in entries:
        if any(fnmatch.fnmatchcase(entry.name, pat) for pat in exclude):
            continue
        child = f"{rel}/{entry.name}" if rel else entry.name
        # DirEntry answers from the d_type of the listing, without a stat per file
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(root, child, exclude)
        elif entry.is_file(follow_symlinks=False):
            yield child


def _file_change(root: str, rel: str) -> FileChange:
    lines, binary, executable = _measure(os.path.join(root, rel), rel)
    return FileChange(path=rel, old_path=None, status=ADDED, new_mode="100755" if executable else "100644",
                      binary=binary, hunks=(Hunk(0, 0, 1, lines),) if lines and not binary else ())


def _measure(full: str, rel: str) -> tuple[int, bool, bool]:
    """(line count, binary, executable) read in chunks so a huge file costs no memory."""
    try:
        # O_NONBLOCK: a FIFO swapped in after the listing must not hang the walk
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb", buffering=0) as fh:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                return 0, False, False
            head = fh.read(_CHUNK)
            binary = b"\0" in head[:_SNIFF]
            count, last = head.count(b"\n"), head[-1:]
            while not binary:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError as exc:
        raise PrescanError("cannot read a file", detail=exc.strerror or str(exc), path=rel,
                           hint="fix its permissions") from None
    # same count as git's numstat: an unterminated last line is a line
    return count + (1 if last and last != b"\n" else 0), binary, bool(mode & stat.S_IXUSR)
