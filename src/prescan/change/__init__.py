"""The change-ingestion stage: turns a branch, a commit range, the index, a patch or a
whole tree into a ChangeSet plus a Contents reader for both sides of every file."""
from __future__ import annotations

import dataclasses
import os
import sys

from prescan.change.contents import Contents
from prescan.change.diff import diff_trees, tree_files
from prescan.change.git import BlobReader, Repo, blob_id, find_repo, merge_base, open_repo, \
    resolve_commit, try_commit
from prescan.change.model import ChangeSet, FileChange
from prescan.change.patch import PatchFile, apply_hunks, parse_patch
from prescan.change.tree import collect_directory, ignored_by_git
from prescan.change.worktree import read_entry, snapshot
from prescan.errors import PatchError, UsageError

__all__ = ["collect", "ChangeSet", "Contents", "FileChange"]


def collect(repo_dir: str | None, *, base: str | None = None, head: str | None = None,
            staged: bool = False, patch: str | None = None, patch_text: bytes | None = None,
            all_files: bool = False, fetch_base: bool = False) -> tuple[ChangeSet, Contents]:
    """What changed, and a reader for the old and new content of each file.

    No options: the merge-base with the default branch against the work tree
    (commits, staged, unstaged and untracked changes). base/head: like
    `git diff base...head`. staged: HEAD against the index. patch: the files of
    a unified diff. all_files: every file of the work tree (or of head).
    fetch_base: a shallow clone fetches the history the base needs first."""
    _check_options(base, head, staged, patch, patch_text, all_files)
    if patch is not None or patch_text is not None:
        return _collect_patch(repo_dir, patch, patch_text)
    if all_files and head is None:
        # a plain folder (or one git ignores) has no tree to read: take its files from disk
        found = find_repo(repo_dir)
        if found is None or ignored_by_git(found, repo_dir or os.curdir):
            return collect_directory(repo_dir or os.curdir)
    repo = open_repo(repo_dir)
    if fetch_base and repo.shallow and not all_files:
        from prescan.change.fetch import fetch_base as fetch
        base = fetch(repo, base, head or "HEAD", _default_base)
    if all_files:
        return _collect_all(repo, head)
    if staged:
        return _collect_staged(repo, base)
    if head is not None:
        return _collect_range(repo, base, head)
    return _collect_worktree(repo, base)


def _check_options(base, head, staged, patch, patch_text, all_files) -> None:
    if (patch is not None or patch_text is not None) and (base or head or staged or all_files):
        raise UsageError("--patch cannot be combined with --base, --head, --staged or --all")
    if staged and (head or all_files):
        raise UsageError("--staged cannot be combined with --head or --all")
    if all_files and base:
        raise UsageError("--all cannot be combined with --base", hint="use --all --head <commit>")


def _default_base(repo: Repo) -> tuple[str, str]:
    """(display name, commit) of the branch a feature branch is compared with."""
    commit = try_commit(repo, "refs/remotes/origin/HEAD")
    if commit:
        code, out, _ = repo.git.run_status("symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD",
                                           ok=(0, 1, 128))
        return (os.fsdecode(out.strip()) if code == 0 and out.strip() else "origin/HEAD"), commit
    for name in ("main", "master"):
        commit = try_commit(repo, name)
        if commit:
            return name, commit
    raise UsageError("no default branch to compare with (origin/HEAD, main and master do not exist)",
                     hint="pass --base <branch or commit>")


def _head_name(repo: Repo) -> str:
    code, out, _ = repo.git.run_status("symbolic-ref", "-q", "--short", "HEAD", ok=(0, 1, 128))
    return os.fsdecode(out.strip()) if code == 0 and out.strip() else "HEAD"


def _collect_range(repo: Repo, base: str | None, head: str) -> tuple[ChangeSet, Contents]:
    head_commit = resolve_commit(repo, head)
    base_name, base_commit = (base, resolve_commit(repo, base)) if base else _default_base(repo)
    mb = merge_base(repo, base_commit, head_commit, (base_name, head))
    files = diff_trees(repo.git, mb, head_commit)
    cs = ChangeSet(repo.root, "range", mb, head_commit, files,
                   f"{base_name}...{head} (merge-base {mb[:7]})")
    return cs, Contents(repo.git, repo.root, worktree=False, algo=repo.algo)


def _collect_worktree(repo: Repo, base: str | None) -> tuple[ChangeSet, Contents]:
    head_commit = try_commit(repo, "HEAD")
    head_name = _head_name(repo)
    if head_commit is None:
        if base:
            resolve_commit(repo, base)     # a bad name is still reported as such
        mb, mode, text = None, "worktree", f"uncommitted changes ({head_name} has no commits yet)"
    else:
        base_name, base_commit = (base, resolve_commit(repo, base)) if base else _default_base(repo)
        mb = merge_base(repo, base_commit, head_commit, (base_name, head_name))
        if mb == head_commit:
            mode, text = "worktree", f"{head_name} ({mb[:7]}) + uncommitted"
        else:
            mode, text = "branch", f"{base_name}...{head_name} (merge-base {mb[:7]}) + uncommitted"
    with snapshot(repo, worktree=True) as (git, tree):
        files = diff_trees(git, mb or repo.empty_tree, tree)
    return (ChangeSet(repo.root, mode, mb, None, files, text),
            Contents(repo.git, repo.root, worktree=True, algo=repo.algo))


def _collect_staged(repo: Repo, base: str | None) -> tuple[ChangeSet, Contents]:
    head_commit = try_commit(repo, "HEAD")
    if base:
        base_commit = resolve_commit(repo, base)
        old = merge_base(repo, base_commit, head_commit, (base, "HEAD")) if head_commit else base_commit
        text = f"staged changes against {base} (merge-base {old[:7]})"
    else:
        old = head_commit
        text = f"staged changes (HEAD {old[:7]})" if old else "staged changes (no commits yet)"
    with snapshot(repo, worktree=False) as (git, tree):
        files = diff_trees(git, old or repo.empty_tree, tree)
    # worktree=True only matters for conflicted paths, whose content is on disk.
    return (ChangeSet(repo.root, "staged", old, None, files, text),
            Contents(repo.git, repo.root, worktree=True, algo=repo.algo))


def _collect_all(repo: Repo, head: str | None) -> tuple[ChangeSet, Contents]:
    if head:
        commit = resolve_commit(repo, head)
        files = tree_files(repo.git, repo.empty_tree, commit)
        return (ChangeSet(repo.root, "all", None, commit, files, f"all files of {head} ({commit[:7]})"),
                Contents(repo.git, repo.root, worktree=False, algo=repo.algo))
    with snapshot(repo, worktree=True) as (git, tree):
        files = tree_files(git, repo.empty_tree, tree)
    return (ChangeSet(repo.root, "all", None, None, files, "all files of the work tree"),
            Contents(repo.git, repo.root, worktree=True, algo=repo.algo))


def _collect_patch(repo_dir: str | None, patch: str | None,
                   patch_text: bytes | None) -> tuple[ChangeSet, Contents]:
    name = patch if patch and patch != "-" else "<stdin>"
    if patch_text is None:
        try:
            if patch == "-":
                patch_text = sys.stdin.buffer.read()
            else:
                with open(patch or "", "rb") as fh:
                    patch_text = fh.read()
        except FileNotFoundError:
            raise UsageError("patch file not found", path=name) from None
        except OSError as exc:
            raise UsageError("cannot read the patch", detail=exc.strerror or str(exc), path=name) from None
    pfs = parse_patch(patch_text, name)
    if not pfs and patch_text.strip():
        raise PatchError("no diff found in the patch", path=name,
                         hint="pass the output of `git diff`, `git format-patch` or `diff -u`")
    repo = find_repo(repo_dir)
    root = repo.root if repo else os.path.abspath(repo_dir or os.curdir)
    algo = repo.algo if repo else "sha1"
    old_mem: dict[str, bytes] = {}
    new_mem: dict[str, bytes] = {}
    files = []
    reader = BlobReader(repo.git) if repo else None
    try:
        for pf in pfs:
            files.append(_patch_file(pf, name, root, algo, reader, old_mem, new_mem))
    finally:
        if reader:
            reader.close()
    text = f"patch {name} ({len(files)} file{'s' if len(files) != 1 else ''})"
    cs = ChangeSet(repo.root if repo else "", "patch", None, None, tuple(files), text)
    return cs, Contents(repo.git if repo else None, root, worktree=False, algo=algo,
                        old=old_mem, new=new_mem)


def _lookup(reader: BlobReader | None, oid: str | None) -> tuple[str, bytes] | None:
    found = reader.lookup(oid) if reader and oid else None
    return (found[0], found[2]) if found and found[1] == "blob" else None


def _patch_file(pf: PatchFile, name: str, root: str, algo: str, reader: BlobReader | None,
                old_mem: dict[str, bytes], new_mem: dict[str, bytes]) -> FileChange:
    fc = pf.change
    if fc.binary or fc.submodule or fc.symlink:
        return fc
    old = new = None
    if fc.old_path is not None:
        old = _lookup(reader, pf.old_id)
        if old is None:
            entry = read_entry(root, fc.old_path)
            if entry is not None and entry.kind == "file":
                old = blob_id(entry.data, algo), entry.data
    if fc.path is not None:
        # The patch may already be applied (or committed): prefer the real new version.
        entry = read_entry(root, fc.path)
        if pf.new_id and entry is not None and entry.kind == "file" \
                and blob_id(entry.data, algo).startswith(pf.new_id.lower()):
            new = blob_id(entry.data, algo), entry.data
        else:
            new = _lookup(reader, pf.new_id)
        if new is None:
            if fc.old_path is not None and old is None:
                raise PatchError(f"cannot find the old version of {fc.old_path}", path=name, line=pf.line,
                                 hint="run prescan in the checkout the patch was made against")
            data = apply_hunks(pf, old[1] if old else b"", name)
            new = blob_id(data, algo), data
    if old is not None and fc.old_path is not None:
        old_mem[fc.old_path] = old[1]
    if new is not None and fc.path is not None:
        new_mem[fc.path] = new[1]
    return dataclasses.replace(fc, old_blob=old[0] if old else fc.old_blob,
                               new_blob=new[0] if new else fc.new_blob)
