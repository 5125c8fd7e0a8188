"""`prescan bench` on a small folder through the real CLI, and the plain-folder
input it relies on (a tree git does not track)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import GitRepo
from prescan.change import collect
from prescan.change.model import Hunk
from prescan.change.tree import collect_directory
from prescan.errors import GitError

PY = textwrap.dedent('''\
    import subprocess


    def thumbnail(src):
        cmd = "convert " + src + " thumb.png"
        subprocess.run(cmd, shell=True)
        return "thumb.png"


    def health():
        status = "ok"
        detail = "all good"
        return status, detail
    ''')

JS = textwrap.dedent('''\
    function render(input) {
      const text = String(input);
      const out = text.trim();
      return eval(out);
    }

    function size(list) {
      const n = list.length;
      const half = n / 2;
      return half;
    }
    ''')


def make_folder(root):
    for i in range(3):
        (root / "pkg").mkdir(parents=True, exist_ok=True)
        (root / "pkg" / f"mod{i}.py").write_text(PY.replace("thumbnail", f"thumbnail{i}"))
    for i in range(2):
        (root / "web").mkdir(exist_ok=True)
        (root / "web" / f"app{i}.js").write_text(JS)
    (root / "README").write_text("not code\n")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "mod0.cpython-311.pyc").write_bytes(b"\0\0compiled")
    (root / "node_modules" / "dep").mkdir(parents=True)
    (root / "node_modules" / "dep" / "index.js").write_text(JS)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    os.symlink("pkg/mod0.py", root / "link.py")
    os.symlink("pkg", root / "linkdir")
    return root


def test_bench_json_on_a_plain_folder(tmp_path):
    corpus = make_folder(tmp_path / "corpus")
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    proc = subprocess.run([sys.executable, "-m", "prescan", "bench", str(corpus), "--repeat", "1",
                           "--format", "json"], cwd=tmp_path, capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""          # progress only on a terminal
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "prescan-bench" and doc["schema_version"] == 1
    # the README is scanned too (for secrets); the image, node_modules and symlinks are not
    assert doc["corpus"]["files"] == 6 and doc["corpus"]["lines"] == 3 * 13 + 2 * 11 + 1
    fs = doc["full_scan"]
    assert set(fs["stages_s"]) == {"change", "parse", "analyze", "scan_wall", "report"}
    assert all(v >= 0 for v in fs["stages_s"].values())
    for key in ("files_per_s", "lines_per_s", "mb_per_s"):
        assert fs["throughput"][key] > 0 and fs["throughput_per_core"][key] > 0
    assert fs["workers"] == 1 and len(fs["runs_total_s"]) == 1 and fs["findings"] >= 1
    assert doc["rules"]["count"] > 0 and doc["prescan"]["native_backend"]
    assert doc["memory"]["peak_rss_mb"] > 0
    diff = doc["diff_scan"]
    assert diff["best_s"] > 0 and diff["vs_full_scan"] > 0
    assert diff["files_changed"] == 5 and diff["repo_files"] == 6 and diff["lines_added"] > 0
    assert diff["versions_scanned"] == 10


def test_collect_directory_lists_regular_files_only(tmp_path):
    root = make_folder(tmp_path / "tree")
    cs, contents = collect_directory(str(root))
    paths = [fc.path for fc in cs.files]
    assert paths == ["README", "logo.png", "pkg/mod0.py", "pkg/mod1.py", "pkg/mod2.py",
                     "web/app0.js", "web/app1.js"]
    assert cs.mode == "all" and cs.base is None and cs.head is None
    by_path = {fc.path: fc for fc in cs.files}
    assert all(fc.status == "added" and fc.old_path is None for fc in cs.files)
    assert by_path["pkg/mod0.py"].hunks == (Hunk(0, 0, 1, 13),)
    assert by_path["logo.png"].binary and by_path["logo.png"].hunks == ()
    assert contents.old(by_path["pkg/mod0.py"]) is None
    assert contents.new(by_path["web/app0.js"]) == JS.encode()
    contents.close()
    cs, _ = collect_directory(str(root), exclude=("node_modules", "web", "*.png"))
    assert [fc.path for fc in cs.files] == ["README", "__pycache__/mod0.cpython-311.pyc", "pkg/mod0.py",
                                            "pkg/mod1.py", "pkg/mod2.py"]


def test_collect_falls_back_only_for_whole_tree_scans(tmp_path):
    root = make_folder(tmp_path / "tree")
    cs, _ = collect(str(root), all_files=True)
    assert len(cs.files) == 7 and "not a git work tree" in cs.description
    for kwargs in ({}, {"staged": True}, {"head": "HEAD"}, {"all_files": True, "head": "HEAD"}):
        with pytest.raises(GitError, match="not a git repository"):
            collect(str(root), **kwargs)


def test_a_folder_git_ignores_is_scanned_from_disk(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("init", {".gitignore": "/versions\n", "tool.py": PY})
    make_folder(repo.root / "versions" / "lib")
    cs, _ = collect(str(repo.root / "versions" / "lib"), all_files=True)
    assert "pkg/mod0.py" in [fc.path for fc in cs.files] and "tool.py" not in [fc.path for fc in cs.files]
    cs, _ = collect(str(repo.root), all_files=True)
    assert [fc.path for fc in cs.files] == [".gitignore", "tool.py"]
