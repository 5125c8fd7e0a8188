"""Every prescan command docs/ci.md shows runs in a real repository with the
CI's variables filled in, and writes a report its consumer accepts; the
pre-commit hook runs as .pre-commit-hooks.yaml declares it."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import GIT_ENV, OWN_RULES, GitRepo

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CI_DOC = ROOT / "docs" / "ci.md"
VULN = "import subprocess\n\ndef run(cmd):\n    subprocess.run(cmd, shell=True)\n"
SAFE = "import subprocess\n\ndef run(cmd):\n    subprocess.run(['ls', cmd])\n"


def yaml_blocks() -> list:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", CI_DOC.read_text(), flags=re.S)]


def doc_commands() -> list[tuple[str, str]]:
    """(ci, command) for each prescan command line in the doc's CI configurations."""
    out = []
    for block in yaml_blocks():
        if isinstance(block, dict) and "jobs" in block:            # GitHub Actions
            for job in block["jobs"].values():
                out += [("github", s["run"]) for s in job["steps"] if str(s.get("run", "")).startswith("prescan ")]
        elif isinstance(block, dict):                                # GitLab CI
            for job in block.values():
                if isinstance(job, dict):
                    out += [("gitlab", c) for c in job.get("script", []) if c.startswith("prescan ")]
    return out


def test_doc_shows_each_ci_and_mentions_fetch_base():
    kinds = [k for k, _ in doc_commands()]
    assert kinds.count("github") == 2 and kinds.count("gitlab") == 2
    assert "--fetch-base" in CI_DOC.read_text()


@pytest.fixture
def pr_checkout(tmp_path) -> Path:
    """A clone of an "origin" with main, on a feature branch that adds a shell=True call."""
    origin = GitRepo(tmp_path / "origin")
    origin.commit("base", {"app/run.py": SAFE, "README": "x\n"})
    clone = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(origin.root), str(clone)], check=True, env={**os.environ, **GIT_ENV})
    work = GitRepo.__new__(GitRepo)
    work.root = clone
    work.git("checkout", "-q", "-b", "feature")
    work.commit("change", {"app/run.py": VULN})
    return clone


def run_doc_command(command: str, cwd: Path) -> subprocess.CompletedProcess:
    # the CI variables, as GitHub and GitLab fill them in for a change against main
    command = command.replace("${{ github.base_ref }}", "main").replace("$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
    argv = shlex.split(command)
    assert argv[0] == "prescan"
    return subprocess.run([sys.executable, "-m", "prescan", *argv[1:], *OWN_RULES], cwd=cwd, capture_output=True,
                          env={**os.environ, **GIT_ENV, "NO_COLOR": "1"}, timeout=300)


@pytest.mark.parametrize("ci, command", doc_commands())
def test_doc_command_runs_and_its_report_is_accepted(ci, command, pr_checkout):
    proc = run_doc_command(command, pr_checkout)
    gated = "--fail-on never" not in command
    assert proc.returncode == (1 if gated else 0), proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    out = re.search(r"-o (\S+)", command)
    if "--format sarif" in command:
        from report.helpers import SARIF_SCHEMA, github_sarif_violations
        text = (pr_checkout / out.group(1)).read_text()
        doc = json.loads(text)
        jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft7Validator)
        assert github_sarif_violations(doc, text) == []
        assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["subprocess-shell-true"]
    elif "--format gitlab" in command:
        doc = json.loads((pr_checkout / out.group(1)).read_text())
        jsonschema.validate(doc, json.loads((DATA / "gitlab-sast-report-format-15.subset.json").read_text()),
                            format_checker=jsonschema.FormatChecker())
        assert [(v["location"]["file"], v["location"]["start_line"]) for v in doc["vulnerabilities"]] == \
            [("app/run.py", 4)]
    elif "--format junit" in command:
        root = ET.parse(pr_checkout / out.group(1)).getroot()
        assert root.get("failures") == "1"
    elif "--format github" in command:
        assert proc.stdout.decode().startswith("::error file=app/run.py,line=4,")
    else:
        pytest.fail(f"no check for {command}")


# --- pre-commit -----------------------------------------------------------

def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    return next(h for h in hooks if h["id"] == "prescan")


def run_hook(repo: GitRepo) -> subprocess.CompletedProcess:
    h = hook()
    argv = shlex.split(h["entry"]) + list(h.get("args", []))
    assert argv[0] == "prescan"
    return subprocess.run([sys.executable, "-m", "prescan", *argv[1:], *OWN_RULES], cwd=repo.root,
                          capture_output=True, env={**os.environ, **GIT_ENV, "NO_COLOR": "1"}, timeout=300)


def test_hook_manifest():
    h = hook()
    assert h["language"] == "python" and h["pass_filenames"] is False
    assert "--staged" in h["entry"].split()


def test_hook_stops_a_commit_that_stages_a_finding(repo: GitRepo):
    repo.commit("base", {"app/run.py": SAFE})
    repo.write("app/run.py", VULN)
    repo.git("add", "app/run.py")
    proc = run_hook(repo)
    assert proc.returncode == 1, proc.stderr.decode()
    assert "subprocess-shell-true" in proc.stdout.decode() and "app/run.py" in proc.stdout.decode()
    assert not (repo.root / ".prescan").exists(), "the hook records nothing"


def test_hook_lets_a_safe_change_through(repo: GitRepo):
    repo.commit("base", {"app/run.py": SAFE})
    repo.write("app/run.py", SAFE + "\n\ndef other():\n    return 1\n")
    repo.write("app/unstaged.py", VULN)            # not staged: not the hook's business
    repo.git("add", "app/run.py")
    proc = run_hook(repo)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


@pytest.mark.slow
def test_pre_commit_runs_the_hook_for_real(repo: GitRepo, tmp_path):
    """pre-commit itself installs prescan from this repository's HEAD (its
    committed manifest) into its own environment and runs the hook."""
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit installs hooks from a commit")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    repo.commit("base", {"app/run.py": SAFE, ".pre-commit-config.yaml": yaml.safe_dump({"repos": [{
        "repo": str(ROOT), "rev": head, "hooks": [{"id": "prescan", "args": ["--fail-on", "low"]}]}]})})
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)     # the hook runs the copy pre-commit installed, nothing else

    def pre_commit() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "prescan"], cwd=repo.root,
                              capture_output=True, text=True, env=env, timeout=900)

    repo.write("app/run.py", VULN)
    repo.git("add", "app/run.py")
    proc = pre_commit()
    assert proc.returncode == 1 and "subprocess-shell-true" in proc.stdout, proc.stdout + proc.stderr
    repo.write("app/run.py", SAFE + "\nX = 1\n")
    repo.git("add", "app/run.py")
    proc = pre_commit()
    assert proc.returncode == 0 and "Passed" in proc.stdout, proc.stdout + proc.stderr
