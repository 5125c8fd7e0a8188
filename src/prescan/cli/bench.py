"""`prescan bench`: time full scans of a folder (default: this Python's standard
library) and the scan of a generated ~200-line commit; a table or stable JSON."""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass

import click

from prescan import __version__
from prescan.change.worktree import read_entry
from prescan.cli.output import interactive
from prescan.errors import UsageError
from prescan.execute import default_jobs
from prescan.parse import languages, parse
from prescan.pipeline import ScanOptions, run_scan
from prescan.report import render
from prescan.report.gate import exit_code
from prescan.report.options import ReportOptions
from prescan.rules.loader import load_rules

SCHEMA = "prescan-bench"
SCHEMA_VERSION = 1
MB = 1_000_000
_GIT_ENV = {"GIT_AUTHOR_NAME": "prescan bench", "GIT_AUTHOR_EMAIL": "bench@prescan.invalid",
            "GIT_COMMITTER_NAME": "prescan bench", "GIT_COMMITTER_EMAIL": "bench@prescan.invalid",
            "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+00:00",
            # the user's config (hooks, templates, autocrlf) must not shape the measured repository
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


@click.command()
@click.argument("path", required=False)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
@click.option("--repeat", type=click.IntRange(min=1), default=3, show_default=True,
              help="Runs of each measurement; the fastest is reported.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rules", "rules_dirs", multiple=True, metavar="DIR", help="Add a rule directory (repeatable).")
def bench(path, jobs, repeat, fmt, rules_dirs) -> None:
    """Benchmark a full scan of PATH (default: the Python standard library)
    and the scan of a ~200-line, 5-file commit made from a sample of it."""
    root = os.path.abspath(path or sysconfig.get_paths()["stdlib"])
    if not os.path.isdir(root):
        raise UsageError("no such folder", path=path or root)
    say = _say if interactive() else None
    ruleset = load_rules(list(rules_dirs))
    runs = []
    for i in range(repeat):
        runs.append(_full_run(root, ruleset, jobs, f"full scan {i + 1}/{repeat}", say))
    memory = _peak_memory()         # before the diff part, whose git children would count too
    best = min(runs, key=lambda r: r["total_s"])
    change = runs[0]["_change"]
    for r in runs:
        del r["_change"]
    diff = _diff_latency(change[0], change[2], ruleset, jobs, repeat, say or (lambda _msg: None))
    if say:
        click.echo("\r\033[K", nl=False, err=True)
    doc = _document(path, root, change, ruleset, jobs, runs, best, memory, diff)
    click.echo(json.dumps(doc, indent=2, sort_keys=True) if fmt == "json" else _table(doc))


def _say(msg: str) -> None:
    click.echo(f"\r\033[Kprescan bench: {msg}", nl=False, err=True)


def _full_run(root: str, ruleset, jobs: int | None, label: str, say) -> dict:
    progress = (lambda done, total, _path: say(f"{label}: {done}/{total} files")) if say else None
    result = run_scan(ScanOptions(repo=root, all_files=True, jobs=jobs), ruleset, progress=progress)
    t0 = time.perf_counter()
    ropts = ReportOptions(exit_code=exit_code(result.findings, "high", "low"))
    render("json", result, ropts)
    report_s = time.perf_counter() - t0
    t, s = result.timings, result.stats
    return {"change_s": t["change"], "parse_s": t["parse"], "analyze_s": t["analyze"], "scan_s": t["scan"],
            "report_s": report_s, "total_s": t["total"] + report_s, "files": s["files_scanned"],
            "versions": s["versions_scanned"], "lines": s["lines_scanned"], "bytes": s["bytes_scanned"],
            "findings": len(result.findings), "warnings": len(result.warnings),
            "_change": (result.change.repo_root, result.change.description,
                        [fc.path for fc in result.change.files if fc.path and fc.hunks and not fc.binary])}


def _workers(jobs: int | None, n_tasks: int, n_bytes: int) -> int:
    jobs = jobs or default_jobs()
    # make_executor's own thresholds: a small scan runs in this process
    return 1 if jobs <= 1 or n_tasks < 8 or n_bytes < 256 * 1024 else min(jobs, n_tasks)


def _peak_memory() -> dict:
    try:
        import resource     # POSIX only: imported here so that the CLI still loads on Windows
    except ImportError:     # pragma: no cover
        return {"peak_rss_mb": None, "peak_child_rss_mb": None}
    # ru_maxrss is in KiB on Linux and in bytes on macOS
    unit = 1 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit
    return {"peak_rss_mb": round(own / MB, 1), "peak_child_rss_mb": round(kids / MB, 1)}


def _document(path, root, change, ruleset, jobs, runs, best, memory, diff) -> dict:
    from prescan._native import BACKEND
    workers = _workers(jobs, best["versions"], best["bytes"])
    secs = best["total_s"] - best["report_s"]
    rate = {"files_per_s": best["files"] / secs, "lines_per_s": best["lines"] / secs,
            "mb_per_s": best["bytes"] / MB / secs} if secs > 0 else {}
    repo_root, description, _ = change
    return {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
        "prescan": {"version": __version__, "native_backend": BACKEND},
        "machine": {"cpu_count": os.cpu_count(), "usable_cpus": default_jobs(),
                    "python": platform.python_version(), "implementation": platform.python_implementation(),
                    "platform": platform.platform(), "load_average": _loadavg()},
        "corpus": {"path": root, "default": path is None, "root": repo_root, "description": description,
                   "files": best["files"], "lines": best["lines"], "bytes": best["bytes"],
                   "mb": round(best["bytes"] / MB, 3)},
        "rules": {"count": len(ruleset.rules), "digest": ruleset.digest},
        "full_scan": {
            "jobs": jobs or default_jobs(), "workers": workers, "repeat": len(runs),
            "stages_s": {"change": best["change_s"], "parse": best["parse_s"], "analyze": best["analyze_s"],
                         "scan_wall": best["scan_s"], "report": best["report_s"]},
            "scan_s": secs, "total_s": best["total_s"], "runs_total_s": [r["total_s"] for r in runs],
            "throughput": rate, "throughput_per_core": {k: v / workers for k, v in rate.items()},
            "findings": best["findings"], "warnings": best["warnings"],
        },
        "memory": memory,
        "diff_scan": {**diff, "vs_full_scan": diff["best_s"] / secs if "best_s" in diff and secs > 0 else None},
    }


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):  # pragma: no cover - not on this platform
        return None


def _diff_latency(repo_root: str, paths: list[str], ruleset, jobs, repeat: int, say) -> dict:
    if shutil.which("git") is None:
        return {"skipped": "git is not installed"}
    tmp = tempfile.mkdtemp(prefix="prescan-bench-")
    try:
        say("building the diff-scan repository")
        repo = build_diff_repo(repo_root, paths, os.path.join(tmp, "repo"), sample=300)
        if repo is None:
            return {"skipped": "no source file to change"}
        times = []
        for i in range(repeat):
            say(f"diff scan {i + 1}/{repeat}")
            t0 = time.perf_counter()
            result = run_scan(ScanOptions(repo=repo.root, base=repo.base, head=repo.head, jobs=jobs), ruleset)
            times.append(time.perf_counter() - t0)
        return {"best_s": min(times), "runs_s": times, "repo_files": repo.repo_files,
                "files_changed": len(repo.files), "lines_added": repo.lines_added,
                "versions_scanned": result.stats["versions_scanned"], "changed_paths": list(repo.files)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass(frozen=True)
class DiffRepo:
    root: str
    base: str                   # commit id before the change
    head: str                   # commit id of the change
    files: tuple[str, ...]      # the changed files
    lines_added: int
    repo_files: int


def build_diff_repo(src_root: str, paths: list[str], dest: str, *, sample: int | None = None,
                    n_files: int = 5, n_lines: int = 200) -> DiffRepo | None:
    """A git repository at dest holding a copy of paths (or an even sample of
    them) and a commit that duplicates functions under new names in n_files of
    them, adding about n_lines lines; None when no file can be changed."""
    planned = _plan_change(src_root, sorted(paths), n_files, n_lines)
    if not planned:
        return None
    chosen = {p for p, _, _ in planned}
    rest = [p for p in sorted(paths) if p not in chosen]
    if sample is not None and len(rest) > sample - len(chosen):
        step = len(rest) / max(1, sample - len(chosen))
        rest = [rest[int(i * step)] for i in range(sample - len(chosen))]
    copied = 0
    for rel in sorted(chosen) + rest:
        entry = read_entry(src_root, rel)
        if entry is not None and entry.kind == "file":
            _write(dest, rel, entry.data)
            copied += 1
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "corpus sample")
    for rel, data, _ in planned:
        _write(dest, rel, data)
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "duplicate some functions")
    base, head = _git(dest, "rev-parse", "HEAD~1", "HEAD").split()
    return DiffRepo(dest, base, head, tuple(p for p, _, _ in planned), sum(n for _, _, n in planned), copied)


def _write(dest: str, rel: str, data: bytes) -> None:
    full = os.path.join(dest, *rel.split("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as fh:
        fh.write(data)


def _git(cwd: str, *args: str) -> str:
    proc = subprocess.run(["git", "-c", "core.hooksPath=" + os.devnull, "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, env={**os.environ, **_GIT_ENV}, stdin=subprocess.DEVNULL,
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise UsageError(f"git {args[0]} failed while building the diff-scan repository",
                         detail=proc.stderr.decode("utf-8", "replace").strip()[:200])
    return proc.stdout.decode()


def _plan_change(src_root: str, paths: list[str], n_files: int, n_lines: int) -> list[tuple[str, bytes, int]]:
    """(path, new content, lines added) for up to n_files files spread over the corpus."""
    want = -(-n_lines // n_files)
    # a realistic change touches library code of ordinary size, not test data
    usual = [p for p in paths if not re.search(r"(^|/)(tests?|testing|fixtures?)(/|$)", p)]
    pool = usual or paths
    step = max(1, len(pool) // (n_files * 8))
    order = pool[::step] + [p for i, p in enumerate(pool) if i % step]
    out: dict[str, tuple[bytes, int]] = {}
    # ordinary-sized files first; a tiny corpus falls back to whatever it has
    for lo, hi in ((2_000, 64_000), (1, 1 << 30)):
        for rel in order:
            language = languages.detect(rel)
            if len(out) == n_files or rel in out or language is None:
                continue
            entry = read_entry(src_root, rel)
            if entry is None or entry.kind != "file" or not lo <= len(entry.data) <= hi:
                continue
            edit = _duplicate_functions(rel, entry.data, language, want)
            if edit:
                out[rel] = edit
    return [(rel, data, n) for rel, (data, n) in out.items()]


def _duplicate_functions(path: str, data: bytes, language: str, want: int) -> tuple[bytes, int] | None:
    """data with copies of its small functions, each renamed and inserted after
    its original, until about `want` lines are added; None if it has none."""
    parsed = parse(path, data, language)
    if parsed.facts.syntax_issues:      # an edit must keep a valid file valid
        return None
    units = sorted((u for u in parsed.facts.units if u.kind in ("function", "method")
                    and 4 <= u.end_line - u.start_line + 1 <= 30), key=lambda u: u.start_line)
    chosen, added, last = [], 0, 0
    for u in units:
        size = u.end_line - u.start_line + 2
        # skip one nested in a copied one, and one that would overshoot the target by much
        if u.start_line <= last or (chosen and added + size > want + 5):
            continue
        chosen.append(u)
        last = u.end_line
        added += size
        if added >= want:
            break
    if not chosen:
        return None
    lines = data.splitlines(keepends=True)
    for n, u in enumerate(reversed(chosen)):
        if not lines[u.end_line - 1].endswith(b"\n"):
            lines[u.end_line - 1] += b"\n"
        block = b"".join(lines[u.start_line - 1:u.end_line])
        name = u.name.encode()
        block = re.sub(rb"\b" + re.escape(name) + rb"\b", name + b"_v%d" % (len(chosen) - n), block, count=1)
        lines[u.end_line:u.end_line] = [b"\n", block]
    return b"".join(lines), added


def _table(doc: dict) -> str:
    c, fs, m, d = doc["corpus"], doc["full_scan"], doc["machine"], doc["diff_scan"]
    st, rate, core = fs["stages_s"], fs["throughput"], fs["throughput_per_core"]
    rows = [
        f"prescan {doc['prescan']['version']} bench (native backend: {doc['prescan']['native_backend']}, "
        f"{doc['rules']['count']} rules)",
        f"machine   {m['cpu_count']} cpus ({m['usable_cpus']} usable), {m['implementation']} {m['python']}, "
        f"{m['platform']}, load {m['load_average']}",
        f"corpus    {c['path']}",
        f"          {c['files']:,} files, {c['lines']:,} lines, {c['mb']:.1f} MB; {c['description']}",
        "",
        f"full scan, best of {fs['repeat']}, {fs['jobs']} jobs ({fs['workers']} "
        f"worker{'s' if fs['workers'] != 1 else ''})",
        f"  {'change':<22}{st['change']:>10.2f} s",
        f"  {'parse (sum of workers)':<22}{st['parse']:>10.2f} s",
        f"  {'analyze (sum)':<22}{st['analyze']:>10.2f} s",
        f"  {'parse+analyze wall':<22}{st['scan_wall']:>10.2f} s",
        f"  {'report (json)':<22}{st['report']:>10.2f} s",
        f"  {'total':<22}{fs['total_s']:>10.2f} s   runs: " + ", ".join(f"{x:.2f}" for x in fs["runs_total_s"]),
        f"  {'':<22}{'overall':>10}  {'per core':>10}",
    ]
    for key, label, fmt in (("files_per_s", "files/s", ",.1f"), ("lines_per_s", "lines/s", ",.0f"),
                            ("mb_per_s", "MB/s", ",.2f")):
        if key in rate:
            rows.append(f"  {label:<22}{rate[key]:>10{fmt}}  {core[key]:>10{fmt}}")
    mem = doc["memory"]
    if mem["peak_rss_mb"] is not None:
        rows.append(f"peak RSS  {mem['peak_rss_mb']:.0f} MB (this process), "
                    f"{mem['peak_child_rss_mb']:.0f} MB (largest child)")
    if "best_s" in d:
        rows.append(f"diff scan {d['best_s']:.3f} s best of {len(d['runs_s'])}: {d['files_changed']} files, "
                    f"+{d['lines_added']} lines, in a {d['repo_files']}-file repository "
                    f"({100 * (d['vs_full_scan'] or 0):.2f}% of the full scan)")
    else:
        rows.append(f"diff scan skipped: {d.get('skipped')}")
    return "\n".join(rows) + "\n"
