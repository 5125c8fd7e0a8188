"""`prescan scan`: scan a change (or a whole tree) and gate on the result."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import datetime, timezone

import click

from prescan.cli.auditopts import audit_options, audit_setup, policy_audit
from prescan.cli.output import emit, interactive, use_color
from prescan.cli.progress import Progress
from prescan.cli.storeopts import locate, repository, repository_name, store_option
from prescan.errors import PrescanError, UsageError
from prescan.pipeline import DEFAULT_DEPTH, DEFAULT_MAX_FILE_SIZE, ScanOptions, run_scan
from prescan.policy.config import resolve_gate
from prescan.report import FORMATS, render
from prescan.report.gate import exit_code
from prescan.report.options import ReportOptions
from prescan.rules.loader import load_rules
from prescan.rules.model import CONFIDENCES, SEVERITIES
from prescan.scope import SCOPES


@click.command()
@click.option("--base", metavar="REV", help="Scan the change from merge-base(REV, head) to head.")
@click.option("--head", metavar="REV", help="The revision to scan (default: the work tree).")
@click.option("--staged", is_flag=True, help="Scan what is staged in the index against HEAD.")
@click.option("--patch", "patch", metavar="FILE", help="Scan a unified diff ('-' reads stdin).")
@click.option("--all", "all_files", is_flag=True, help="Scan the whole tree (of --head, else the work tree).")
@click.option("-C", "--repo", "repo", metavar="DIR", help="Run in DIR instead of the current folder.")
@click.option("--rules", "rules_dirs", multiple=True, metavar="DIR", help="Add a rule directory (repeatable).")
@click.option("--no-builtin-rules", is_flag=True, help="Use only the --rules directories.")
@click.option("--scope", type=click.Choice(SCOPES), default="units", show_default=True,
              help="Which pre-existing findings to show: on changed lines, in changed units, in changed files.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format (default: text).")
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE.")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), default=None,
              help="Lowest severity of a new finding that fails the scan (exit 1) "
                   "[default: the policy's fail-on, else high].")
@click.option("--min-confidence", type=click.Choice(CONFIDENCES), default=None,
              help="Lowest confidence of a finding that can fail the scan [default: the policy's, else low].")
@click.option("--policy", "policy_file", metavar="FILE",
              help="Use this policy file instead of the repository's (.prescan.toml of the base revision).")
@click.option("--no-suppress", is_flag=True, help="Ignore inline suppressions: show and gate on everything.")
@click.option("--fetch-base", is_flag=True,
              help="In a shallow clone, fetch the history the base needs (git fetch --deepen) before scanning.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=DEFAULT_MAX_FILE_SIZE // (1024 * 1024),
              show_default=True, help="Skip (and report) files larger than this many MB.")
@click.option("--depth", type=click.IntRange(min=0, max=8), default=DEFAULT_DEPTH, show_default=True,
              help="Calls followed across functions and files: from a change to its callers and "
                   "callees, and along a taint path (0: changed files only, no cross-file taint).")
@click.option("-q", "--quiet", is_flag=True, help="Print only results and errors.")
@click.option("--no-color", is_flag=True, help="No colors (NO_COLOR is also respected).")
@store_option
@click.option("--no-store", is_flag=True, help="Do not record this scan and do not use the blob cache.")
@click.option("--release", metavar="NAME",
              help="Record a whole-tree scan of --head (default HEAD) as release NAME.")
@click.option("--baseline", metavar="NAME", help="Report only findings that are not in the recorded release NAME.")
@audit_options
def scan(base, head, staged, patch, all_files, repo, rules_dirs, no_builtin_rules, scope, fmt, output,
         fail_on, min_confidence, policy_file, no_suppress, fetch_base, jobs, max_file_size, depth, quiet,
         no_color, store_uri, no_store, release, baseline, audit_spec, audit_mode, audit_budget, audit_concurrency,
         audit_validator, audit_votes) -> None:
    """Scan a change. With no arguments: the current branch against its
    merge-base with the default branch, plus uncommitted work.

    Every scan in a git work tree is recorded in the result store
    (.prescan/ at its root, which git ignores), whose blob cache spares
    re-analyzing files already seen; --no-store turns both off."""
    started = datetime.now(timezone.utc)
    modes = [m for m, on in (("--staged", staged), ("--patch", patch), ("--all", all_files)) if on]
    if len(modes) > 1:
        raise UsageError(f"{' and '.join(modes)} cannot be combined")
    if (staged or patch) and (base or head):
        raise UsageError(f"{modes[0]} cannot be combined with --base/--head")
    if all_files and base:
        raise UsageError("--all scans a whole tree; it takes --head but not --base")
    if repo and not os.path.isdir(repo):
        raise UsageError("no such folder", path=repo)
    if release is not None:
        if base or staged or patch:
            raise UsageError("--release records a whole tree; it takes --head but not --base, --staged "
                             "or --patch")
        if not release.strip() or release != release.strip():
            raise UsageError("--release needs a name without surrounding spaces")
        # a release is what is committed: HEAD's tree unless --head says otherwise
        all_files, head = True, head or "HEAD"
    if release is not None and release == baseline:
        raise UsageError("--baseline must name another release than --release")
    if no_store and (release or baseline or store_uri):
        raise UsageError("--no-store cannot be combined with --store, --release or --baseline")
    patch_text = None
    if patch == "-":
        patch_text = sys.stdin.buffer.read()
    elif patch and not os.path.isfile(patch):
        raise UsageError("patch file not found", path=patch)
    if no_builtin_rules and not rules_dirs:
        raise UsageError("--no-builtin-rules needs at least one --rules DIR")
    # the provider is built first: a missing key fails before any scanning work
    auditor = audit_setup(audit_spec, audit_mode, audit_budget, audit_concurrency, audit_validator, audit_votes,
                          fail_on or "high") if audit_spec else None
    ruleset = load_rules(list(rules_dirs), builtin=not no_builtin_rules)
    if policy_file and not os.path.isfile(policy_file):
        raise UsageError("policy file not found", path=policy_file)
    opts = ScanOptions(repo=repo or os.getcwd(), base=base, head=head, staged=staged,
                       patch=None if patch == "-" else patch, patch_text=patch_text, all_files=all_files,
                       scope=scope, jobs=jobs, max_file_size=max_file_size * 1024 * 1024, depth=depth,
                       policy=os.path.abspath(policy_file) if policy_file else "auto", suppress=not no_suppress,
                       fetch_base=fetch_base)
    loc = None if no_store else locate(store_uri, repo, required=bool(release or baseline))
    cache = _open_cache(loc)
    progress = Progress() if not quiet and interactive() else None
    try:
        result = run_scan(opts, ruleset, progress=progress, cache=cache)
        fail_on, min_confidence = resolve_gate(result.policy, fail_on, min_confidence)
        if baseline is None and result.policy is not None and result.policy.baseline and release is None:
            if loc is None:
                _warn(f"the policy's baseline {result.policy.baseline} is not applied: no result store")
            else:
                baseline = result.policy.baseline
        if auditor is None:     # an [audit] table in the policy (of the base revision in a diff scan)
            auditor = audit_setup(None, audit_mode, audit_budget, audit_concurrency, audit_validator, audit_votes,
                                  fail_on, table=policy_audit(result.policy))
        if auditor is not None:
            from prescan.audit.stage import run_audit
            if progress:
                progress.stage("auditing")
            auditor = (replace(auditor[0], fail_on=fail_on), auditor[1])
            result = run_audit(result, *auditor, loc=loc, blobs=cache,
                               note=None if quiet else lambda text: click.echo(f"prescan: audit: {text}", err=True))
            for text in result.audit.warnings:
                _warn(text)
        if loc is not None:
            if progress:
                progress.stage("recording")
            result = _record(loc, cache, result, repo, started, release, baseline, quiet)
    finally:
        if progress:
            progress.close()
    code = exit_code(result.findings, fail_on, min_confidence)
    fmt = fmt or "text"
    color = fmt == "text" and (not output or output == "-") and use_color(no_color)
    ropts = ReportOptions(fail_on=fail_on, min_confidence=min_confidence, color=color, exit_code=code)
    emit(render(fmt, result, ropts), output)
    if output and output != "-" and not quiet:
        click.echo(f"prescan: wrote {fmt} report to {output}", err=True)
    sys.exit(code)


def _open_cache(loc):
    if loc is None:
        return None
    from prescan.store.blobcache import BlobCache
    try:
        cache = BlobCache.open(loc)
    except (PrescanError, OSError) as exc:       # a broken cache costs speed, never the scan
        _warn(f"blob cache not used: {_text(exc)}")
        return None
    for problem in cache.problems:
        _warn(f"blob cache: {problem.one_line()}")
    return cache


def _record(loc, cache, result, repo, started, release, baseline, quiet):
    """Flush the cache, record the scan, and apply --baseline: the result to report."""
    from prescan.store.record import against_baseline, record
    counters = {}
    if cache is not None:
        try:
            cache.flush()
        except OSError as exc:
            _warn(f"blob cache not saved: {_text(exc)}")
        counters = cache.counters()
    try:
        scan_id = record(loc, result, repository=repository_name(repository(repo)), started_at=started,
                         ended_at=datetime.now(timezone.utc), release=release, baseline=baseline,
                         counters=counters)
    except (PrescanError, OSError) as exc:
        if release:
            raise PrescanError("could not record the release", detail=_text(exc), path=loc.display) from None
        _warn(f"scan not recorded in {loc.display}: {_text(exc)}")
    else:
        if release and not quiet:
            click.echo(f"prescan: recorded release {release} (scan {scan_id}) in {loc.display}", err=True)
    if baseline:
        fresh, gone, matched, _ = against_baseline(loc, baseline, result.findings, result.change.mode == "all")
        stats = {**result.stats, "baseline": baseline, "baseline_matched": matched}
        result = replace(result, findings=fresh, fixed=gone if result.change.mode == "all" else result.fixed,
                         stats=stats)
    return result


def _text(exc) -> str:
    return exc.one_line() if isinstance(exc, PrescanError) else str(exc)


def _warn(text: str) -> None:
    # warnings show even with --quiet: they say a result is not what was asked
    click.echo(f"prescan: warning: {text}", err=True)
