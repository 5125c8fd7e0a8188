"""Shared test helpers: real git repositories in temp dirs and the real CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+00:00",
}


# The CLI runs in its own process, in a repository's folder: a relative
# PYTHONPATH (`PYTHONPATH=src`) would resolve there and silently fall back to
# another installed copy of prescan. Make its entries absolute. Without one
# (the README's command) the installed package is what runs, compiled parts and all.
if os.environ.get("PYTHONPATH"):
    os.environ["PYTHONPATH"] = os.pathsep.join(
        str(Path(p).resolve()) for p in os.environ["PYTHONPATH"].split(os.pathsep) if p)


class GitRepo:
    """A real repository built step by step by a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", *args],
                              cwd=self.root, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout.strip()

    def write(self, path: str, text: str | bytes) -> Path:
        p = self.root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text)
        return p

    def commit(self, message: str = "change", files: dict[str, str | bytes] | None = None,
               delete: tuple[str, ...] = ()) -> str:
        for path, text in (files or {}).items():
            self.write(path, text)
        for path in delete:
            self.git("rm", "-q", path)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


# End-to-end scans run the suite's own copy of one rule (tests/data/rules), so
# that they test the pipeline, not the current severities of the built-in pack.
OWN_RULES = ("--no-builtin-rules", "--rules", str(Path(__file__).parent / "data" / "rules"))


def run_prescan(*args: str, cwd: Path | str | None = None, stdin: bytes | None = None,
                env: dict | None = None, builtin: bool = False) -> subprocess.CompletedProcess:
    """The installed CLI, as a user runs it (its own process)."""
    if args and args[0] == "scan" and not builtin and "--no-builtin-rules" not in args:
        args = (*args, *OWN_RULES)
    full_env = {**os.environ, **GIT_ENV, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "prescan", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=full_env, timeout=300)


def scan_json(*args: str, cwd: Path | str, builtin: bool = False, env: dict | None = None) -> tuple[int, dict]:
    proc = run_prescan("scan", "--format", "json", *args, cwd=cwd, builtin=builtin, env=env)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture
def prescan():
    return run_prescan
