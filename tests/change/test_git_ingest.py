"""collect() against real repositories: every kind of change, every mode, the errors,
and that nothing the repository configures runs and nothing in it is written."""
from __future__ import annotations

import os
import pickle
import stat
import subprocess
from pathlib import Path

import pytest

from prescan.change import collect
from prescan.change.git import blob_id
from prescan.change.model import ADDED, COPIED, DELETED, MODE, MODIFIED, RENAMED, TYPE, Hunk
from prescan.change.worktree import read_entry
from prescan.errors import GitError, UsageError

BODY = "".join(f"line {i}\n" for i in range(1, 21))
NEWLINE_NAME = "we ird\nname ü.py"


def by_path(cs):
    return {fc.display_path: fc for fc in cs.files}


@pytest.fixture
def feature(repo):
    """main with one commit; branch feature with every kind of change committed."""
    repo.write("mod.py", BODY)
    repo.write("gone.py", "bye\n")
    repo.write("old name.py", BODY)
    repo.write("orig.py", BODY.replace("line", "orig"))
    repo.write("run.sh", "echo hi\n")
    repo.write("img.bin", b"\x89PNG\0\0\x01")
    repo.write("kind", "was a file\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("mod.py", BODY.replace("line 3\n", "").replace("line 10\n", "LINE 10\nextra\n"))
    (repo.path / "gone.py").unlink()
    repo.git("mv", "old name.py", "new name.py")
    repo.write("new name.py", BODY + "tail\n")
    repo.write("orig.py", BODY.replace("line", "orig") + "more\n")
    repo.write("copy.py", BODY.replace("line", "orig"))
    (repo.path / "run.sh").chmod(0o755)
    repo.write("img.bin", b"\x89PNG\0\0\x02")
    (repo.path / "kind").unlink()
    os.symlink("mod.py", repo.path / "kind")
    os.symlink("mod.py", repo.path / "link.py")
    repo.write("spaced dir/a b.py", "x = 1\n")
    repo.write("ünï/çødé.py", "y = 2\n")
    repo.write(NEWLINE_NAME, "z = 3\n")
    repo.commit("feature work")
    return repo


def test_every_kind_of_change_in_a_range(feature):
    cs, contents = collect(str(feature.path), base="main", head="feature")
    files = by_path(cs)
    assert cs.mode == "range" and cs.head == feature.rev("feature")
    assert cs.base == feature.rev("main") and cs.repo_root == str(feature.path.resolve())
    assert cs.description.startswith("main...feature (merge-base ")

    mod = files["mod.py"]
    assert mod.status == MODIFIED and mod.old_path == "mod.py"
    assert [(h.old_start, h.old_lines, h.new_start, h.new_lines, h.removed) for h in mod.hunks] == [
        (3, 1, 2, 0, ("line 3",)), (10, 1, 9, 2, ("line 10",))]
    assert mod.old_blob == feature.rev("main:mod.py") and mod.new_blob == feature.rev("feature:mod.py")
    assert contents.old(mod) == BODY.encode()
    assert b"LINE 10\nextra\n" in contents.new(mod)

    gone = files["gone.py"]
    assert gone.status == DELETED and gone.path is None and gone.new_blob is None
    assert contents.old(gone) == b"bye\n" and contents.new(gone) is None

    ren = files["new name.py"]
    assert ren.status == RENAMED and ren.old_path == "old name.py" and 80 <= ren.similarity < 100
    assert [(h.new_start, h.new_lines) for h in ren.hunks] == [(21, 1)]

    cp = files["copy.py"]
    assert cp.status == COPIED and cp.old_path == "orig.py" and cp.similarity == 100 and cp.hunks == ()
    assert contents.new(cp) == BODY.replace("line", "orig").encode()

    mode = files["run.sh"]
    assert mode.status == MODE and (mode.old_mode, mode.new_mode) == ("100644", "100755")
    assert mode.old_blob == mode.new_blob and mode.hunks == ()

    binary = files["img.bin"]
    assert binary.binary and binary.hunks == () and contents.new(binary) is None

    kind = files["kind"]
    assert kind.status == TYPE and kind.symlink and contents.new(kind) is None
    assert kind.hunks[0].removed == ("was a file",)

    link = files["link.py"]
    assert link.status == ADDED and link.symlink and link.new_mode == "120000"
    assert contents.new(link) is None

    for path, text in (("spaced dir/a b.py", b"x = 1\n"), ("ünï/çødé.py", b"y = 2\n"),
                       (NEWLINE_NAME, b"z = 3\n")):
        fc = files[path]
        assert fc.status == ADDED and fc.old_path is None and fc.old_blob is None
        assert [(h.old_start, h.old_lines, h.new_start, h.new_lines) for h in fc.hunks] == [(0, 0, 1, 1)]
        assert contents.new(fc) == text
    assert files["orig.py"].status == MODIFIED and len(files) == 12
    contents.close()


def test_submodule_is_flagged_and_never_read(make_repo):
    lib = make_repo("lib")
    lib.write("lib.py", "print('lib')\n")
    lib.commit("lib")
    app = make_repo("app")
    app.write("app.py", "print('app')\n")
    app.commit("app")
    app.git("-c", "protocol.file.allow=always", "submodule", "-q", "add", str(lib.path), "vendor/lib")
    app.commit("add submodule")
    cs, contents = collect(str(app.path), base="HEAD~1", head="HEAD")
    sub = by_path(cs)["vendor/lib"]
    assert sub.submodule and sub.status == ADDED and sub.hunks == ()
    assert sub.new_blob == lib.rev("HEAD") and contents.new(sub) is None
    assert by_path(cs)[".gitmodules"].status == ADDED

    # Moving the submodule's checkout counts as a work-tree change of the gitlink.
    inner = type(lib)(app.path / "vendor/lib")
    inner.write("lib.py", "print('v2')\n")
    new_head = inner.commit("v2")
    cs, _ = collect(str(app.path), base="HEAD")
    (sub,) = cs.files
    assert sub.submodule and sub.status == MODIFIED and sub.new_blob == new_head


@pytest.fixture
def forked(repo):
    """main advanced after feature forked; feature has commits and uncommitted work."""
    repo.write(".gitignore", "*.log\n")
    repo.write("app.py", BODY)
    repo.write("keep.py", "keep\n")
    fork = repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("feature.py", "def f():\n    return 1\n")
    repo.commit("feature")
    repo.git("checkout", "-q", "main")
    repo.write("main_only.py", "later on main\n")
    repo.commit("main moves on")
    repo.git("checkout", "-q", "feature")
    repo.write("staged.py", "staged = True\n")
    repo.git("add", "staged.py")
    repo.write("app.py", BODY.replace("line 5\n", "line five\n"))     # unstaged
    repo.write("untracked.py", "new = 1\n")
    repo.write("debug.log", "ignored\n")
    repo.fork = fork
    return repo


def test_default_is_branch_against_main_plus_uncommitted(forked):
    cs, contents = collect(str(forked.path))
    files = by_path(cs)
    assert cs.mode == "branch" and cs.base == forked.fork and cs.head is None
    assert cs.description == f"main...feature (merge-base {forked.fork[:7]}) + uncommitted"
    assert set(files) == {"feature.py", "staged.py", "app.py", "untracked.py"}
    app = files["app.py"]
    assert app.hunks[0].removed == ("line 5",)
    assert app.new_blob == blob_id((forked.path / "app.py").read_bytes())
    assert contents.new(app) == (forked.path / "app.py").read_bytes()
    assert contents.old(app) == BODY.encode()
    assert contents.new(files["untracked.py"]) == b"new = 1\n"


def test_default_prefers_origin_head(forked, make_repo):
    clone_dir = forked.path.parent / "clone"
    subprocess.run(["git", "clone", "-q", str(forked.path), str(clone_dir)], check=True)
    clone = type(forked)(clone_dir)
    clone.git("branch", "-q", "-m", "feature", "local")   # no main, no master: origin/HEAD only
    clone.write("x.py", "x\n")
    clone.commit("local work")
    clone.write("y.py", "y\n")
    cs, _ = collect(str(clone_dir))
    assert cs.mode == "branch" and cs.description.startswith("origin/feature...local (merge-base")
    assert [fc.path for fc in cs.files] == ["x.py", "y.py"]


def test_uncommitted_changes_of_every_kind(repo):
    repo.write("a.py", BODY)
    repo.write("del.py", "x\n")
    repo.write("old.py", BODY)
    repo.write("run.sh", "echo\n")
    repo.write("d", "file, then a directory\n")
    repo.commit("base")
    repo.write("a.py", BODY.replace("line 2\n", "two\n"))              # unstaged
    (repo.path / "del.py").unlink()                                     # deleted, not staged
    repo.git("mv", "old.py", "new.py")                                  # staged rename...
    repo.write("new.py", BODY + "end\n")                                # ...edited after
    (repo.path / "run.sh").chmod(0o755)
    (repo.path / "d").unlink()
    repo.write("d/inner.py", "inside\n")
    repo.write(NEWLINE_NAME, "n = 1\n")
    repo.write("data.bin", b"\0\1\2")
    os.symlink("a.py", repo.path / "alias.py")
    cs, contents = collect(str(repo.path))
    files = by_path(cs)
    assert cs.mode == "worktree" and cs.description == f"main ({cs.base[:7]}) + uncommitted"
    assert {p: fc.status for p, fc in files.items()} == {
        "a.py": MODIFIED, "del.py": DELETED, "new.py": RENAMED, "run.sh": MODE, "d": DELETED,
        "d/inner.py": ADDED, NEWLINE_NAME: ADDED, "data.bin": ADDED, "alias.py": ADDED}
    assert files["new.py"].old_path == "old.py" and files["data.bin"].binary and files["alias.py"].symlink
    assert contents.new(files["new.py"]) == (BODY + "end\n").encode()
    assert contents.new(files[NEWLINE_NAME]) == b"n = 1\n"
    assert files["a.py"].hunks == (Hunk(2, 1, 2, 1, ("line 2",)),)


def test_conflicted_paths_come_from_the_work_tree(repo):
    repo.write("f.py", "a\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "x")
    repo.write("f.py", "b\n")
    repo.commit("x")
    repo.git("checkout", "-q", "main")
    repo.write("f.py", "c\n")
    repo.commit("c")
    subprocess.run(["git", "merge", "-q", "x"], cwd=repo.path, capture_output=True)
    on_disk = (repo.path / "f.py").read_bytes()
    assert b"<<<<<<<" in on_disk
    for kwargs in ({}, {"staged": True}):
        cs, contents = collect(str(repo.path), **kwargs)
        (fc,) = cs.files
        assert fc.path == "f.py" and contents.new(fc) == on_disk


def test_base_and_head_use_the_merge_base(forked):
    cs, _ = collect(str(forked.path), base="main", head="feature")
    assert cs.base == forked.fork and [fc.path for fc in cs.files] == ["feature.py"]
    cs, _ = collect(str(forked.path), base="main")            # base only: to the work tree
    assert cs.mode == "branch" and "main_only.py" not in by_path(cs)
    assert set(by_path(cs)) == {"feature.py", "staged.py", "app.py", "untracked.py"}


def test_staged_is_head_against_the_index(forked):
    forked.write("staged.py", "staged = 'changed later, unstaged'\n")
    cs, contents = collect(str(forked.path), staged=True)
    assert cs.mode == "staged" and cs.base == forked.rev("HEAD")
    (fc,) = cs.files
    assert fc.path == "staged.py" and fc.status == ADDED
    assert contents.new(fc) == b"staged = True\n"


def test_staged_in_a_repository_without_commits(repo):
    repo.write("first.py", "a = 1\n")
    repo.git("add", "first.py")
    cs, contents = collect(str(repo.path), staged=True)
    assert cs.base is None and [fc.path for fc in cs.files] == ["first.py"]
    cs, _ = collect(str(repo.path))                            # default mode, no commits yet
    assert cs.mode == "worktree" and [fc.path for fc in cs.files] == ["first.py"]


def test_all_files_of_the_work_tree_and_of_a_commit(forked):
    cs, contents = collect(str(forked.path), all_files=True)
    files = by_path(cs)
    assert cs.mode == "all" and all(fc.status == ADDED for fc in cs.files)
    assert set(files) == {".gitignore", "app.py", "keep.py", "feature.py", "staged.py", "untracked.py"}
    assert files["app.py"].hunks[0].new_lines == 20
    assert contents.new(files["app.py"]) == (forked.path / "app.py").read_bytes()
    cs, contents = collect(str(forked.path), all_files=True, head="main")
    assert cs.head == forked.rev("main")
    assert set(by_path(cs)) == {".gitignore", "app.py", "keep.py", "main_only.py"}
    assert contents.new(by_path(cs)["app.py"]) == BODY.encode()


def test_empty_change_is_not_an_error(repo):
    repo.write("a.py", "a\n")
    repo.commit()
    cs, contents = collect(str(repo.path))
    assert cs.files == () and cs.mode == "worktree" and cs.base == repo.rev("HEAD")
    cs, _ = collect(str(repo.path), base="HEAD", head="HEAD")
    assert cs.files == ()


def test_repository_found_from_the_current_directory(repo, monkeypatch):
    repo.write("pkg/a.py", "a\n")
    repo.commit()
    repo.write("pkg/a.py", "b\n")
    monkeypatch.chdir(repo.path / "pkg")
    cs, _ = collect(None)
    assert cs.repo_root == str(repo.path.resolve()) and [fc.path for fc in cs.files] == ["pkg/a.py"]


def test_contents_pickle_and_close(forked):
    cs, contents = collect(str(forked.path))
    app = by_path(cs)["app.py"]
    assert contents.old(app) == BODY.encode()
    clone = pickle.loads(pickle.dumps(contents))
    assert clone.old(app) == BODY.encode() and clone.new(app) == contents.new(app)
    with clone:
        pass
    contents.close()
    assert contents.old(app) == BODY.encode()          # reopens lazily
    contents.close()


def test_symlinks_are_not_followed_out_of_the_repository(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("SECRET\n")
    repo.write("a.py", "a\n")
    repo.commit()
    os.symlink(outside, repo.path / "escape")
    os.symlink(outside / "secret.py", repo.path / "leak.py")
    cs, contents = collect(str(repo.path))
    # A linked directory is one symlink entry; git never descends into it.
    assert [fc.path for fc in cs.files] == ["escape", "leak.py"]
    assert all(fc.symlink and contents.new(fc) is None for fc in cs.files)
    assert read_entry(str(repo.path), "escape/secret.py") is None
    assert read_entry(str(repo.path), "leak.py").kind == "symlink"


def test_changed_during_scan_is_reported(repo):
    repo.write("a.py", "a\n")
    repo.commit()
    repo.write("a.py", "b\n")
    cs, contents = collect(str(repo.path))
    repo.write("a.py", "c\n")
    with pytest.raises(GitError, match="modified during the scan"):
        contents.new(cs.files[0])


# -- errors ---------------------------------------------------------------------------------

def test_not_a_git_repository(tmp_path):
    with pytest.raises(GitError) as err:
        collect(str(tmp_path))
    assert err.value.title == "not a git repository"
    assert "\n" not in err.value.one_line()


def test_unknown_revision_is_named(forked):
    with pytest.raises(GitError, match="unknown revision 'no-such-branch'"):
        collect(str(forked.path), base="no-such-branch", head="feature")
    with pytest.raises(GitError, match="unknown revision '--output=x'"):
        collect(str(forked.path), head="--output=x")


def test_no_default_branch_asks_for_base(repo):
    repo.git("checkout", "-q", "-b", "trunk")
    repo.write("a.py", "a\n")
    repo.commit()
    with pytest.raises(UsageError, match="no default branch") as err:
        collect(str(repo.path))
    assert "--base" in err.value.hint


def test_shallow_clone_without_the_base(forked, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch",
                    f"file://{forked.path}", str(clone)], check=True)
    with pytest.raises(GitError, match="shallow") as err:
        collect(str(clone), base="origin/main")
    assert "git fetch --deepen" in err.value.hint and "--unshallow" in err.value.hint
    with pytest.raises(GitError, match="unknown revision") as err:
        collect(str(clone), base=forked.fork, head="HEAD")
    assert "--unshallow" in err.value.hint


def test_bad_option_combinations(repo):
    with pytest.raises(UsageError):
        collect(str(repo.path), patch_text=b"", base="main")
    with pytest.raises(UsageError):
        collect(str(repo.path), staged=True, head="main")


# -- patches in and out of a repository -----------------------------------------------------

def test_patch_uses_the_work_tree_when_already_applied(forked):
    forked.git("add", "-A")
    text = forked.git("diff", "--cached", "HEAD").encode()
    cs, contents = collect(str(forked.path), patch_text=text)
    files = by_path(cs)
    assert cs.mode == "patch" and cs.base is None and set(files) == {"staged.py", "app.py", "untracked.py"}
    app = files["app.py"]
    assert contents.new(app) == (forked.path / "app.py").read_bytes()
    assert contents.old(app) == BODY.encode() and app.old_blob == forked.rev("HEAD:app.py")
    assert app.new_blob == blob_id(contents.new(app))


def test_patch_not_applied_is_applied_to_the_old_blob(forked, tmp_path):
    forked.write("café.py", BODY)
    forked.commit("add")
    forked.write("café.py", BODY.replace("line 7\n", "seven\n"))
    text = forked.git("-c", "core.quotePath=true", "diff").encode()
    assert b'"a/caf\\303\\251.py"' in text
    forked.git("checkout", "--", ".")                           # the patch is now not applied
    patch_file = tmp_path / "change.diff"
    patch_file.write_bytes(text)
    cs, contents = collect(str(forked.path), patch=str(patch_file))
    (fc,) = cs.files
    assert fc.path == "café.py" and fc.hunks[0].removed == ("line 7",)
    assert contents.new(fc) == BODY.replace("line 7\n", "seven\n").encode()
    assert cs.description == f"patch {patch_file} (1 file)"


def test_patch_outside_a_repository(tmp_path):
    work = tmp_path / "plain"
    work.mkdir()
    (work / "conf.py").write_text("DEBUG = False\nPORT = 80\n")
    text = (b"--- conf.py.orig\t2024-01-01 10:00:00\n+++ conf.py\t2024-01-02 10:00:00\n"
            b"@@ -1,2 +1,2 @@\n-DEBUG = False\n+DEBUG = True\n PORT = 80\n")
    cs, contents = collect(str(work), patch_text=text)
    (fc,) = cs.files
    assert cs.repo_root == "" and fc.path == "conf.py" and fc.status == MODIFIED
    assert contents.old(fc) == b"DEBUG = False\nPORT = 80\n"
    assert contents.new(fc) == b"DEBUG = True\nPORT = 80\n"


# -- safety ---------------------------------------------------------------------------------

def _evil_repo(repo, tmp_path: Path) -> Path:
    marker = tmp_path / "PWNED"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\necho \"$0 $*\" >> '{marker}'\ncat\n")
    script.chmod(0o755)
    repo.write(".gitattributes", "* diff=x filter=x\n*.py filter=y\n")
    repo.write("a.py", BODY)
    repo.write("b.txt", "text\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("a.py", BODY + "more\n")
    repo.commit("feature")
    repo.write("b.txt", "staged text\n")
    repo.git("add", "b.txt")
    hooks = repo.path / ".git" / "hooks"
    for name in ("post-checkout", "post-index-change", "pre-commit", "reference-transaction",
                 "post-rewrite", "fsmonitor-watchman"):
        (hooks / name).write_text(f"#!/bin/sh\necho {name} >> '{marker}'\n")
        (hooks / name).chmod(0o755)
    with open(repo.path / ".git" / "config", "a") as cfg:
        cfg.write(f"""
[core]
\tfsmonitor = {script}
\tpager = {script}
\tsshCommand = {script}
\thooksPath = {hooks}
\tuntrackedCache = true
[diff]
\texternal = {script}
[diff "x"]
\ttextconv = {script}
\tcommand = {script}
[filter "x"]
\tclean = {script}
\tsmudge = {script}
\trequired = true
[filter "y"]
\tprocess = {script}
[pager]
\tdiff = {script}
[gpg]
\tprogram = {script}
[credential]
\thelper = {script}
[protocol "ext"]
\tallow = always
""")
    # Unstaged, untracked and "racily clean" edits: all make git want to re-read content.
    repo.write("a.py", BODY + "more\nand more\n")
    repo.write("b.txt", "text changed\n")
    repo.write("new.py", "new\n")
    return marker


def test_nothing_configured_by_the_repository_runs(repo, tmp_path):
    marker = _evil_repo(repo, tmp_path)
    results = [collect(str(repo.path)), collect(str(repo.path), base="main"),
               collect(str(repo.path), staged=True), collect(str(repo.path), base="main", head="feature"),
               collect(str(repo.path), all_files=True), collect(str(repo.path), all_files=True, head="HEAD")]
    for cs, contents in results:
        assert cs.files
        for fc in cs.files:
            contents.old(fc)
            contents.new(fc)
        contents.close()
    assert not marker.exists(), marker.read_text()
    # The trap is real: ordinary git commands do run the repository's programs.
    subprocess.run(["git", "diff", "main"], cwd=repo.path, capture_output=True)
    subprocess.run(["git", "status"], cwd=repo.path, capture_output=True)
    assert marker.exists()


def test_lazy_fetch_of_a_missing_object_cannot_run_a_transport(repo, tmp_path):
    marker = tmp_path / "PWNED"
    repo.write("a.py", "secret\n")
    repo.commit("base")
    repo.write("a.py", "changed\n")
    blob = repo.rev("HEAD:a.py")
    repo.git("config", "core.repositoryformatversion", "1")
    repo.git("config", "extensions.partialClone", "origin")
    repo.git("config", "remote.origin.url", f"ext::sh -c touch% {marker}")
    repo.git("config", "remote.origin.promisor", "true")
    repo.git("config", "protocol.ext.allow", "always")
    cs, contents = collect(str(repo.path))
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    with pytest.raises(GitError, match="missing"):
        contents.old(cs.files[0])
    assert not marker.exists()


def test_work_tree_configured_elsewhere_is_refused(repo, tmp_path):
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    (elsewhere / "id_rsa").write_text("PRIVATE\n")
    repo.git("config", "core.worktree", str(elsewhere))
    with pytest.raises(GitError, match="work tree lies outside"):
        collect(str(repo.path), all_files=True)


def _state(root: Path) -> dict[str, tuple[int, bytes]]:
    state = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = Path(dirpath, name)
            st = path.lstat()
            data = os.readlink(path).encode() if stat.S_ISLNK(st.st_mode) else path.read_bytes()
            state[str(path.relative_to(root))] = (st.st_mtime_ns, data)
    return state


def test_work_tree_and_git_directory_are_untouched(forked):
    os.utime(forked.path / ".git" / "index", (1, 1))           # stale stamp: a refresh would rewrite it
    (forked.path / "keep.py").touch()                          # stat-dirty but unchanged
    before = _state(forked.path)
    for kwargs in ({}, {"staged": True}, {"all_files": True}, {"base": "main", "head": "feature"}):
        cs, contents = collect(str(forked.path), **kwargs)
        for fc in cs.files:
            contents.old(fc)
            contents.new(fc)
        contents.close()
    assert _state(forked.path) == before
    cs, _ = collect(str(forked.path))
    assert "keep.py" not in by_path(cs)
