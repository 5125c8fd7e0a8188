"""`prescan rules list|test|show` and `prescan explain`."""
from __future__ import annotations

import json
import sys

import click

from prescan.errors import UsageError
from prescan.rules.loader import load_rules


@click.group()
def rules() -> None:
    """List, show and test rules."""


@rules.command("list")
@click.option("--rules", "rules_dirs", multiple=True, metavar="DIR", help="Add a rule directory.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def list_rules(rules_dirs, fmt) -> None:
    """List the rules that a scan would run."""
    rs = load_rules(list(rules_dirs))
    ordered = sorted(rs.rules, key=lambda r: (r.languages[0], r.id))
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "languages": list(r.languages), "severity": r.severity,
                                "confidence": r.confidence, "cwe": list(r.cwe), "message": r.message}
                               for r in ordered], indent=2))
        return
    if fmt == "markdown":
        lines = ["| rule | languages | severity | confidence | CWE |", "|---|---|---|---|---|"]
        lines += [f"| `{r.id}` | {', '.join(r.languages)} | {r.severity} | {r.confidence} | {', '.join(r.cwe)} |"
                  for r in ordered]
        click.echo("\n".join(lines))
        return
    width = max((len(r.id) for r in ordered), default=10)
    for r in ordered:
        click.echo(f"{r.id:<{width}}  {r.severity:<8} {r.confidence:<6} {','.join(r.cwe):<10} "
                   f"{','.join(r.languages)}")
    click.echo(f"{len(ordered)} rules", err=True)


@rules.command("test")
@click.argument("directory", required=False)
def test_cmd(directory) -> None:
    """Check every rule's fixture (`ruleid:` / `ok:` annotations) in DIRECTORY
    (default: the built-in rules). Exit 1 when a fixture fails."""
    from prescan.ruletest import check_rules, summarize
    results = check_rules(directory)
    for r in results:
        if r.ok:
            continue
        click.echo(f"FAIL {r.rule_id} ({r.fixture or r.rule_path})")
        for p in r.problems:
            click.echo(f"    {p}")
        if r.missed:
            click.echo(f"    missed (ruleid lines without a finding): {', '.join(map(str, r.missed))}")
        if r.unexpected:
            click.echo(f"    unexpected (findings on lines not marked ruleid): {', '.join(map(str, r.unexpected))}")
    good, bad = summarize(results)
    todo = sum(len(r.todo) for r in results)
    click.echo(f"{good} passed, {bad} failed" + (f" ({todo} known gaps marked todo)" if todo else ""))
    sys.exit(1 if bad else 0)


def _show(rule_id: str, rules_dirs=()) -> None:
    rs = load_rules(list(rules_dirs))
    rule = rs.by_id.get(rule_id)
    if rule is None:
        import difflib
        close = difflib.get_close_matches(rule_id, list(rs.by_id), n=3, cutoff=0.6)
        close = close or sorted(i for i in rs.by_id if rule_id and rule_id in i)[:3]
        hint = (f"did you mean {' or '.join(close)}? " if close else "") + "`prescan rules list` shows them all"
        raise UsageError(f"no rule '{rule_id}'", hint=hint)
    from prescan.report.common import cwe_url, rule_doc_sections
    click.echo(f"{rule.id}  ({rule.severity}, confidence {rule.confidence}; {', '.join(rule.cwe)}"
               f"{'; OWASP ' + ', '.join(rule.owasp) if rule.owasp else ''})")
    click.echo(f"languages: {', '.join(rule.languages)}")
    for heading, text in rule_doc_sections(rule):
        if heading == "Classification":     # with where each weakness is described
            text = "\n".join([*(f"{c}  {cwe_url(c)}".rstrip() for c in rule.cwe),
                              *(f"OWASP {o}" for o in rule.owasp)])
        click.echo(f"\n{heading}\n  " + text.replace("\n", "\n  "))
    click.echo(f"\nDefined in {rule.path}:{rule.line}")


@rules.command("show")
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, metavar="DIR")
def show(rule_id, rules_dirs) -> None:
    """Print a rule's documentation."""
    _show(rule_id, rules_dirs)


@click.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, metavar="DIR")
def explain(rule_id, rules_dirs) -> None:
    """Print a rule's documentation: what, why, example, fix, references."""
    _show(rule_id, rules_dirs)
