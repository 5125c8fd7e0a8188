"""The result store end to end: releases of a real repository recorded by the
real CLI, diffed, listed, used as a baseline; the blob cache's counters; a
writer killed mid-write; damaged files."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jsonschema
import pytest

from conftest import GIT_ENV, GitRepo, run_prescan

SARIF_SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())

RULES = {
    "shell-call": ("high", "subprocess.$F($CMD, ..., shell=True, ...)"),
    "eval-call": ("critical", "eval($X)"),
    "pickle-loads": ("medium", "pickle.loads($X)"),
}

V1 = {
    "app.py": textwrap.dedent('''\
        import subprocess


        def thumbnail(src):
            subprocess.run("convert " + src + " thumb.png", shell=True)
            return "thumb.png"


        def calc(expr):
            return eval(expr)
        '''),
    "jobs.py": textwrap.dedent('''\
        import subprocess


        def backup(path):
            subprocess.call("tar czf backup.tgz " + path, shell=True)
        '''),
}

# v2: thumbnail moves to images.py and is renamed, its command changes a
# little; eval is fixed; pickle.loads is added; jobs.py moves to tasks/jobs.py
V2 = {
    "app.py": textwrap.dedent('''\
        import pickle
        from images import make_thumbnail


        def calc(expr):
            return int(expr)


        def load(blob):
            return pickle.loads(blob)
        '''),
    "images.py": textwrap.dedent('''\
        import subprocess

        # thumbnails for the gallery


        def make_thumbnail(source):
            subprocess.run("convert " + source + " thumb.png", shell=True)
            return "thumb.png"
        '''),
    "tasks/jobs.py": V1["jobs.py"],
}


def rules_dir(root: Path) -> Path:
    d = root / "store-rules"
    d.mkdir(exist_ok=True)
    for rid, (sev, pattern) in RULES.items():
        (d / f"{rid}.yml").write_text(f"id: {rid}\nlanguages: [python]\nseverity: {sev}\nconfidence: high\n"
                                      f"cwe: [CWE-94]\nmessage: {rid} of $X\nwhy: it is risky\nfix: do not\n"
                                      f"pattern: {pattern}\n")
    return d


def prescan(repo: GitRepo, *args: str, env: dict | None = None):
    rules = ("--no-builtin-rules", "--rules", str(rules_dir(repo.root.parent))) if args[0] == "scan" else ()
    return run_prescan(*args, *rules, cwd=repo.root, env=env)


@pytest.fixture
def releases(repo: GitRepo) -> GitRepo:
    repo.commit("v1", V1)
    repo.git("tag", "v1")
    repo.commit("v2", V2, delete=("jobs.py",))
    repo.git("tag", "v2")
    for tag in ("v1", "v2"):
        proc = prescan(repo, "scan", "--release", tag, "--head", tag, "--fail-on", "never", "-q")
        assert proc.returncode == 0, proc.stderr.decode()
    return repo


def history(repo: GitRepo) -> list[dict]:
    proc = prescan(repo, "history", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)["scans"]


def test_diff_of_two_releases_of_real_edits(releases: GitRepo):
    proc = prescan(releases, "diff", "v1", "v2", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "prescan-diff"
    got = {k: [(f["rule_id"], f["path"], f["start_line"]) for f in v]
           for k, v in doc["findings"].items() if k != "persisting_moved"}
    assert got == {"new": [("pickle-loads", "app.py", 10)], "fixed": [("eval-call", "app.py", 10)]}
    moved = doc["findings"]["persisting_moved"]
    assert [(m["old"]["path"], m["old"]["unit"], m["new"]["path"], m["new"]["unit"]) for m in moved] == \
        [("app.py", "thumbnail", "images.py", "make_thumbnail")]
    # jobs.py -> tasks/jobs.py: same fingerprint, a plain persisting finding
    assert doc["summary"] == {"new": {"critical": 0, "high": 0, "medium": 1, "low": 0, "info": 0},
                              "new_total": 1, "fixed": 1, "persisting": 2, "persisting_moved": 1}
    assert doc["old_scan"]["release"] == "v1" and doc["new_scan"]["head_commit"] == releases.git("rev-parse", "v2")

    text = prescan(releases, "diff", "v1", "v2").stdout.decode()
    assert "New (1):\n  app.py:10  medium   pickle-loads" in text
    assert "Fixed (1):\n  app.py:10  critical eval-call" in text
    assert "app.py:5 -> images.py:7  shell-call" in text
    assert text.rstrip().endswith("1 new (1 medium), 1 fixed, 2 persisting (1 moved and changed).")

    sarif = json.loads(prescan(releases, "diff", "v1", "v2", "--format", "sarif").stdout)
    jsonschema.validate(sarif, SARIF_SCHEMA, cls=jsonschema.Draft7Validator)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["pickle-loads"]

    listed = json.loads(prescan(releases, "diff", "v1", "v2", "--format", "json", "--persisting").stdout)
    assert [(f["path"], f["status"]) for f in listed["findings"]["persisting"]] == [("tasks/jobs.py", "unchanged")]
    assert "persisting" not in doc["findings"]
    assert "Persisting (1):\n  tasks/jobs.py:5  high     shell-call" in \
        prescan(releases, "diff", "v1", "v2", "--persisting").stdout.decode()

    gate = prescan(releases, "diff", "v1", "v2", "--fail-on", "medium")
    assert gate.returncode == 1
    no_moved = json.loads(prescan(releases, "diff", "v1", "v2", "--format", "json", "--no-moved").stdout)
    assert no_moved["summary"]["new_total"] == 2 and no_moved["summary"]["persisting_moved"] == 0


def test_history_lists_scans_with_counts(releases: GitRepo):
    scans = history(releases)
    assert [(s["release"], s["kind"], s["findings"], s["critical"], s["high"], s["medium"]) for s in scans] == \
        [("v1", "full", 3, 1, 2, 0), ("v2", "full", 3, 0, 2, 1)]
    s = scans[1]
    assert s["head_commit"] == releases.git("rev-parse", "v2") and s["schema_version"] == 1
    assert s["ruleset_hash"] and s["prescan_version"] and s["repository"] == str(releases.root.resolve())
    assert {"change", "scan", "total"} <= set(s["timings"]) and s["ended_at"] >= s["started_at"]
    assert s["model_input_tokens"] == 0
    text = prescan(releases, "history").stdout.decode().splitlines()
    assert text[0].split()[:4] == ["scan", "id", "started", "(UTC)"]
    assert text[1].split()[3:7] == ["v1", "full", releases.git("rev-parse", "v1")[:7], "3"]


def test_the_blob_cache_spares_unchanged_files(releases: GitRepo):
    counters = [s["counters"] for s in history(releases)]
    # v2 after v1 analyzes its changed files only: app.py, images.py, and tasks/jobs.py (the same
    # blob as v1's jobs.py, but findings name their path, so a renamed file is analyzed again)
    assert counters[0]["versions_analyzed"] == 2
    assert counters[1]["versions_analyzed"] == 3 and counters[1]["cache_units_misses"] == 3
    # a second scan of the same tree parses nothing
    proc = prescan(releases, "scan", "--all", "--head", "v2", "--fail-on", "never", "-q")
    assert proc.returncode == 0
    last = history(releases)[-1]
    assert last["counters"]["versions_analyzed"] == 0 and last["counters"]["cache_units_hits"] == 3
    assert (last["findings"], last["high"], last["medium"]) == (3, 2, 1)


def test_a_release_after_the_previous_one_analyzes_only_changed_files(repo: GitRepo):
    files = {f"pkg/m{i}.py": f"import subprocess\n\ndef f{i}(c):\n    subprocess.run(c + '{i}', shell=True)\n"
             for i in range(12)}
    repo.commit("r1", files)
    assert prescan(repo, "scan", "--release", "r1", "-q", "--fail-on", "never").returncode == 0
    repo.commit("r2", {"pkg/m3.py": files["pkg/m3.py"] + "\n\ndef g(x):\n    return eval(x)\n",
                       "pkg/new.py": "x = 1\n"})
    assert prescan(repo, "scan", "--release", "r2", "-q", "--fail-on", "never").returncode == 0
    r1, r2 = history(repo)
    assert r1["counters"]["versions_analyzed"] == 12
    assert r2["counters"]["versions_analyzed"] == 2 and r2["counters"]["cache_units_hits"] == 11
    assert (r2["findings"], r2["critical"]) == (13, 1)


def test_baseline_reports_only_what_is_new_against_the_release(releases: GitRepo):
    releases.write("app.py", V2["app.py"] + "\n\ndef run(c):\n    return eval(c)\n")
    proc = prescan(releases, "scan", "--all", "--baseline", "v2", "--format", "json")
    assert proc.returncode == 1, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert [(f["rule_id"], f["start_line"], f["status"]) for f in doc["findings"]] == [("eval-call", 14, "new")]
    assert doc["fixed"] == []
    assert doc["stats"]["baseline"] == "v2" and doc["stats"]["baseline_matched"] == 3
    # against v1 the eval of calc was fixed and pickle.loads is new as well
    doc = json.loads(prescan(releases, "scan", "--all", "--baseline", "v1", "--format", "json").stdout)
    assert sorted(f["rule_id"] for f in doc["findings"]) == ["eval-call", "pickle-loads"]
    assert [(f["rule_id"], f["path"], f["start_line"]) for f in doc["fixed"]] == [("eval-call", "app.py", 10)]
    bad = prescan(releases, "scan", "--baseline", "v7")
    assert bad.returncode == 2 and b"no release or scan named 'v7'" in bad.stderr


def test_store_stays_out_of_git_and_no_store_writes_nothing(repo: GitRepo):
    repo.commit("one", V1)
    assert prescan(repo, "scan", "--fail-on", "never", "-q", "--no-store").returncode == 0
    assert not (repo.root / ".prescan").exists()
    repo.write("app.py", V2["app.py"])
    assert prescan(repo, "scan", "--fail-on", "never", "-q").returncode == 0
    assert (repo.root / ".prescan" / "scans").is_dir()
    assert repo.git("status", "--porcelain") == "M app.py"
    assert [s["kind"] for s in history(repo)] == ["diff"]
    bad = prescan(repo, "scan", "--no-store", "--release", "x")
    assert bad.returncode == 2 and b"--no-store cannot be combined" in bad.stderr


def test_an_explicit_store_and_missing_store_errors(repo: GitRepo, tmp_path):
    repo.commit("one", V1)
    store = tmp_path / "elsewhere"
    assert prescan(repo, "scan", "--release", "v1", "--store", str(store), "-q", "--fail-on", "never").returncode == 0
    assert not (repo.root / ".prescan").exists() and (store / "scans").is_dir()
    proc = run_prescan("history", "--store", str(store), "--format", "json", cwd=tmp_path)
    assert [s["release"] for s in json.loads(proc.stdout)["scans"]] == ["v1"]
    proc = prescan(repo, "history")
    assert proc.returncode == 2 and b"the result store does not exist yet" in proc.stderr
    proc = run_prescan("diff", "a", "b", cwd=tmp_path)
    assert proc.returncode == 2 and b"not inside a git work tree" in proc.stderr


def test_damaged_files_are_named_and_the_rest_stays_usable(releases: GitRepo):
    store = releases.root / ".prescan"
    v2 = history(releases)[1]["scan_id"]
    findings = store / "findings" / f"{v2}.parquet"
    findings.write_bytes(findings.read_bytes()[:200])
    proc = prescan(releases, "diff", "v1", "v2")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert f"findings/{v2}.parquet: cannot read a store file" in err and "Traceback" not in err
    (store / "scans" / "stray.parquet").write_bytes(b"junk")
    proc = prescan(releases, "history", "--format", "json")
    assert proc.returncode == 0
    assert [s["release"] for s in json.loads(proc.stdout)["scans"]] == ["v1", "v2"]
    assert b"scans/stray.parquet: cannot read a store file" in proc.stderr
    assert prescan(releases, "diff", "v1", "v1").returncode == 0


def _scan_in_background(repo: GitRepo, release: str):
    env = {**os.environ, **GIT_ENV, "PRESCAN_TEST_WRITE_DELAY": "3"}
    cmd = [sys.executable, "-m", "prescan", "scan", "--release", release, "--fail-on", "never", "-q",
           "--no-builtin-rules", "--rules", str(rules_dir(repo.root.parent))]
    return subprocess.Popen(cmd, cwd=repo.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(predicate, proc, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.01)
    raise AssertionError("timed out")


@pytest.mark.parametrize("moment", ["findings half written", "findings written, scan not committed"])
def test_a_writer_killed_mid_write_leaves_no_partial_scan(releases: GitRepo, moment):
    store = releases.root / ".prescan"
    before = {s["scan_id"] for s in history(releases)}
    proc = _scan_in_background(releases, "v3")
    finals = lambda: {p.name for p in (store / "findings").glob("*.parquet")} - {f"{i}.parquet" for i in before}
    if moment == "findings half written":
        _wait_for(lambda: any(p.name.endswith(".tmp") for p in (store / "findings").iterdir()), proc)
    else:
        _wait_for(finals, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    leftovers = {p.name for p in (store / "findings").iterdir()}
    if moment == "findings half written":
        assert any(n.endswith(".tmp") for n in leftovers) and not finals()
    else:
        assert finals()          # an orphan: its scan was never committed
    proc = prescan(releases, "history", "--format", "json")
    assert proc.returncode == 0 and proc.stderr == b""
    assert {s["scan_id"] for s in json.loads(proc.stdout)["scans"]} == before
    bad = prescan(releases, "diff", "v1", "v3")
    assert bad.returncode == 2 and b"no release or scan named 'v3'" in bad.stderr
    assert prescan(releases, "diff", "v1", "v2").returncode == 0
    # and the next writer is not disturbed by the remains
    assert prescan(releases, "scan", "--release", "v3", "-q", "--fail-on", "never").returncode == 0
    assert [s["release"] for s in history(releases)] == ["v1", "v2", "v3"]


def test_the_readme_duckdb_query_runs_on_the_store(releases: GitRepo):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    start = readme.index("    import duckdb\n")
    block = textwrap.dedent(readme[start:readme.index(".show()", start) + len(".show()")])
    code = block.replace("duckdb.sql(", "print(duckdb.sql(").replace(".show()", ".fetchall())")
    proc = subprocess.run([sys.executable, "-c", code], cwd=releases.root, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    import ast
    assert ast.literal_eval(proc.stdout.strip()) == [("v1", "critical", 1), ("v1", "high", 2),
                                                    ("v2", "high", 2), ("v2", "medium", 1)]


def test_polars_reads_the_store_as_it_is(releases: GitRepo):
    import polars as pl
    store = releases.root / ".prescan"
    scans = pl.read_parquet(store / "scans" / "*.parquet")
    assert sorted(scans["release"].to_list()) == ["v1", "v2"]
    findings = pl.scan_parquet(store / "findings" / "*.parquet").filter(pl.col("rule_id") == "shell-call")
    assert findings.select(pl.len()).collect().item() == 4


def _report(repo: GitRepo, *args: str) -> dict:
    proc = prescan(repo, "scan", "--format", "json", "--fail-on", "never", *args)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    for key in ("timings", "stats"):
        doc.pop(key)
    return doc


def test_cached_results_are_the_results(repo: GitRepo):
    """Scans served from the cache report what scans without it do, syntax
    warnings included: a broken file first analyzed as a base version (no
    warning) warns when a later scan has it as the head."""
    broken = "import subprocess\n\ndef f(c:\n    subprocess.run(c, shell=True)\n"
    first = repo.commit("v1", {**V1, "broken.py": broken})
    repo.git("checkout", "-q", "-b", "fix")
    repo.commit("fix", {"broken.py": broken.replace("def f(c:", "def f(c):")})
    repo.git("checkout", "-q", "main")
    repo.commit("v2", V2, delete=("jobs.py",))
    # the fix branch has the broken version as its base side
    assert prescan(repo, "scan", "--base", "main", "--head", "fix", "-q", "--fail-on", "never").returncode == 0
    tree = _report(repo, "--all", "--head", first)
    assert ("broken.py", "syntax") in {(w["path"], w["kind"]) for w in tree["warnings"]}
    assert history(repo)[-1]["counters"]["cache_units_hits"] >= 1       # broken.py came from the cache
    assert tree == _report(repo, "--all", "--head", first, "--no-store")
    # a diff scan: cold (no store), then filling the cache, then all from the cache
    cold = _report(repo, "--base", first, "--head", "main", "--no-store")
    assert cold == _report(repo, "--base", first, "--head", "main") == \
        _report(repo, "--base", first, "--head", "main")
    assert history(repo)[-1]["counters"]["versions_analyzed"] == 0
