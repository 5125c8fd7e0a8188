"""`prescan demo`: build a tiny repository with a risky change in a temporary
folder and scan it, so a newcomer sees a real scan without a project at hand."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import click

from prescan.cli.output import use_color
from prescan.errors import PrescanError
from prescan.pipeline import ScanOptions, run_scan
from prescan.report import render
from prescan.report.gate import exit_code
from prescan.report.options import ReportOptions
from prescan.rules.loader import load_rules

BASE_APP = '''\
"""A small web service that renders thumbnails."""
import sqlite3
import subprocess

from flask import Flask, request

app = Flask(__name__)


def db():
    return sqlite3.connect("app.db")


@app.route("/user")
def user():
    name = request.args.get("name", "")
    row = db().execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchone()
    return {"user": row}


@app.route("/thumb")
def thumb():
    src = request.args.get("src", "")
    subprocess.run(["convert", src, "-resize", "128x128", "thumb.png"], check=True)
    return {"ok": True}
'''

HEAD_APP = BASE_APP.replace(
    '    subprocess.run(["convert", src, "-resize", "128x128", "thumb.png"], check=True)\n',
    '    size = request.args.get("size", "128x128")\n'
    '    # let callers pick the size; the shell handles globbing of src for us\n'
    '    subprocess.run(f"convert {src} -resize {size} thumb.png", shell=True, check=True)\n',
).replace(
    '    row = db().execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchone()\n',
    '    order = request.args.get("order", "id")\n'
    '    row = db().execute("SELECT id, email FROM users WHERE name = ? ORDER BY " + order, (name,)).fetchone()\n',
)


def _git(repo: str, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "prescan demo", "GIT_AUTHOR_EMAIL": "demo@prescan.invalid",
           "GIT_COMMITTER_NAME": "prescan demo", "GIT_COMMITTER_EMAIL": "demo@prescan.invalid"}
    subprocess.run(["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", *args],
                   cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@click.command()
@click.option("--keep", is_flag=True, help="Keep the demo repository and print where it is.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text")
def demo(keep, fmt) -> None:
    """Scan a tiny repository with a risky change, made in a temp folder."""
    if shutil.which("git") is None:
        raise PrescanError("git is not installed", hint="install git to run the demo")
    repo = tempfile.mkdtemp(prefix="prescan-demo-")
    try:
        _git(repo, "init", "-q", "-b", "main")
        with open(os.path.join(repo, "app.py"), "w") as fh:
            fh.write(BASE_APP)
        _git(repo, "add", "app.py")
        _git(repo, "commit", "-q", "-m", "thumbnail service")
        _git(repo, "checkout", "-q", "-b", "feature/resize")
        with open(os.path.join(repo, "app.py"), "w") as fh:
            fh.write(HEAD_APP)
        _git(repo, "commit", "-q", "-am", "let callers choose size and order")
        click.echo(f"prescan demo: a repository in {repo} whose branch feature/resize changes app.py;\n"
                   "scanning it with `prescan scan` (branch against its merge-base with main):\n", err=True)
        result = run_scan(ScanOptions(repo=repo), load_rules())
        code = exit_code(result.findings, "high")
        ropts = ReportOptions(color=fmt == "text" and use_color(False), exit_code=code)
        click.echo(render(fmt, result, ropts), nl=False)
        if code != 1:
            raise PrescanError("the demo scan found nothing to block", hint="the installation is broken")
        click.echo("\nprescan demo: `prescan scan` would exit 1 here: the gate blocks this change.", err=True)
    except subprocess.CalledProcessError as exc:
        raise PrescanError("git failed while building the demo repository",
                           detail=(exc.stderr or b"").decode(errors="replace").strip()) from None
    finally:
        if keep:
            click.echo(f"prescan demo: kept {repo}", err=True)
        else:
            shutil.rmtree(repo, ignore_errors=True)
