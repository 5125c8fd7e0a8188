"""Every `prescan scan --audit` command that README.md and docs/audit.md
show runs as shown, in a real repository, against the fake model server
(keys and base URLs pointed at it) or a local command provider."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from audit_fakes import top  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "README.md", ROOT / "docs" / "audit.md")


def shown_commands() -> list[str]:
    out = []
    for doc in DOCS:
        blocks = re.findall(r"```sh\n(.*?)```", doc.read_text(), re.S)
        for block in blocks:
            for line in block.splitlines():
                if line.startswith("prescan ") and "--audit" in line:
                    out.append(line.split("  #")[0].strip())
    return out


def test_docs_show_audit_commands():
    assert len(shown_commands()) >= 6


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize("command", shown_commands())
def test_shown_command_runs(command, repo, model_env, tmp_path):
    from audit_fakes import wire_model
    model_env.answer = wire_model()
    repo.commit("base", {"app.py": "import os\n\n\ndef f(c):\n    return c\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("change", {"app.py": "import os\n\n\ndef f(c):\n    return os.system(c)\n"})
    here = str(Path(__file__).parent)
    _executable(repo.root / "audit-model", textwrap.dedent(f'''\
        #!{sys.executable}
        import json, sys
        sys.path.insert(0, {here!r})
        from audit_fakes import wire_model
        print(json.dumps({{"data": wire_model()(json.load(sys.stdin))}}))
        '''))
    _executable(repo.root / "validate-finding", f"#!{sys.executable}\nimport json, sys\n"
                "finding = json.load(sys.stdin)['finding']\nsys.exit(0 if 'system' in finding['evidence'] else 1)\n")
    shell = command.replace("prescan ", f"{sys.executable} -m prescan ", 1)
    proc = subprocess.run(["bash", "-c", shell], cwd=repo.root, capture_output=True, timeout=300,
                          env={**os.environ, **top.GIT_ENV})
    err = proc.stderr.decode()
    assert proc.returncode == 1, (command, err)         # the confirmed model finding blocks
    assert "Traceback" not in err and "error" not in err, err
    assert "model-injection" in proc.stdout.decode()
