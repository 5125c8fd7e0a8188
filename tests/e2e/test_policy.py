"""The gate's policy end to end, in real repositories: read from the base, so
a change cannot switch off its own gate; changes to it and suppressions are
reported; bad policy files are one-line errors; shallow clones."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import GIT_ENV, GitRepo, run_prescan, scan_json

VULN = "import subprocess\nsubprocess.run(cmd, shell=True)\n"
SAFE = "x = 1\n"


def feature(repo: GitRepo, base_files: dict, head_files: dict) -> str:
    """main with base_files, then a feature branch adding head_files; returns main's commit."""
    base = repo.commit("base", {"app.py": SAFE, **base_files})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("change", head_files)
    return base


def by_rule(doc: dict, rule_id: str) -> list[dict]:
    return [f for f in doc["findings"] if f["rule_id"] == rule_id]


def test_a_change_that_disables_the_rule_it_trips_still_blocks(repo):
    feature(repo, {}, {".prescan.toml": '[rules]\nignore = ["subprocess-shell-true"]\n', "app.py": VULN})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 1
    [vuln] = by_rule(doc, "subprocess-shell-true")
    assert vuln["blocking"] and vuln["path"] == "app.py"
    [changed] = by_rule(doc, "policy-changed")
    assert (changed["path"], changed["start_line"], changed["severity"], changed["origin"], changed["blocking"]) == \
        (".prescan.toml", 2, "high", "policy", True)
    assert "rule subprocess-shell-true disabled" in changed["message"]
    assert "policy file .prescan.toml added" in changed["message"]


@pytest.mark.parametrize("policy, what, line", [
    ('fail-on = "never"\n', "fail-on lowered from high to never", 2),
    ('ignore = ["app.py"]\n', "app.py ignored (not scanned)", 2),
    ('[[paths]]\nglob = "*.py"\nseverity-offset = -4\n', "settings for *.py: severity-offset 0 -> -4", 3),
])
def test_weakening_the_policy_in_the_change_is_reported_and_not_applied(repo, policy, what, line):
    feature(repo, {".prescan.toml": 'min-confidence = "low"\n'},
            {".prescan.toml": 'min-confidence = "low"\n' + policy, "app.py": VULN})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 1
    assert by_rule(doc, "subprocess-shell-true")[0]["blocking"]
    [changed] = by_rule(doc, "policy-changed")
    assert what in changed["message"] and changed["start_line"] == line and changed["blocking"]


def test_the_base_policy_applies_and_tightening_it_does_not_block(repo):
    feature(repo, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.prescan]\nrules.ignore = ["subprocess-shell-true"]\n'},
            {"app.py": VULN, "pyproject.toml": '[project]\nname = "x"\n\n[tool.prescan]\nfail-on = "medium"\n'
                                               'rules.ignore = ["subprocess-shell-true"]\n'})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 0, doc["findings"]
    assert by_rule(doc, "subprocess-shell-true") == []
    [changed] = by_rule(doc, "policy-changed")
    assert "fail-on raised from high to medium" in changed["message"]
    assert (changed["path"], changed["start_line"], changed["severity"]) == ("pyproject.toml", 5, "info")
    assert doc["stats"]["policy"] == "base:pyproject.toml"
    # a full scan reads the scanned tree's own policy
    code, doc = scan_json("--all", cwd=repo.root)
    assert code == 0 and doc["findings"] == [] and doc["stats"]["policy"] == "pyproject.toml"


def test_removing_the_policy_is_reported(repo):
    feature(repo, {".prescan.toml": 'fail-on = "medium"\n'}, {})
    repo.commit("rm", delete=(".prescan.toml",))
    code, doc = scan_json("--base", "main", cwd=repo.root)
    [changed] = by_rule(doc, "policy-changed")
    assert "policy file .prescan.toml removed: fail-on lowered from medium to high" in changed["message"]
    assert code == 1 and changed["path"] == ".prescan.toml"


def test_added_suppression_with_reason(repo):
    feature(repo, {}, {"app.py": "import subprocess\n# prescan: ignore[subprocess-shell-true] cmd is a constant\n"
                                 "subprocess.run(cmd, shell=True)\n"})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 0
    [vuln] = by_rule(doc, "subprocess-shell-true")
    assert vuln["suppressed"] and vuln["extra"]["suppressed"] == "cmd is a constant" and not vuln["blocking"]
    [added] = by_rule(doc, "suppression-added")
    assert (added["start_line"], added["severity"], added["blocking"]) == (2, "info", False)
    assert "cmd is a constant" in added["message"]
    assert doc["stats"]["suppressed"] == 1
    text = run_prescan("scan", "--base", "main", cwd=repo.root).stdout.decode()
    assert "(suppressed: cmd is a constant)" in text
    sarif = json.loads(run_prescan("scan", "--base", "main", "--format", "sarif", cwd=repo.root).stdout)
    [res] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "subprocess-shell-true"]
    assert res["suppressions"] == [{"kind": "inSource", "justification": "cmd is a constant"}]
    # --no-suppress: shown and gated on
    code, doc = scan_json("--base", "main", "--no-suppress", cwd=repo.root)
    assert code == 1 and not by_rule(doc, "subprocess-shell-true")[0]["suppressed"]
    assert by_rule(doc, "suppression-added") == []


def test_added_suppression_blocks_when_the_base_policy_says_so(repo):
    feature(repo, {".prescan.toml": '[suppressions]\nadded = "block"\n'},
            {"app.py": "import subprocess\nsubprocess.run(cmd, shell=True)  # prescan: ignore[subprocess-shell-true] ok\n"})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 1
    assert by_rule(doc, "subprocess-shell-true")[0]["suppressed"]
    [added] = by_rule(doc, "suppression-added")
    assert added["severity"] == "high" and added["blocking"]


def test_suppression_without_reason_does_not_suppress(repo):
    feature(repo, {}, {"app.py": "import subprocess\nsubprocess.run(cmd, shell=True)  # prescan: ignore[subprocess-shell-true]\n"})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 1
    assert not by_rule(doc, "subprocess-shell-true")[0]["suppressed"]
    [bare] = by_rule(doc, "suppression-without-reason")
    assert bare["start_line"] == 2 and "no reason" in bare["message"]
    assert by_rule(doc, "suppression-added") == []


def test_unused_suppression_is_reported(repo):
    feature(repo, {}, {"app.py": "# prescan: ignore[subprocess-shell-true] legacy\nx = 2\n"})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 0
    [unused] = by_rule(doc, "suppression-unused")
    assert (unused["start_line"], unused["severity"]) == (1, "info")
    code, doc = scan_json("--base", "main", "--no-suppress", cwd=repo.root)
    assert by_rule(doc, "suppression-unused") == []


def test_lower_severity_under_tests(repo):
    feature(repo, {".prescan.toml": '[[paths]]\nglob = "tests/**"\nseverity-offset = -1\n'},
            {"tests/test_app.py": VULN, "tools/run.py": VULN})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 1
    sev = {f["path"]: (f["severity"], f["blocking"]) for f in doc["findings"]}
    assert sev == {"tests/test_app.py": ("medium", False), "tools/run.py": ("high", True)}


def test_per_path_fail_on_and_ignore_rules(repo):
    feature(repo, {".prescan.toml": '[[paths]]\nglob = "scripts/**"\nfail-on = "critical"\n'
                                    '[[paths]]\nglob = "examples/**"\nignore-rules = ["subprocess-*"]\n'},
            {"scripts/a.py": VULN, "examples/b.py": VULN})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 0
    assert [(f["path"], f["blocking"]) for f in doc["findings"]] == [("scripts/a.py", False)]


def test_an_explicit_fail_on_beats_the_file(repo):
    feature(repo, {".prescan.toml": 'fail-on = "never"\n'}, {"app.py": VULN})
    assert scan_json("--base", "main", cwd=repo.root)[0] == 0
    code, doc = scan_json("--base", "main", "--fail-on", "high", cwd=repo.root)
    assert code == 1 and doc["summary"]["fail_on"] == "high"


def test_explicit_policy_file(repo, tmp_path):
    feature(repo, {}, {"app.py": VULN, ".prescan.toml": 'fail-on = "never"\n'})
    own = tmp_path / "ci-policy.toml"
    own.write_text('[rules]\nignore = ["subprocess-shell-true"]\n')
    code, doc = scan_json("--base", "main", "--policy", str(own), cwd=repo.root)
    assert code == 0 and doc["findings"] == []          # the operator's file: no policy-changed either
    proc = run_prescan("scan", "--policy", str(tmp_path / "nope.toml"), cwd=repo.root)
    assert proc.returncode == 2 and "policy file not found" in proc.stderr.decode()


def test_misspelled_key_is_a_warning_with_a_suggestion(repo):
    repo.commit("base", {"app.py": VULN, ".prescan.toml": 'fail-on = "high"\n[rules]\nignroe = ["x"]\n'})
    proc = run_prescan("scan", "--all", cwd=repo.root)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "warning: .prescan.toml:3: unknown key 'rules.ignroe' ignored; did you mean 'rules.ignore'?" in out
    code, doc = scan_json("--all", cwd=repo.root)
    assert [(w["path"], w["line"], w["kind"]) for w in doc["warnings"]] == [(".prescan.toml", 3, "policy")]


def test_both_files_prescan_toml_wins(repo):
    repo.commit("base", {"app.py": VULN, ".prescan.toml": 'fail-on = "never"\n',
                         "pyproject.toml": '[tool.prescan]\nfail-on = "info"\n'})
    code, doc = scan_json("--all", cwd=repo.root)
    assert code == 0
    assert any(w["path"] == "pyproject.toml" and ".prescan.toml wins" in w["message"] for w in doc["warnings"])


@pytest.mark.parametrize("text, where, words", [
    ('fail-on = "hihg"\n', ".prescan.toml:1:", "did you mean 'high'?"),
    ('fail-on = "high"\n[rules\n', ".prescan.toml:2:", "invalid TOML"),
])
def test_bad_policy_is_a_one_line_error(repo, text, where, words):
    repo.commit("base", {"app.py": SAFE, ".prescan.toml": text})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("change", {"app.py": VULN})
    for args in (("--base", "main"), ("--all",)):
        proc = run_prescan("scan", *args, cwd=repo.root)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and "Traceback" not in err, err
        [line] = [ln for ln in err.splitlines() if ln.strip()]
        assert line.startswith(f"prescan: error: {where}") and words in line


def test_a_broken_policy_in_the_change_is_reported_not_fatal(repo):
    feature(repo, {".prescan.toml": 'fail-on = "high"\n'}, {".prescan.toml": 'fail-on = "never\n', "app.py": VULN})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert code == 1
    [changed] = by_rule(doc, "policy-changed")
    assert "cannot be read" in changed["message"] and changed["blocking"]


def test_staged_and_patch_read_the_committed_policy(repo):
    repo.commit("base", {"app.py": SAFE, ".prescan.toml": 'fail-on = "high"\n'})
    repo.write(".prescan.toml", 'fail-on = "never"\n')
    repo.write("app.py", VULN)
    repo.git("add", "-A")
    code, doc = scan_json("--staged", cwd=repo.root)
    assert code == 1 and by_rule(doc, "policy-changed")
    patch = repo.git("diff", "--cached").encode() + b"\n"
    repo.git("reset", "-q", "--hard")
    proc = run_prescan("scan", "--patch", "-", "--format", "json", cwd=repo.root, stdin=patch)
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1 and "fail-on lowered from high to never" in by_rule(doc, "policy-changed")[0]["message"]


def _shallow(tmp_path, repo: GitRepo):
    """A bare "remote" with main (3 commits) and a feature branch, and a CI-style
    `git clone --depth 1` of the feature branch."""
    for i in range(3):
        repo.commit(f"c{i}", {"app.py": f"x = {i}\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("f1", {"tools/a.py": "y = 1\n"})
    repo.commit("f2", {"tools/b.py": VULN})
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.root), str(remote)], check=True,
                   env={**GIT_ENV, "PATH": "/usr/bin:/bin"})
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{remote}", str(clone)],
                   check=True, env={**GIT_ENV, "PATH": "/usr/bin:/bin"})
    return clone


def test_shallow_clone_names_the_missing_revision_and_fetch_base_fixes_it(repo, tmp_path):
    clone = _shallow(tmp_path, repo)
    proc = run_prescan("scan", "--base", "origin/main", cwd=clone)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and len(err.strip().splitlines()) == 1
    assert "origin/main" in err and "--fetch-base" in err and "--unshallow" in err
    code, doc = scan_json("--base", "origin/main", "--fetch-base", cwd=clone)
    assert code == 1
    # the whole change is seen: both feature commits, against the merge-base on main
    assert doc["change"]["files"] == 2
    assert [(f["path"], f["rule_id"]) for f in doc["findings"]] == [("tools/b.py", "subprocess-shell-true")]


def test_fetch_base_of_a_branch_the_clone_lacks_by_its_plain_name(repo, tmp_path):
    clone = _shallow(tmp_path, repo)
    code, doc = scan_json("--base", "main", "--head", "HEAD", "--fetch-base", cwd=clone)
    assert code == 1 and doc["change"]["files"] == 2
    assert doc["change"]["description"].startswith("origin/main...HEAD")


def test_fetch_base_deepens_to_the_merge_base(repo, tmp_path):
    clone = _shallow(tmp_path, repo)
    subprocess.run(["git", "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main"], cwd=clone,
                   check=True, env={**GIT_ENV, "PATH": "/usr/bin:/bin"})
    proc = run_prescan("scan", "--base", "origin/main", cwd=clone)
    assert proc.returncode == 2 and "shallow" in proc.stderr.decode()
    code, doc = scan_json("--base", "origin/main", "--fetch-base", cwd=clone)
    assert code == 1 and doc["change"]["files"] == 2


def test_directives_in_documentation_are_not_suppressions(repo):
    feature(repo, {}, {"README.md": "Example:\n\n    x = 1  # prescan: ignore[subprocess-shell-true] example\n",
                       "conf/app.ini": "[s]\n; prescan: ignore[subprocess-shell-true] not code\nkey = 1\n"})
    code, doc = scan_json("--base", "main", cwd=repo.root)
    assert [(f["path"], f["rule_id"]) for f in doc["findings"]] == [
        ("conf/app.ini", "suppression-added"), ("conf/app.ini", "suppression-unused")]


AUDIT = '[audit]\nprovider = "anthropic"\nmodel = "claude-sonnet-4-5"\n'
NO_KEYS = {"ANTHROPIC_API_KEY": "", "ANTHROPIC_BASE_URL": "", "OPENAI_API_KEY": ""}


def test_the_base_policy_can_turn_the_model_audit_on(repo):
    feature(repo, {".prescan.toml": AUDIT}, {"app.py": VULN})
    proc = run_prescan("scan", "--base", "main", cwd=repo.root, env=NO_KEYS)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "ANTHROPIC_API_KEY" in err and len(err.strip().splitlines()) == 1, err


def test_an_audit_the_change_adds_to_the_policy_is_reported_not_run(repo):
    feature(repo, {}, {".prescan.toml": AUDIT, "app.py": SAFE + "y = 2\n"})
    proc = run_prescan("scan", "--base", "main", "--format", "json", cwd=repo.root, env=NO_KEYS)
    assert proc.returncode == 1, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert "audit" not in doc or not doc["audit"]
    assert [f["path"] for f in by_rule(doc, "policy-changed")] == [".prescan.toml"]


def test_a_policy_names_the_key_variable_and_server_of_the_audit(repo):
    # the address of a (local) model server may come from the base policy; the key is named, never written
    feature(repo, {".prescan.toml": AUDIT + 'base-url = "https://llm.internal.example"\napi-key-env = "TEAM_LLM_KEY"\n'
                                    'budget = "$1"\n'}, {"app.py": VULN})
    proc = run_prescan("scan", "--base", "main", cwd=repo.root, env=NO_KEYS)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "TEAM_LLM_KEY" in err and "ANTHROPIC_API_KEY" not in err, err
