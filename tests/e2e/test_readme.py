"""Every `prescan` command the README shows runs as shown, in a real repository."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GIT_ENV, GitRepo

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_commands() -> list[str]:
    cmds = []
    for line in README.read_text().splitlines():
        if not line.startswith("    "):          # only the indented code blocks
            continue
        line = line.strip()
        if re.match(r"^(git diff \| )?prescan ", line):
            cmds.append(line.split("  #")[0].strip())
    return cmds


def test_readme_shows_commands():
    assert len(readme_commands()) >= 8


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(command, tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("base", {"app.py": "import subprocess\n\ndef f(c):\n    return c\n",
                         "ci/prescan.toml": 'fail-on = "high"\n'})
    repo.git("branch", "v1.2")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("change", {"app.py": "import subprocess\n\ndef f(c):\n    subprocess.run(c, shell=True)\n"})
    repo.write("app.py", "import subprocess\n\ndef f(c):\n    subprocess.run(c, shell=True)\n    return 1\n")
    repo.git("add", "app.py")
    rules = repo.root / "my-rules"
    rules.mkdir()
    (rules / "no-eval.yml").write_text("id: no-eval\nlanguages: [python]\nseverity: high\nconfidence: high\n"
                                       "cwe: [CWE-95]\nmessage: eval of $X\nwhy: code\nfix: parse\npattern: eval($X)\n")
    (rules / "no-eval.py").write_text("# ruleid: no-eval\neval(x)\n# ok: no-eval\nliteral_eval(x)\n")
    if re.search(r"prescan (diff|history)|--baseline", command):
        # commands that read recorded releases: record the two the README names
        for release, head in (("v1.2", "v1.2"), ("v1.3", "HEAD")):
            subprocess.run([sys.executable, "-m", "prescan", "scan", "--release", release, "--head", head, "-q",
                            "--fail-on", "never"], cwd=repo.root, check=True, capture_output=True, timeout=120,
                           env={**os.environ, **GIT_ENV})
    shell = command.replace("prescan ", f"{sys.executable} -m prescan ")
    proc = subprocess.run(["bash", "-c", shell], cwd=repo.root, capture_output=True, timeout=120,
                          env={**os.environ, **GIT_ENV})
    assert proc.returncode in (0, 1), (command, proc.stderr.decode())
    assert b"Traceback" not in proc.stderr
