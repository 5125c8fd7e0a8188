"""docs/policy.md stays true: its commands run as shown in a real repository,
its TOML examples are valid policies without a single warning, and its
suppression example suppresses."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GIT_ENV, GitRepo
from prescan.cli.auditopts import policy_audit
from prescan.policy import suppress
from prescan.policy.config import parse_policy

DOC = Path(__file__).resolve().parents[2] / "docs" / "policy.md"


def commands() -> list[str]:
    return [ln.strip().split("  #")[0].strip() for ln in DOC.read_text().splitlines()
            if ln.startswith("    ") and re.match(r"^prescan ", ln.strip())]


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(), re.S)


def test_the_page_shows_commands_and_examples():
    assert len(commands()) >= 6 and len(blocks("toml")) == 3 and len(blocks("python")) == 1


@pytest.mark.parametrize("command", commands())
def test_command_runs(command, tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("base", {"app.py": "x = 1\n", "ci/prescan.toml": 'fail-on = "medium"\n',
                         ".prescan.toml": blocks("toml")[0]})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("change", {"app.py": "import subprocess\nsubprocess.run(c, shell=True)\n"})
    # the example policy names release v1.3 as its baseline: record it (a missing one is an error)
    subprocess.run([sys.executable, "-m", "prescan", "scan", "--release", "v1.3", "--head", "main", "-q"],
                   cwd=repo.root, check=True, capture_output=True, timeout=120, env={**os.environ, **GIT_ENV})
    proc = subprocess.run(["bash", "-c", command.replace("prescan ", f"{sys.executable} -m prescan ", 1)],
                          cwd=repo.root, capture_output=True, timeout=120, env={**os.environ, **GIT_ENV})
    assert proc.returncode in (0, 1), (command, proc.stderr.decode())
    assert b"Traceback" not in proc.stderr and b"warning" not in proc.stdout


def test_toml_examples_are_valid_policies():
    policy, warnings = parse_policy(blocks("toml")[0], ".prescan.toml")
    assert warnings == [] and policy.paths[0].severity_offset == -1
    policy, warnings = parse_policy(blocks("toml")[1], ".prescan.toml")
    assert warnings == [] and policy_audit(policy) == {
        "provider": "anthropic:claude-sonnet-4-5", "budget": 200000, "concurrency": 4, "mode": "sync",
        "validator": "ci/check-finding"}
    policy, warnings = parse_policy(blocks("toml")[2], "pyproject.toml", pyproject=True)
    assert warnings == [] and policy.ignore_rules == ("subprocess-shell-true",)


def test_suppression_examples_are_found():
    sups = suppress.find("a.py", blocks("python")[0].encode(), "python")
    assert [(s.covers, s.rules, s.reason) for s in sups] == [
        (2, ("subprocess-shell-true",), "the command is a constant list"),
        (3, ("subprocess-shell-true",), "the command is a constant list")]
