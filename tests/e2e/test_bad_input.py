"""Bad input: a clear one-line message and exit 2, or a warning and the rest
scanned, never a traceback."""
from __future__ import annotations

import subprocess

from conftest import GIT_ENV, GitRepo, run_prescan, scan_json

VULN = "import subprocess\nsubprocess.run(cmd, shell=True)\n"


def one_line_error(proc) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("prescan: error:")
    return lines[0]


def test_not_a_git_repository(tmp_path):
    msg = one_line_error(run_prescan("scan", cwd=tmp_path))
    assert "not a git repository" in msg.lower()


def test_unknown_revision(repo: GitRepo):
    repo.commit("base", {"a.py": "x = 1\n"})
    msg = one_line_error(run_prescan("scan", "--base", "no-such-branch", "--head", "HEAD", cwd=repo.root))
    assert "no-such-branch" in msg


def test_shallow_clone_lacking_the_base(repo: GitRepo, tmp_path):
    first = repo.commit("one", {"a.py": "x = 1\n"})
    repo.commit("two", {"a.py": "x = 2\n"})
    repo.commit("three", {"a.py": "x = 3\n"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True,
                   env={**GIT_ENV, "PATH": "/usr/bin:/bin"})
    msg = one_line_error(run_prescan("scan", "--base", first, "--head", "HEAD", cwd=clone))
    assert "fetch" in msg.lower()


def test_binary_invalid_utf8_and_unparsable_files_are_reported_and_the_rest_scanned(repo: GitRepo):
    base = repo.commit("base", {"ok.py": "x = 1\n"})
    head = repo.commit("add", {
        "blob.py": b"\x00\x01\x02binary\x00" * 100,
        "latin.py": b"# caf\xe9\nimport subprocess\nsubprocess.run(cmd, shell=True)\n",
        "broken.py": "def f(:\n    pass\n\nimport subprocess\nsubprocess.run(cmd, shell=True)\n",
        "good.py": VULN,
    })
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root)
    assert code == 1
    assert [(f["path"], f["start_line"]) for f in doc["findings"]] == \
        [("broken.py", 5), ("good.py", 2), ("latin.py", 3)]
    kinds = {(w["path"], w["kind"]) for w in doc["warnings"]}
    assert ("blob.py", "binary") in kinds
    assert ("broken.py", "syntax") in kinds


def test_large_source_file_is_scanned_without_crashing(repo: GitRepo):
    base = repo.commit("base", {"ok.py": "x = 1\n"})
    # a generated data module: one huge literal, then real code
    big = "TABLE = [\n" + ("    0x1f2e3d4c, 0x5b6a7988, 0x0a1b2c3d, 0x4e5f6a7b, 0x12345678, 0x9abcdef0,\n" * 300_000) \
        + "]\n" + VULN
    assert len(big) > 20 * 1024 * 1024
    head = repo.commit("big", {"gen/big.py": big})
    # parsing 20 MB takes a few seconds; a loaded CI machine must not hit the per-file timeout
    code, doc = scan_json("--base", base, "--head", head, cwd=repo.root, env={"PRESCAN_PARSE_TIMEOUT": "120"})
    assert code == 1
    assert [(f["path"], f["start_line"]) for f in doc["findings"]] == [("gen/big.py", 300_004)]
    # with a lower limit it is skipped with a warning naming the file, not silently
    code, doc = scan_json("--base", base, "--head", head, "--max-file-size", "5", cwd=repo.root)
    assert code == 0 and doc["findings"] == []
    assert [(w["path"], w["kind"]) for w in doc["warnings"]] == [("gen/big.py", "too-large")]


def test_empty_change(repo: GitRepo):
    repo.commit("base", {"a.py": VULN})
    code, doc = scan_json(cwd=repo.root)
    assert code == 0 and doc["findings"] == [] and doc["change"]["files"] == 0
    proc = run_prescan("scan", cwd=repo.root)
    assert proc.returncode == 0 and "0 new findings" in proc.stdout.decode()


def test_malformed_patch(repo: GitRepo, tmp_path):
    repo.commit("base", {"a.py": "x = 1\n"})
    bad = tmp_path / "bad.diff"
    bad.write_text("diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,5 +1,5 @@\n-x = 1\n+x = 2\n")
    msg = one_line_error(run_prescan("scan", "--patch", str(bad), cwd=repo.root))
    assert "bad.diff" in msg and (":4" in msg or "line 4" in msg)


def test_bad_options_and_missing_files(repo: GitRepo, tmp_path):
    repo.commit("base", {"a.py": "x = 1\n"})
    assert "cannot be combined" in one_line_error(run_prescan("scan", "--staged", "--all", cwd=repo.root))
    assert "not found" in one_line_error(run_prescan("scan", "--patch", str(tmp_path / "nope.diff"), cwd=repo.root))
    bad_rules = tmp_path / "r"
    bad_rules.mkdir()
    (bad_rules / "bad-rule.yml").write_text("id: bad-rule\nlanguages: [python]\nseverity: high\n")
    msg = one_line_error(run_prescan("scan", "--rules", str(bad_rules), cwd=repo.root))
    assert "bad-rule.yml" in msg and "missing required key" in msg


def test_version_names_the_backend():
    proc = run_prescan("--version")
    assert proc.returncode == 0
    assert "native backend: cython" in proc.stdout.decode()
    proc = run_prescan("--version", env={"PRESCAN_PURE": "1"})
    assert "native backend: python" in proc.stdout.decode()


def test_rules_test_command_on_a_user_directory(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "no-eval.yml").write_text("id: no-eval\nlanguages: [python]\nseverity: high\nconfidence: high\n"
                                   "cwe: [CWE-95]\nmessage: eval of $X\nwhy: code\nfix: parse\npattern: eval($X)\n")
    (d / "no-eval.py").write_text("# ruleid: no-eval\neval(x)\n# ok: no-eval\nliteral_eval(x)\n")
    proc = run_prescan("rules", "test", str(d))
    assert proc.returncode == 0 and "1 passed, 0 failed" in proc.stdout.decode()
    (d / "no-eval.py").write_text("# ok: no-eval\neval(x)\n# ruleid: no-eval\nliteral_eval(x)\n")
    proc = run_prescan("rules", "test", str(d))
    out = proc.stdout.decode()
    assert proc.returncode == 1 and "missed" in out and "unexpected" in out and "0 passed, 1 failed" in out
