"""`prescan diff OLD NEW`: what a release added, fixed and kept, from the store."""
from __future__ import annotations

import os
import sys

import click

from prescan.cli.output import emit
from prescan.cli.storeopts import existing, store_option
from prescan.report.gate import exit_code
from prescan.rules.model import SEVERITIES


@click.command()
@click.argument("old")
@click.argument("new")
@store_option
@click.option("-C", "--repo", "repo", metavar="DIR", help="Run in DIR instead of the current folder.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="text, JSON (all three lists), or SARIF (the new findings).")
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE.")
@click.option("--no-moved", is_flag=True, help="Skip the similarity pass: a changed finding is new plus fixed.")
@click.option("--persisting", "show_persisting", is_flag=True,
              help="Also list the persisting findings (by default only counted).")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), default="never", show_default=True,
              help="Exit 1 when NEW adds a finding of this severity or higher.")
def diff(old, new, store_uri, repo, fmt, output, no_moved, show_persisting, fail_on) -> None:
    """Compare two recorded releases (or scans): findings NEW adds, findings
    OLD had that are fixed, and those that persist. OLD and NEW are release
    names (`prescan scan --release NAME`), scan ids, or unique id prefixes."""
    from prescan.store.releases import diff_releases
    if repo and not os.path.isdir(repo):
        from prescan.errors import UsageError
        raise UsageError("no such folder", path=repo)
    loc = existing(store_uri, repo)
    d = diff_releases(loc, old, new, moved=not no_moved)
    added, fixed, moved = d.new_findings(), d.fixed_findings(), d.moved()
    persisting = d.persisting_findings() if show_persisting else len(d.matching.persisting_new)
    code = exit_code(added, fail_on)
    from prescan.report import releasediff
    if fmt == "text":
        text = releasediff.render_text(d, added, fixed, moved, persisting)
    elif fmt == "json":
        text = releasediff.render_json(d, added, fixed, moved, persisting)
    else:
        text = releasediff.render_sarif(d, added, _ruleset(), code)
    emit(text, output)
    if fmt != "text":
        for p in d.problems:
            click.echo(f"prescan: warning: {p.one_line()}", err=True)
    sys.exit(code)


def _ruleset():
    """The built-in rules, for the SARIF rule descriptions; findings of other
    rules describe themselves."""
    from prescan.rules.loader import load_rules
    return load_rules()
