"""A change to the policy under review is itself a finding: the head's policy
is never applied, so the gate it would have weakened reports the attempt
(`policy-changed`, at the changed key of the head's policy file)."""
from __future__ import annotations

from prescan.findings import Finding
from prescan.policy.config import Policy
from prescan.policy.tomlines import key_line
from prescan.rules.model import CONFIDENCE_RANK, SEVERITY_RANK
from prescan.store.fingerprint import base_fingerprint

RULE_ID = "policy-changed"
WEAKER = "high"          # a change that can let a finding through blocks at the default gate
STRONGER = "info"        # one that only makes the gate stricter is shown, not blocked


def _fail_rank(value: str | None) -> int:
    value = value or "high"
    return 99 if value == "never" else SEVERITY_RANK[value]


def differences(base: Policy, head: Policy) -> list[tuple[bool, tuple, str]]:
    """(weakens the gate?, key path in the head file, what changed) for each difference."""
    out: list[tuple[bool, tuple, str]] = []
    if base.fail_on != head.fail_on:
        b, h = base.fail_on or "high", head.fail_on or "high"
        if b != h:
            word = "lowered" if _fail_rank(h) > _fail_rank(b) else "raised"
            out.append((word == "lowered", ("fail-on",), f"fail-on {word} from {b} to {h}"))
    b, h = base.min_confidence or "low", head.min_confidence or "low"
    if b != h:
        weaker = CONFIDENCE_RANK[h] > CONFIDENCE_RANK[b]
        out.append((weaker, ("min-confidence",), f"min-confidence changed from {b} to {h}"))
    for sel in sorted(set(head.ignore_rules) - set(base.ignore_rules)):
        out.append((True, ("rules", "ignore"), f"rule {sel} disabled (rules.ignore)"))
    for sel in sorted(set(base.ignore_rules) - set(head.ignore_rules)):
        out.append((False, ("rules", "ignore"), f"rule {sel} enabled again (rules.ignore)"))
    if set(base.select) != set(head.select):
        gone = sorted(set(base.select or ("*",)) - set(head.select or ("*",)))
        added = sorted(set(head.select or ("*",)) - set(base.select or ("*",)))
        text = "rules.select changed" + (f": {', '.join(gone)} no longer selected" if gone else "") + \
            (f"; {', '.join(added)} selected" if added else "")
        # any selection narrower than "every rule" may leave a rule out
        out.append((bool(head.select), ("rules", "select"), text))
    for glob in sorted(set(head.ignore) - set(base.ignore)):
        out.append((True, ("ignore",), f"{glob} ignored (not scanned)"))
    for glob in sorted(set(base.ignore) - set(head.ignore)):
        out.append((False, ("ignore",), f"{glob} no longer ignored"))
    if base.paths != head.paths:
        out += _path_differences(base, head)
    if base.baseline != head.baseline:
        out.append((True, ("baseline",), f"baseline changed from {base.baseline or 'none'} to "
                                          f"{head.baseline or 'none'}"))
    if base.require_reason != head.require_reason:
        out.append((not head.require_reason, ("suppressions", "require-reason"),
                    f"suppressions.require-reason changed from {str(base.require_reason).lower()} to "
                    f"{str(head.require_reason).lower()}"))
    if base.suppressions_added != head.suppressions_added:
        out.append((head.suppressions_added == "info", ("suppressions", "added"),
                    f"suppressions.added changed from {base.suppressions_added} to {head.suppressions_added}"))
    if base.audit != head.audit:
        names = [k.replace("_", "-") for k in ("provider", "model", "budget", "concurrency", "mode", "validator",
                                               "base_url", "api_key_env")
                 if getattr(base.audit, k) != getattr(head.audit, k)]
        out.append((True, ("audit", names[0]), f"audit settings changed: {', '.join(names)}"))
    return out


def _path_differences(base: Policy, head: Policy) -> list[tuple[bool, tuple, str]]:
    out = []
    old = {p.glob: p for p in base.paths}
    new = {p.glob: p for p in head.paths}
    for i, p in enumerate(head.paths):
        q = old.get(p.glob)
        if q is not None and (q.severity_offset, q.fail_on, q.ignore_rules) == \
                (p.severity_offset, p.fail_on, p.ignore_rules):
            continue
        q = q or DEFAULT_PATH
        parts, weaker = [], False
        if p.severity_offset != q.severity_offset:
            parts.append(f"severity-offset {q.severity_offset} -> {p.severity_offset}")
            weaker |= p.severity_offset < q.severity_offset
        if p.fail_on != q.fail_on:
            parts.append(f"fail-on {q.fail_on or 'inherited'} -> {p.fail_on or 'inherited'}")
            weaker |= _fail_rank(p.fail_on or base.fail_on) > _fail_rank(q.fail_on or base.fail_on)
        extra = sorted(set(p.ignore_rules) - set(q.ignore_rules))
        if extra:
            parts.append(f"rules {', '.join(extra)} disabled")
            weaker = True
        if set(q.ignore_rules) - set(p.ignore_rules):
            parts.append(f"rules {', '.join(sorted(set(q.ignore_rules) - set(p.ignore_rules)))} enabled again")
        if parts:
            out.append((weaker, ("paths", i, "glob"), f"settings for {p.glob}: {'; '.join(parts)}"))
    for glob, q in old.items():
        if glob not in new:
            weaker = q.severity_offset > 0 or (q.fail_on is not None and
                                               _fail_rank(q.fail_on) < _fail_rank(base.fail_on))
            out.append((weaker, ("paths",), f"settings for {glob} removed"))
    return out


class _DefaultPath:
    severity_offset, fail_on, ignore_rules = 0, None, ()


DEFAULT_PATH = _DefaultPath()


def change_findings(view, cs) -> list[Finding]:
    """The findings that say how the change under review alters the policy."""
    base, head = view.base, view.head
    if base is None or head is None or base.texts == head.texts:
        return []
    file = _head_file(head, base)
    text = (head.texts.get(file) or b"").decode("utf-8", "replace")
    out: list[tuple[bool, int, str]] = []
    if head.policy is None:
        err = head.error
        out.append((True, err.line or 1, f"the policy file of the change cannot be read ({err.one_line()}); "
                                         "the base's policy applies"))
    else:
        prefix = ("tool", "prescan") if file.endswith("pyproject.toml") and head.policy.file else ()
        for weaker, keys, what in differences(base.policy, head.policy):
            line = key_line(text, prefix + keys) if text else 0
            out.append((weaker, line or _first_changed_line(cs, file), what))
        if base.policy.file != head.policy.file and not out:
            what = (f"policy file {head.policy.file} added" if head.policy.file else
                    f"policy file {base.policy.file} removed")
            out.append((False, 1, what + " (same settings)"))
        elif base.policy.file != head.policy.file:
            what = (f"policy file {head.policy.file} added" if head.policy.file and not base.policy.file else
                    f"policy file {base.policy.file} removed" if not head.policy.file else
                    f"policy moved from {base.policy.file} to {head.policy.file}")
            out = [(w, ln, f"{what}: {t}") for w, ln, t in out]
    lines = text.split("\n")
    findings = []
    for weaker, line, what in out:
        line = max(1, min(line, len(lines)))
        snippet = lines[line - 1] if text else ""
        findings.append(Finding(
            rule_id=RULE_ID, origin="policy", severity=WEAKER if weaker else STRONGER, confidence="high",
            message=f"The change edits the scan policy: {what}. The policy of the base revision is "
                    "applied to this scan; the edited policy takes effect once it is merged.",
            path=file, start_line=line, start_col=1, end_line=line, end_col=len(snippet) + 1,
            unit="<policy>", snippet=snippet, language="toml",
            link="the policy that gates this change is read from its base revision",
            fingerprint=base_fingerprint(RULE_ID, "<policy>", what.encode()) + ":0"))
    return findings


def _head_file(head, base) -> str:
    """The file the finding points at: the head's policy file, else the one the change removed."""
    if head.policy is not None and head.policy.file:
        return head.policy.file
    if head.policy is None and head.error is not None and head.error.path:
        return head.error.path
    return base.policy.file or next((n for n, t in head.texts.items() if t != base.texts.get(n)), ".prescan.toml")


def _first_changed_line(cs, path: str) -> int:
    for fc in cs.files:
        if fc.path == path and fc.hunks:
            return max(fc.hunks[0].new_start, 1)
    return 1
