"""GitHub Actions workflow commands: an annotation on the pull request's diff
for each new finding, most severe first, then a summary line.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step
and drops the rest silently; so prescan annotates the first 10 of each level
and prints the others as plain log lines (nothing is hidden), with a notice
saying how many were not annotated. Escaping follows GitHub's toolkit
(`@actions/core` command.ts): `%`, `\\r`, `\\n` in the message; also `:` and
`,` in properties. A line of scanned code can therefore never start a
command of its own."""
from __future__ import annotations

from collections import Counter

from prescan.report.common import by_importance, suppression
from prescan.report.gate import blocks
from prescan.rules.model import SEVERITIES

ANNOTATIONS_PER_LEVEL = 10
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props) -> str:
    args = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{name}{' ' + args if args else ''}::{escape_data(message)}"


def render(result, opts) -> str:
    rules = result.ruleset.by_id
    new = sorted((f for f in result.findings if f.status == "new" and suppression(f) is None), key=by_importance)
    out: list[str] = []
    shown: Counter = Counter()
    unannotated = 0
    for f in new:
        level = LEVEL[f.severity]          # by severity alone: the same whatever the step's --fail-on
        if shown[level] >= ANNOTATIONS_PER_LEVEL:
            unannotated += 1
            out.append(escape_data(f"prescan: {f.path}:{f.start_line}: {f.severity} {f.rule_id}: {f.message}"))
            continue
        shown[level] += 1
        rule = rules.get(f.rule_id)
        text = f.message + (f" [{', '.join(f.cwe)}]" if f.cwe else "")
        if rule is not None and rule.fix.strip():
            text += "\nFix: " + " ".join(rule.fix.strip().split("\n\n")[0].split())
        out.append(command(level, text, file=f.path, line=f.start_line, endLine=f.end_line, col=f.start_col,
                           endColumn=f.end_col if f.end_line == f.start_line else None,
                           title=f"prescan {f.rule_id} ({f.severity}"
                           + (", blocking)" if blocks(f, opts.fail_on, opts.min_confidence) else ")")))
    if unannotated:
        out.append(command("notice", f"{unannotated} more new findings are listed in the log but not annotated: "
                                     f"GitHub shows at most {ANNOTATIONS_PER_LEVEL} annotations of each level "
                                     "per step.", title="prescan"))
    out.append(summary_line(result, opts))
    return "\n".join(out) + "\n"


def summary_line(result, opts) -> str:
    new = [f for f in result.findings if f.status == "new" and suppression(f) is None]
    counts = Counter(f.severity for f in new)
    parts = [f"{counts[s]} {s}" for s in SEVERITIES if counts[s]]
    suppressed = sum(1 for f in result.findings if suppression(f) is not None)
    nblock = sum(1 for f in result.findings if blocks(f, opts.fail_on, opts.min_confidence))
    text = (f"prescan: {len(new)} new finding{'s' if len(new) != 1 else ''}"
            + (f" ({', '.join(parts)})" if parts else "")
            + f", {sum(1 for f in result.findings if f.status != 'new')} pre-existing, {len(result.fixed)} fixed"
            + (f", {suppressed} suppressed" if suppressed else "")
            + (f"; {nblock} blocking at --fail-on {opts.fail_on}." if nblock
               else f"; nothing blocks at --fail-on {opts.fail_on}."))
    return escape_data(text)
