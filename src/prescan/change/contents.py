"""Reads the old and new content of a FileChange: the base only from git objects, the
head from objects, or from the work tree (never following a symlink out of it)."""
from __future__ import annotations

from prescan.change.git import BlobReader, Git, blob_id
from prescan.change.model import FileChange
from prescan.change.worktree import read_entry
from prescan.errors import GitError

_OPAQUE_MODES = ("120000", "160000")   # a link target or a submodule commit is not source


class Contents:
    """Lazily reads file versions; owns one `git cat-file --batch`. Picklable
    (the reader is reopened on demand) and closable (also as a context manager)."""

    def __init__(self, git: Git | None, root: str, *, worktree: bool, algo: str = "sha1",
                 old: dict[str, bytes] | None = None, new: dict[str, bytes] | None = None) -> None:
        self._git = git
        self._root = root
        self._worktree = worktree          # the head side is the work tree
        self._algo = algo
        self._old_mem = old                # patch mode: versions computed up front
        self._new_mem = new
        self._reader: BlobReader | None = None

    def old(self, fc: FileChange) -> bytes | None:
        if fc.old_path is None or fc.binary or fc.submodule or fc.old_mode in _OPAQUE_MODES:
            return None
        if self._old_mem is not None:
            return self._old_mem.get(fc.old_path)
        return self._object(fc.old_blob, fc.old_path) if fc.old_blob else None

    def new(self, fc: FileChange) -> bytes | None:
        if fc.path is None or fc.binary or fc.submodule or fc.symlink or fc.new_mode in _OPAQUE_MODES:
            return None
        if self._new_mem is not None:
            return self._new_mem.get(fc.path)
        if not self._worktree:
            return self._object(fc.new_blob, fc.path) if fc.new_blob else None
        # Staged or committed versions are in the object store; prefer them as
        # they cannot change under us. Unstaged edits only exist on disk.
        if fc.new_blob and self._git is not None:
            data = self._blobs().read(fc.new_blob)
            if data is not None:
                return data
        entry = read_entry(self._root, fc.path)
        if entry is None or entry.kind != "file":
            raise GitError("a changed file vanished during the scan", path=fc.path, hint="re-run prescan")
        if fc.new_blob and blob_id(entry.data, self._algo) != fc.new_blob:
            raise GitError("a changed file was modified during the scan", path=fc.path,
                           hint="re-run prescan")
        return entry.data

    def new_blob(self, fc: FileChange) -> str | None:
        """The git blob id of the new version (hashed here for files not in git)."""
        if fc.new_blob or fc.path is None:
            return fc.new_blob
        data = self.new(fc)
        return blob_id(data, self._algo) if data is not None else None

    def _object(self, oid: str | None, path: str) -> bytes:
        data = self._blobs().read(oid) if oid else None
        if data is None:
            raise GitError(f"git object {oid} is missing", path=path,
                           hint="fetch the missing history (partial or shallow clone?)")
        return data

    def _blobs(self) -> BlobReader:
        if self._git is None:
            raise GitError("no repository to read objects from")
        if self._reader is None:
            self._reader = BlobReader(self._git)
        return self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __enter__(self) -> Contents:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_reader"] = None
        return state
