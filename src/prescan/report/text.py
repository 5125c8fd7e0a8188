"""Text report for a person at a terminal: findings grouped by file, with the
code, why it matters and how to fix it, then a table of counts by severity
(new, pre-existing, fixed) and a summary line."""
from __future__ import annotations

from collections import Counter
from itertools import groupby

import click

from prescan.findings import Finding
from prescan.report.common import printable, suppression
from prescan.report.gate import blocks
from prescan.rules.model import SEVERITIES

COLORS = {"critical": "magenta", "high": "red", "medium": "yellow", "low": "blue", "info": "cyan"}


def render(result, opts) -> str:
    style = (lambda s, **kw: click.style(s, **kw)) if opts.color else (lambda s, **kw: s)
    rules = result.ruleset.by_id
    out: list[str] = []
    head = result.change.description or result.change.mode
    out.append(style(f"prescan: {head}", bold=True))
    out.append("")
    for path, group in groupby(result.findings, key=lambda f: f.path):
        out.append(style(printable(path), bold=True, underline=True))
        for f in group:
            out.extend(_finding(f, rules.get(f.rule_id), style, opts))
        out.append("")
    if result.fixed and opts.show_fixed:
        out.append(style(f"Fixed by this change ({len(result.fixed)}):", bold=True))
        for f in result.fixed:
            out.append(printable(f"  {f.path}:{f.start_line}  {f.rule_id}  {f.message}"))
        out.append("")
    for w in result.warnings:
        where = f"{w.path}:{w.line}" if w.line else w.path
        out.append(style("warning: ", fg="yellow") + printable(f"{where}: {w.message}"))
    if result.warnings:
        out.append("")
    if getattr(result, "audit", None) is not None:
        from prescan.audit.render import text_lines
        out.extend(text_lines(result.audit, style) + [""])
    out.extend(_table(result, style))
    out.append(_summary(result, opts, style))
    return "\n".join(out) + "\n"


def _table(result, style) -> list[str]:
    """Counts by severity: new, pre-existing, fixed (nothing when there is nothing to count)."""
    new = Counter(f.severity for f in result.findings if f.status == "new")
    pre = Counter(f.severity for f in result.findings if f.status != "new")
    fixed = Counter(f.severity for f in result.fixed)
    rows = [(s, new[s], pre[s], fixed[s]) for s in SEVERITIES if new[s] or pre[s] or fixed[s]]
    if not rows:
        return []
    rows.append(("total", sum(new.values()), sum(pre.values()), sum(fixed.values())))
    lines = [style(f"  {'severity':<10}{'new':>6}{'pre-existing':>15}{'fixed':>8}", bold=True)]
    for sev, n, p, x in rows:
        name = style(f"{sev:<10}", fg=COLORS.get(sev), bold=sev == "total")
        lines.append(f"  {name}{n:>6}{p:>15}{x:>8}")
    return [*lines, ""]


def _finding(f: Finding, rule, style, opts) -> list[str]:
    sev = style(f"{f.severity:<8}", fg=COLORS[f.severity], bold=True)
    tag = "" if f.status == "new" else style(" (pre-existing)", dim=True)
    if suppression(f) is not None:
        tag += style(f" (suppressed: {suppression(f)[1]})", dim=True)
    block = style(" BLOCKING", fg="red", bold=True) if blocks(f, opts.fail_on, opts.min_confidence) else ""
    lines = [f"  {f.start_line}:{f.start_col}  {sev} {f.rule_id}{tag}{block}",
             f"      {printable(f.message)}"]
    if f.cwe:
        lines[-1] += style(f"  [{', '.join(f.cwe)}]", dim=True)
    for i, code in enumerate(f.snippet.split("\n")):
        lines.append(style(f"      {f.start_line + i:>5} | ", dim=True) + printable(code))
    for step in f.trace:
        lines.append(style(printable(f"        -> {step.path}:{step.line}  {step.note}"), dim=True))
    for removed in f.removed:
        lines.append(style(f"      removed | {printable(removed)}", fg="red"))
    if f.link:
        lines.append(style(printable(f"      linked to the change: {f.link}"), dim=True))
    if f.origin == "model":
        extra = dict(f.extra)
        lines.append(style("      why: ", bold=True) + printable(" ".join(extra.get("explanation", "").split())))
        lines.append(style(printable(f"      model: {extra.get('model', '')}, {extra.get('validation', '')}: "
                                     f"{extra.get('rationale', '')}"), dim=True))
    if rule is not None:
        lines.append(style("      why: ", bold=True) + _paragraph(rule.why))
        lines.append(style("      fix: ", bold=True) + _paragraph(rule.fix))
    return lines


def _paragraph(text: str) -> str:
    """The first paragraph of a rule's text, as one line."""
    return " ".join(text.strip().split("\n\n")[0].split())


def _summary(result, opts, style) -> str:
    new = [f for f in result.findings if f.status == "new"]
    counts = Counter(f.severity for f in new)
    parts = [f"{counts[s]} {s}" for s in SEVERITIES if counts[s]]
    pre = len(result.findings) - len(new)
    nblock = sum(1 for f in result.findings if blocks(f, opts.fail_on, opts.min_confidence))
    st = result.stats
    text = (f"{len(new)} new finding{'s' if len(new) != 1 else ''}"
            + (f" ({', '.join(parts)})" if parts else "")
            + (f", {pre} pre-existing" if pre else "")
            + (f", {len(result.fixed)} fixed" if result.fixed else "")
            + (f", {st['baseline_matched']} in baseline {st['baseline']} not shown" if st.get("baseline") else "")
            + f" in {st.get('files_scanned', 0)} file{'s' if st.get('files_scanned', 0) != 1 else ''}"
            + f" ({st.get('lines_scanned', 0)} lines, {st.get('rules', 0)} rules,"
            + f" {result.timings.get('total', 0.0):.2f}s).")
    if nblock:
        text += style(f" {nblock} blocking at --fail-on {opts.fail_on}.", fg="red", bold=True)
    elif opts.fail_on != "never":
        text += style(f" Nothing blocks at --fail-on {opts.fail_on}.", fg="green")
    return text
