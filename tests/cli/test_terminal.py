"""The terminal: a live progress line on stderr that is erased at the end,
none in CI, with --quiet or when stderr is not a terminal; colors only on a
terminal and never with --no-color or NO_COLOR; the summary table; explain."""
from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

import pytest

from conftest import GIT_ENV, OWN_RULES, GitRepo, run_prescan

STATUS = b"parsing and analyzing"
ANSI = re.compile(rb"\x1b\[")
VULN = "import subprocess\n\ndef f(c):\n    subprocess.run(c, shell=True)\n"


def run_in_pty(args, cwd, env=None, stdout_tty=False) -> tuple[int, bytes, bytes]:
    """prescan with stderr (and optionally stdout) on a pseudo-terminal: (exit code, stdout, what the terminal got)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    full_env = {k: v for k, v in {**os.environ, **GIT_ENV, "TERM": "xterm-256color", **(env or {})}.items()
                if v is not None}
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-m", "prescan", *args], cwd=cwd, env=full_env,
                                stdin=subprocess.DEVNULL, stdout=slave if stdout_tty else out, stderr=slave)
        os.close(slave)
        seen = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:             # EIO: the child closed the terminal
                break
            if not data:
                break
            seen.append(data)
        code = proc.wait(timeout=300)
        os.close(master)
        out.seek(0)
        return code, out.read(), b"".join(seen)


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    """A tree big enough that its scan lasts longer than the progress line's delay."""
    repo = GitRepo(tmp_path_factory.mktemp("big") / "repo")
    repo.commit("files", {f"pkg/m{i}.py": f"import subprocess\n\ndef f{i}(c):\n    x = c + {i}\n"
                                             f"    return subprocess.run(['ls', str(x)])\n" for i in range(300)})
    repo.commit("one more", {"pkg/vuln.py": VULN})
    return repo.root


def scan_args(*extra):
    return ["scan", "--all", "--no-store", "-j", "1", *extra, *OWN_RULES]


def test_progress_shows_on_a_terminal_and_is_erased(many_files):
    # shown from the first moment: a fast machine scans these files in less than the usual delay
    code, out, term = run_in_pty(scan_args(), many_files, env={"CI": None, "PRESCAN_PROGRESS_AFTER": "0"})
    assert code == 1, term.decode(errors="replace")
    assert STATUS in term and re.search(rb"\d+/30\d files", term), term[-2000:]
    tail = term[term.rindex(STATUS):]
    assert b"\x1b[2K" in tail, "the status line is erased at the end"
    assert tail.endswith(b"\x1b[?25h") or b"\x1b[?25h" in tail, "the cursor is shown again"
    last = tail[tail.rindex(b"\x1b[2K"):]
    assert STATUS not in last and b"files" not in last
    assert b"1 new finding" in out and not ANSI.search(out), "the report (not a terminal) has no escapes"


@pytest.mark.parametrize("env, extra", [({"CI": "1"}, ()), ({"CI": None}, ("--quiet",)),
                                        ({"CI": "true"}, ("-q",))])
def test_no_progress_in_ci_or_with_quiet(many_files, env, extra):
    code, out, term = run_in_pty(scan_args(*extra), many_files, env={**env, "PRESCAN_PROGRESS_AFTER": "0"})
    assert code == 1
    assert STATUS not in term and not ANSI.search(term), term[-500:]
    assert b"1 new finding" in out


def test_no_progress_when_stderr_is_not_a_terminal(many_files):
    proc = run_prescan(*scan_args(), cwd=many_files, env={"CI": "", "PRESCAN_PROGRESS_AFTER": "0"})
    assert proc.returncode == 1 and STATUS not in proc.stderr and not ANSI.search(proc.stderr)


@pytest.mark.parametrize("env, extra, colored", [({}, (), True), ({"NO_COLOR": "1"}, (), False),
                                                 ({}, ("--no-color",), False), ({"TERM": "dumb"}, (), False)])
def test_colors_only_on_a_terminal_and_when_allowed(repo: GitRepo, env, extra, colored):
    repo.commit("base", {"app.py": VULN})
    code, _, term = run_in_pty(["scan", "--all", "--no-store", "-q", *extra, *OWN_RULES], repo.root,
                               env={"CI": None, "NO_COLOR": None, **env}, stdout_tty=True)
    assert code == 1 and b"subprocess-shell-true" in term
    assert bool(ANSI.search(term)) == colored, term[:400]


def test_summary_table_counts_new_pre_existing_and_fixed(repo: GitRepo):
    base = repo.commit("base", {"a.py": VULN, "b.py": VULN})
    head = repo.commit("change", {"a.py": VULN + "\ndef g(c):\n    subprocess.call(c, shell=True)\n",
                                  "b.py": "x = 1\n"})
    proc = run_prescan("scan", "--base", base, "--head", head, "--scope", "files", "--no-store", cwd=repo.root)
    text = proc.stdout.decode()
    rows = {m.group(1): m.groups()[1:] for m in re.finditer(r"^  (\w+)\s+(\d+)\s+(\d+)\s+(\d+)$", text, re.M)}
    assert re.search(r"^  severity\s+new\s+pre-existing\s+fixed$", text, re.M), text
    assert rows == {"high": ("1", "1", "1"), "total": ("1", "1", "1")}, text


def test_text_report_shows_hostile_snippets_inert(repo: GitRepo):
    repo.commit("base", {"app.py": "import subprocess\n\ndef f(c):\n    subprocess.run(c + '\x1b]0;pwned\x07\x1b[2J',"
                                    " shell=True)\n"})
    proc = run_prescan("scan", "--all", "--no-store", cwd=repo.root)
    assert proc.returncode == 1
    assert b"\x1b" not in proc.stdout and b"\\x1b]0;pwned\\x07" in proc.stdout


def test_explain_prints_every_section():
    proc = run_prescan("explain", "python-yaml-unsafe-load")
    text = proc.stdout.decode()
    assert proc.returncode == 0
    for part in ("What it finds", "Why it matters", "Example", "How to fix it", "Classification",
                 "CWE-502  https://cwe.mitre.org/data/definitions/502.html", "References", "Defined in"):
        assert part in text, part


def test_explain_unknown_rule_suggests():
    proc = run_prescan("explain", "python-yaml-unsafe-lod")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "did you mean python-yaml-unsafe-load" in err
