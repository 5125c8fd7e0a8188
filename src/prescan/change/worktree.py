"""Turns the index, or the index plus the work tree, into a git tree object that lives
in a throw-away object store, so every comparison becomes a filter-free tree-to-tree diff."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from prescan.change.git import LOCATION_VARS, Git, Repo, blob_id
from prescan.errors import GitError

REGULAR, EXECUTABLE, SYMLINK, GITLINK = "100644", "100755", "120000", "160000"


@dataclass(frozen=True)
class Entry:
    """What is at one work-tree path, read without following symlinks."""
    kind: str          # "file" | "symlink" | "dir"
    data: bytes = b""  # file content or link target
    executable: bool = False


def read_entry(root: str, rel: str) -> Entry | None:
    """The entry at root/rel, or None if absent or unreadable as a tracked kind.

    Every directory on the way is opened with O_NOFOLLOW, so a symlink anywhere
    in the path (e.g. `src -> /etc`) makes the path absent rather than read."""
    parts = [p for p in os.fsencode(rel).split(b"/") if p]
    if not parts or any(p in (b".", b"..") for p in parts):
        return None
    if os.open not in os.supports_dir_fd:      # pragma: no cover - non-POSIX fallback
        return _read_entry_by_path(root, rel)
    flags_dir = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(root, flags_dir)
    except OSError:
        return None
    try:
        for part in parts[:-1]:
            try:
                nxt = os.open(part, flags_dir, dir_fd=fd)
            except OSError:
                return None
            os.close(fd)
            fd = nxt
        name = parts[-1]
        try:
            st = os.lstat(name, dir_fd=fd)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            return Entry("symlink", os.readlink(name, dir_fd=fd))
        if stat.S_ISDIR(st.st_mode):
            return Entry("dir")
        if not stat.S_ISREG(st.st_mode):
            return None
        # O_NONBLOCK: a FIFO swapped in after the lstat must not hang us.
        try:
            ffd = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0),
                          dir_fd=fd)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOENT, errno.ENXIO):
                return None
            raise GitError("cannot read a work-tree file", detail=exc.strerror or str(exc),
                           path=rel) from None
        with os.fdopen(ffd, "rb") as fh:
            fst = os.fstat(fh.fileno())
            if not stat.S_ISREG(fst.st_mode):
                return None
            return Entry("file", fh.read(), bool(fst.st_mode & stat.S_IXUSR))
    finally:
        os.close(fd)


def _read_entry_by_path(root: str, rel: str) -> Entry | None:  # pragma: no cover
    path = os.path.join(root, rel)
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, os.path.realpath(os.path.dirname(path))]) != real_root:
        return None
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return Entry("symlink", os.fsencode(os.readlink(path)))
    if stat.S_ISDIR(st.st_mode):
        return Entry("dir")
    if not stat.S_ISREG(st.st_mode):
        return None
    with open(path, "rb") as fh:
        return Entry("file", fh.read(), bool(st.st_mode & stat.S_IXUSR))


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(f) for f in out.split(b"\0") if f]


class _Objects:
    """Loose objects written by us (not `git hash-object`, which may run clean filters)."""

    def __init__(self, directory: str, algo: str) -> None:
        self.directory = directory
        self.algo = algo

    def write_blob(self, data: bytes) -> str:
        oid = blob_id(data, self.algo)
        folder = os.path.join(self.directory, oid[:2])
        path = os.path.join(folder, oid[2:])
        if not os.path.exists(path):
            os.makedirs(folder, exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(zlib.compress(b"blob %d\0" % len(data) + data, 1))
        return oid


@contextlib.contextmanager
def snapshot(repo: Repo, *, worktree: bool) -> Iterator[tuple[Git, str]]:
    """Yield (git bound to the private stores, tree id) for the index, or for the
    index overlaid with the work tree (tracked changes plus untracked, not ignored, files).

    The real index is copied, never written; new blobs go to a temporary object
    directory that borrows the repository's objects as an alternate."""
    with tempfile.TemporaryDirectory(prefix="prescan-") as tmp:
        index = os.path.join(tmp, "index")
        objects = os.path.join(tmp, "objects")
        os.mkdir(objects)
        if os.path.exists(repo.index_path):
            shutil.copyfile(repo.index_path, index)
            # An index stamped at the epoch has no "racily clean" entries, so git
            # never re-reads file content (through clean filters) to compare it.
            os.utime(index, (0, 0))
        alternates = repo.objects_dir
        extra = dict(repo.git.env).get("GIT_ALTERNATE_OBJECT_DIRECTORIES")
        if extra:
            alternates += os.pathsep + extra
        git = repo.git.with_env(GIT_INDEX_FILE=index, GIT_OBJECT_DIRECTORY=objects,
                                GIT_ALTERNATE_OBJECT_DIRECTORIES=alternates)
        store = _Objects(objects, repo.algo)
        updates = _unmerged_updates(repo, git, store)
        if worktree:
            updates.update(_worktree_updates(repo, git, store))
        if updates:
            lines = [b"0 %s\t%s\0" % (repo.null_id.encode(), os.fsencode(p)) for p in sorted(updates)]
            lines += [b"%s %s\t%s\0" % (v[0].encode(), v[1].encode(), os.fsencode(p))
                      for p, v in sorted(updates.items()) if v is not None]
            git.run("update-index", "-z", "--add", "--replace", "--index-info", input=b"".join(lines))
        tree = git.run("write-tree", "--missing-ok").decode().strip()
        yield git, tree


def _unmerged_updates(repo: Repo, git: Git, store: _Objects) -> dict[str, tuple[str, str] | None]:
    # A conflicted path has no single staged version; take what is on disk, as
    # `git add` would, so that write-tree can succeed.
    out = git.run("ls-files", "-z", "--unmerged")
    modes: dict[str, str] = {}
    for record in _split_z(out):
        info, _, path = record.partition("\t")
        modes.setdefault(path, info.split()[0])
    return {path: _entry_update(repo, path, mode, store) for path, mode in modes.items()}


def _worktree_updates(repo: Repo, git: Git, store: _Objects) -> dict[str, tuple[str, str] | None]:
    updates: dict[str, tuple[str, str] | None] = {}
    # Raw diff-files only compares stat data (see the utime above) and, with
    # dirty submodules ignored, never starts `git status` inside a submodule.
    out = git.run("diff-files", "-z", "--raw", "--no-renames", "--ignore-submodules=dirty", "--no-abbrev",
                  "--no-ext-diff", "--no-textconv")
    fields = out.split(b"\0")
    i = 0
    while i + 1 < len(fields) and fields[i].startswith(b":"):
        old_mode, _, old_id = fields[i][1:].decode().split()[:3]
        path = os.fsdecode(fields[i + 1])
        i += 2
        if old_mode == GITLINK and _is_checkout(repo.root, path):
            updates[path] = (GITLINK, _submodule_head(repo, path) or old_id)
        else:
            updates[path] = _entry_update(repo, path, old_mode, store)
    updates.update(_racy_updates(repo, git, store, skip=updates))
    untracked = git.run("ls-files", "-z", "--others", "--exclude-standard")
    for path in _split_z(untracked):
        if not path.endswith("/"):          # a nested repository: git shows it as a directory
            updates[path] = _entry_update(repo, path, None, store)
    return updates


def _racy_updates(repo: Repo, git: Git, store: _Objects,
                  skip: dict) -> dict[str, tuple[str, str] | None]:
    """Entries whose stat data cannot be trusted: the file was touched in or after
    the second the real index was written (git's "racy git" case). diff-files did
    not look at their content (see the utime above), so we hash them ourselves."""
    try:
        index_sec = int(os.stat(repo.index_path).st_mtime)
    except OSError:
        return {}
    found: dict[str, tuple[str, str] | None] = {}
    for record in _split_z(git.run("ls-files", "-z", "--stage", "-t")):
        info, _, path = record.partition("\t")
        tag, mode, oid, stage = info.split()
        # Only plain cached entries: skip-worktree and assume-unchanged ones are
        # promises git itself honours, and gitlinks have no content to hash.
        if tag != "H" or stage != "0" or mode == GITLINK or path in skip:
            continue
        try:
            mtime = os.lstat(os.path.join(repo.root, path)).st_mtime
        except OSError:
            continue                      # gone: diff-files already reported it
        if int(mtime) >= index_sec:
            update = _entry_update(repo, path, mode, store)
            if update != (mode, oid):
                found[path] = update
    return found


def _entry_update(repo: Repo, path: str, index_mode: str | None,
                  store: _Objects) -> tuple[str, str] | None:
    entry = read_entry(repo.root, path)
    if entry is None or entry.kind == "dir":
        return None
    if entry.kind == "symlink":
        return SYMLINK, store.write_blob(entry.data)
    if index_mode == SYMLINK and not repo.symlinks:
        return SYMLINK, store.write_blob(entry.data)   # a checkout without symlink support
    if repo.filemode:
        mode = EXECUTABLE if entry.executable else REGULAR
    else:
        mode = index_mode if index_mode in (REGULAR, EXECUTABLE) else REGULAR
    return mode, store.write_blob(entry.data)


def _is_checkout(root: str, path: str) -> bool:
    entry = read_entry(root, path)
    return entry is not None and entry.kind == "dir" and read_entry(root, path + "/.git") is not None


def _submodule_head(repo: Repo, path: str) -> str | None:
    # Only rev-parse runs inside the submodule, with the same pinned config; the
    # location variables are dropped so that git cannot fall back to the superproject.
    env = tuple((k, v) for k, v in repo.git.env if k not in LOCATION_VARS)
    sub = Git(os.path.join(repo.root, path), env)
    code, out, _ = sub.run_status("rev-parse", "-q", "--verify", "HEAD^{commit}", ok=(0, 1, 128))
    return out.decode().strip() or None if code == 0 else None
