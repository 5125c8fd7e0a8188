"""`prescan scan --audit ...` as a user runs it: the options, the errors,
and that a scan without --audit neither opens a socket nor imports a model
SDK."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap


from audit_fakes import top  # noqa: E402

GIT_ENV, OWN_RULES, run_prescan = top.GIT_ENV, top.OWN_RULES, top.run_prescan

APP = 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(["ls", cmd])\n'
VULN = APP.replace('["ls", cmd])', 'cmd, shell=True)')


def _change(repo):
    repo.commit("base", {"app.py": APP})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("head", {"app.py": VULN})


def test_without_audit_no_socket_is_opened_and_no_model_sdk_imported(repo, tmp_path):
    _change(repo)
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent('''\
        import socket
        def _refuse(self, *a, **k):
            raise OSError("prescan test: network use refused")
        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.create_connection = lambda *a, **k: _refuse(None)
        '''))
    out = tmp_path / "modules.json"
    script = textwrap.dedent(f'''\
        import json, runpy, sys
        sys.argv = ["prescan", "scan", "--base", "main", "--format", "json", *{list(OWN_RULES)!r}]
        code = 0
        try:
            runpy.run_module("prescan", run_name="__main__")
        except SystemExit as exc:
            code = exc.code
        json.dump({{"code": code, "modules": sorted(sys.modules)}}, open({str(out)!r}, "w"))
        ''')
    # the guard first, then whatever prescan the suite runs (this tree's src, or the installed package)
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": os.pathsep.join(p for p in (str(guard), os.environ.get("PYTHONPATH"))
                                                                if p)}
    proc = subprocess.run([sys.executable, "-c", script], cwd=repo.root, env=env, capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(out.read_text())
    assert doc["code"] == 1                       # the scan ran (and found the shell call)
    mods = set(doc["modules"])
    assert not {"anthropic", "openai", "httpx", "requests", "urllib3"} & mods
    assert not any(m.startswith("prescan.audit") for m in mods)
    assert "sitecustomize" in mods                # the guard was active


def test_audit_options_need_audit(repo):
    _change(repo)
    proc = run_prescan("scan", "--base", "main", "--audit-budget", "200k", cwd=repo.root)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "prescan: error: the --audit-* options need --audit PROVIDER"


def test_bad_audit_values_are_one_line_errors(repo):
    _change(repo)
    for args, text in ((("--audit", "nowhere:x"), "names no provider"),
                       (("--audit", "anthropic:m", "--audit-votes", "4/3"), "--audit-votes '4/3'"),
                       (("--audit", "anthropic:m", "--audit-budget", "lots"), "--audit-budget 'lots'")):
        proc = run_prescan("scan", "--base", "main", *args, cwd=repo.root, env={"ANTHROPIC_API_KEY": "x"})
        err = proc.stderr.decode()
        assert proc.returncode == 2 and text in err and len(err.strip().splitlines()) == 1, err


def test_missing_key_is_one_line_naming_the_variable_before_scanning(repo):
    _change(repo)
    env = {k: "" for k in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
    for spec, var in (("anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY"), ("openai:gpt-4o-mini", "OPENAI_API_KEY")):
        proc = subprocess.run([sys.executable, "-m", "prescan", "scan", "--base", "main", "--audit", spec,
                               *OWN_RULES], cwd=repo.root, capture_output=True, timeout=300,
                              env={**{k: v for k, v in os.environ.items() if k not in env}, **GIT_ENV})
        err = proc.stderr.decode()
        assert proc.returncode == 2 and var in err and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err
        # before any scanning work: nothing was recorded in the store
        assert not (repo.root / ".prescan" / "scans").exists()
