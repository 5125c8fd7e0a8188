"""The --audit options of `prescan scan`: they fill an AuditOptions (as a
policy file's [audit] table may) and build the provider before any scanning
work, so that a missing key fails at once."""
from __future__ import annotations

import click

from prescan.errors import UsageError


def audit_options(fn):
    opts = [
        click.option("--audit", "audit_spec", metavar="PROVIDER",
                     help="Audit the changed functions with a model: anthropic:MODEL, openai:MODEL or "
                          "command:PROGRAM (docs/audit.md). Without it, no network call is made."),
        click.option("--audit-mode", type=click.Choice(["sync", "batch"]), default=None,
                     help="sync (default) or batch: the provider's batch API, half price, for release scans."),
        click.option("--audit-budget", metavar="AMOUNT", default=None,
                     help="Stop spending at AMOUNT tokens (200k) or US dollars ($5); the rest is marked "
                          "'not audited: budget'."),
        click.option("--audit-concurrency", type=click.IntRange(1, 64), default=None,
                     help="Requests in flight at once (default 4)."),
        click.option("--audit-validator", metavar="CMD", default=None,
                     help="A command that checks each model finding: the finding as JSON on stdin, exit 0 "
                          "confirmed, 1 refuted, 2 inconclusive."),
        click.option("--audit-votes", metavar="K/N", default=None,
                     help="Refutation verdicts that must confirm a finding that would block (default 2/3)."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


def audit_setup(audit_spec, mode, budget, concurrency, validator, votes, fail_on, table: dict | None = None):
    """(AuditOptions, provider), or None without --audit. `table`: a policy
    file's [audit] settings, which the command line overrides."""
    table = dict(table or {})
    spec = audit_spec or table.pop("provider", None)
    if spec is None:
        if any(v is not None for v in (mode, budget, concurrency, validator, votes)):
            raise UsageError("the --audit-* options need --audit PROVIDER")
        return None
    from prescan.audit.options import AuditOptions, parse_budget, parse_provider, parse_votes
    parse_provider(spec)
    budget = budget if budget is not None else table.get("budget")
    opts = AuditOptions(
        provider=spec, mode=mode or table.get("mode", "sync"),
        budget=parse_budget(str(budget)) if budget is not None else AuditOptions.budget,
        concurrency=int(concurrency or table.get("concurrency", 4)),
        validator=validator or table.get("validator"),
        votes=parse_votes(votes or str(table.get("votes", "2/3"))), fail_on=fail_on)
    try:
        from prescan.audit.providers import make_provider
    except ImportError:
        raise UsageError("this prescan has no model providers", hint="install prescan with its audit support") \
            from None
    # where to reach the provider may come from the policy; the key itself only from the environment
    provider = make_provider(spec, {"concurrency": opts.concurrency,
                                    **{k: table[k] for k in ("base-url", "api-key-env") if table.get(k)}})
    return opts, provider


def policy_audit(policy) -> dict:
    """A policy's [audit] table in the shape audit_setup reads (provider
    spec "anthropic:MODEL"), or {} when it names no provider."""
    settings = getattr(policy, "audit", None)
    if settings is None or not settings.provider:
        return {}
    spec = settings.provider if ":" in settings.provider or not settings.model \
        else f"{settings.provider}:{settings.model}"
    table = {"provider": spec}
    for key in ("budget", "concurrency", "mode", "validator", "base-url", "api-key-env"):
        if getattr(settings, key.replace("-", "_")) is not None:
            table[key] = getattr(settings, key.replace("-", "_"))
    return table
