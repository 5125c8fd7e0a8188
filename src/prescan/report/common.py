"""What several formats share: the order of findings by importance, a
finding's suppression (as the policy stage marks it) and a rule's documentation
as plain text."""
from __future__ import annotations

from prescan.findings import Finding
from prescan.rules.model import CONFIDENCE_RANK, SEVERITY_RANK


def by_importance(f: Finding) -> tuple:
    """Most severe first, then most confident, then by place: the order in
    which a capped report keeps findings."""
    return (-SEVERITY_RANK[f.severity], -CONFIDENCE_RANK[f.confidence], *f.sort_key())


def extra(f: Finding) -> dict[str, str]:
    return dict(f.extra)


def suppression(f: Finding) -> tuple[str, str] | None:
    """(where, reason) when a finding is suppressed, else None. The policy
    stage marks an inline suppression with Finding.extra `suppressed` = its
    reason (docs/policy.md); a (`suppressed` = where, `suppressed-reason`)
    pair names another place, such as a policy file."""
    e = extra(f)
    if "suppressed" not in e:
        return None
    if "suppressed-reason" in e:
        return e["suppressed"], e["suppressed-reason"]
    return "inline", e["suppressed"]


def cwe_number(cwe: str) -> str | None:
    """"CWE-78" -> "78"; None for what is not a CWE id."""
    head, _, num = cwe.partition("-")
    return num if head.upper() == "CWE" and num.isdigit() else None


def cwe_url(cwe: str) -> str:
    num = cwe_number(cwe)
    return f"https://cwe.mitre.org/data/definitions/{num}.html" if num else ""


def rule_doc_sections(rule) -> list[tuple[str, str]]:
    """(heading, text) of a rule's documentation, in the order `prescan
    explain` prints them; empty sections left out."""
    sections = [("What it finds", rule.message), ("Why it matters", rule.why.strip()),
                ("Example", rule.example.strip()), ("How to fix it", rule.fix.strip())]
    if rule.cwe or rule.owasp:
        sections.append(("Classification", ", ".join([*rule.cwe, *(f"OWASP {o}" for o in rule.owasp)])))
    if rule.references:
        sections.append(("References", "\n".join(f"- {r}" for r in rule.references)))
    return [(h, t) for h, t in sections if t]


_CONTROL = str.maketrans({c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0a, 0x20), 0x7f,
                                                       *range(0x80, 0xa0)]})


def printable(text: str) -> str:
    """Scanned content made safe for a terminal or a CI log: control characters
    (escape sequences, carriage returns, newlines) shown as \\xNN instead of acting."""
    return text.translate(_CONTROL)
