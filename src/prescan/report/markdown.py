"""A pull-request comment: counts by severity, whether the change is blocked,
the new findings most severe first (file:line linked to the commit when the CI
says where it runs), and pre-existing / fixed ones folded away. Capped at 50
findings and 60,000 characters (GitHub refuses comments over 65,536), with a
"... and N more" note. Everything from the scanned code is escaped: it cannot
add markdown, HTML, links or mentions to the comment."""
from __future__ import annotations

import os
import re
from collections import Counter
from urllib.parse import quote

from prescan.report.common import by_importance, suppression
from prescan.report.gate import blocks
from prescan.rules.model import SEVERITIES

MAX_FINDINGS = 50
MAX_CHARS = 60_000
MAX_SNIPPET_LINES = 8
# text from scanned code is never at the start of a line here, so only the
# characters that act mid-line need escaping (line-start ones like `-`, `#`,
# `1.` cannot act); `://` is broken so that no URL is autolinked
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|~!])")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(s: str) -> str:
    """Inline text from scanned code: HTML and markdown are shown, never interpreted."""
    s = " ".join(_CONTROL.sub("\ufffd", s).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return _MD_SPECIAL.sub(r"\\\1", s).replace("://", "\\://")


def code_block(code: str, language: str = "") -> str:
    """A fenced block longer than any backtick run inside it (CommonMark), so the code cannot close it."""
    lines = code.split("\n")
    if len(lines) > MAX_SNIPPET_LINES:
        lines = lines[:MAX_SNIPPET_LINES] + ["..."]
    body = _CONTROL.sub("\ufffd", "\n".join(lines))
    fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", body)), default=0) + 1)
    lang = language if re.fullmatch(r"[a-z0-9+#-]*", language) else ""
    return f"{fence}{lang}\n{body}\n{fence}"


def link_base() -> str | None:
    """Where a file of the scanned commit can be shown, from the CI's own variables."""
    env = os.environ
    if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY") and env.get("GITHUB_SHA"):
        return f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/blob/{env['GITHUB_SHA']}/"
    if env.get("CI_PROJECT_URL") and env.get("CI_COMMIT_SHA"):
        return f"{env['CI_PROJECT_URL']}/-/blob/{env['CI_COMMIT_SHA']}/"
    return None


def _where(f, base: str | None) -> str:
    label = text(f"{f.path}:{f.start_line}")
    if base is None:
        return label
    return f"[{label}]({base}{quote(f.path)}#L{f.start_line})"


def _item(f, base, opts) -> str:
    mark = " **blocking**" if blocks(f, opts.fail_on, opts.min_confidence) else ""
    cwe = f" ({text(', '.join(f.cwe))})" if f.cwe else ""
    return (f"- **{f.severity}**{mark} `{f.rule_id}` at {_where(f, base)}{cwe}: {text(f.message)}\n\n"
            + "\n".join("  " + line for line in code_block(f.snippet, f.language).split("\n")))


def _short(f, base) -> str:
    return f"- {f.severity} `{f.rule_id}` at {_where(f, base)}: {text(f.message)}"


def render(result, opts) -> str:
    base = link_base()
    new = sorted((f for f in result.findings if f.status == "new" and suppression(f) is None), key=by_importance)
    pre = sorted((f for f in result.findings if f.status != "new" and suppression(f) is None), key=by_importance)
    suppressed = [f for f in result.findings if suppression(f) is not None]
    nblock = sum(1 for f in result.findings if blocks(f, opts.fail_on, opts.min_confidence))
    out = [f"## prescan: {len(new)} new finding{'s' if len(new) != 1 else ''}", ""]
    out.append(f"**:x: {nblock} blocking finding{'s' if nblock != 1 else ''} at `--fail-on {opts.fail_on}`.**"
               if nblock else f"**:white_check_mark: Nothing blocks at `--fail-on {opts.fail_on}`.**")
    out += ["", "| severity | new | pre-existing | fixed |", "|---|---:|---:|---:|"]
    cn, cp, cf = (Counter(f.severity for f in fs) for fs in (new, pre, result.fixed))
    out += [f"| {s} | {cn[s]} | {cp[s]} | {cf[s]} |" for s in SEVERITIES if cn[s] or cp[s] or cf[s]]
    out += [f"| **total** | {len(new)} | {len(pre)} | {len(result.fixed)} |", ""]
    if suppressed:
        out += [f"{len(suppressed)} suppressed finding{'s' if len(suppressed) != 1 else ''} not shown.", ""]
    budget = {"findings": MAX_FINDINGS, "chars": MAX_CHARS - 2000}     # room for the closing notes
    used = len("\n".join(out))
    if new:
        out += ["### New findings", ""]
        used, left = _fill(out, (_item(f, base, opts) for f in new), len(new), budget, used)
        if left:
            out += [f"... and {left} more new finding{'s' if left != 1 else ''} (see the job's full report).", ""]
    for title, group in ((f"Pre-existing in the changed code ({len(pre)})", pre),
                         (f"Fixed by this change ({len(result.fixed)})", result.fixed)):
        if not group:
            continue
        out += ["<details>", f"<summary>{title}</summary>", ""]
        used, left = _fill(out, (_short(f, base) for f in group), len(group), budget, used + 60)
        if left:
            out += [f"... and {left} more.", ""]
        out += ["</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def _fill(out: list[str], items, count: int, budget: dict, used: int) -> tuple[int, int]:
    """Append items (rendered one by one, as they fit) while the comment stays
    within the caps; returns the size used and how many did not fit."""
    for i, item in enumerate(items):
        if budget["findings"] <= 0 or used + len(item) + 2 > budget["chars"]:
            return used, count - i
        out += [item, ""]
        used += len(item) + 2
        budget["findings"] -= 1
    return used, 0
