"""Plain data describing a change: what the later stages read, never git itself."""
from __future__ import annotations

from dataclasses import dataclass, field

# statuses of a FileChange
ADDED, MODIFIED, DELETED, RENAMED, COPIED, MODE, TYPE = (
    "added", "modified", "deleted", "renamed", "copied", "mode-only", "type-changed")


@dataclass(frozen=True)
class Hunk:
    """One hunk of a unified diff with zero context (1-based lines; a count
    of 0 means the hunk only adds, or only removes, at that position)."""
    old_start: int
    old_lines: int
    new_start: int
    new_lines: int
    removed: tuple[str, ...] = ()      # text of the removed lines, in order


@dataclass(frozen=True)
class FileChange:
    path: str | None                    # path in the head; None when deleted
    old_path: str | None                # path in the base; None when added
    status: str
    old_blob: str | None = None         # git blob id (hex) of the base version
    new_blob: str | None = None         # git blob id of the head version (hashed for work-tree files)
    old_mode: str | None = None
    new_mode: str | None = None
    similarity: int | None = None       # for renames and copies, percent
    binary: bool = False
    submodule: bool = False
    symlink: bool = False
    hunks: tuple[Hunk, ...] = ()

    @property
    def display_path(self) -> str:
        return self.path or self.old_path or ""


@dataclass(frozen=True)
class ChangeSet:
    repo_root: str                      # absolute path of the work tree ("" for a bare patch)
    mode: str                           # branch | range | staged | worktree | patch | all
    base: str | None                    # base commit id (None: no base, e.g. --all or a patch)
    head: str | None                    # head commit id (None: index or work tree)
    files: tuple[FileChange, ...] = field(default_factory=tuple)
    description: str = ""               # e.g. "main...HEAD + uncommitted"
