"""The scan pipeline: change -> parse -> analyze -> scope -> result.

A diff scan analyzes both versions of every changed file and compares their
findings by fingerprint, so the new findings of a diff scan are exactly the
new findings a full scan of head would show against a full scan of base."""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field, replace

from prescan import change as change_stage
from prescan.analyze import analyze_file, matcher_for, secret_findings
from prescan.change.git import blob_id
from prescan.change.model import COPIED, ChangeSet, FileChange
from prescan.execute import make_executor
from prescan.findings import Finding
from prescan.parse import languages, parse
from prescan.rules.loader import RuleSet
from prescan.scope import changed_spans, in_scope
from prescan.store.fingerprint import number_occurrences

DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024


@dataclass(frozen=True)
class ScanOptions:
    repo: str | None = None
    base: str | None = None
    head: str | None = None
    staged: bool = False
    patch: str | None = None
    patch_text: bytes | None = None
    all_files: bool = False
    scope: str = "units"                 # lines | units | files
    jobs: int | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


@dataclass(frozen=True)
class FileWarning:
    path: str
    message: str
    line: int | None = None
    kind: str = "warning"                # syntax | binary | too-large | unreadable


@dataclass(frozen=True)
class _Job:
    path: str
    side: str                            # "base" | "head"
    language: str | None                 # None: a text file only checked for secrets
    data: bytes
    blob: str | None = None              # git blob id of data, when git knows it


@dataclass(frozen=True)
class _Outcome:
    path: str
    side: str
    findings: tuple[Finding, ...]
    warnings: tuple[FileWarning, ...]
    lines: int
    units: tuple = ()
    parse_s: float = 0.0
    analyze_s: float = 0.0
    cacheable: bool = True               # False when a failure, not the file, shaped it


@dataclass
class ScanResult:
    change: ChangeSet
    ruleset: RuleSet
    findings: list[Finding]              # head findings in scope: status new or unchanged
    fixed: list[Finding]                 # base findings gone from head
    warnings: list[FileWarning]
    stats: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)


_RULESET: RuleSet | None = None


def _init_worker(ruleset: RuleSet) -> None:
    global _RULESET
    _RULESET = ruleset


def _scan_job(job: _Job) -> _Outcome:
    """Parse and analyze one file version; never raises for bad input."""
    t0 = time.perf_counter()
    if job.language is None:
        secrets = tuple(secret_findings(job.path, job.data)) if _RULESET.secrets else ()
        return _Outcome(job.path, job.side, secrets, (), job.data.count(b"\n"), (), 0.0,
                        time.perf_counter() - t0)
    try:
        parsed = parse(job.path, job.data, job.language)
    except Exception as exc:  # noqa: BLE001 - hostile input must not stop the scan
        return _Outcome(job.path, job.side, (), (FileWarning(job.path, f"could not be parsed: {exc}",
                                                              kind="syntax"),), 0, cacheable=False)
    t1 = time.perf_counter()
    warnings = []
    issues = parsed.facts.syntax_issues
    if issues:                          # shown for the head only (see run_scan)
        first = issues[0]
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        warnings.append(FileWarning(job.path, f"syntax error at line {first.line}{more}; "
                                    "the rest of the file was scanned", first.line, "syntax"))
    ok = parsed.tree is not None        # a parse that failed or timed out may succeed next time
    try:
        findings = tuple(analyze_file(parsed, _RULESET))
        if _RULESET.secrets:
            findings += tuple(secret_findings(job.path, parsed.source, parsed.facts.units, job.language))
    except Exception as exc:  # noqa: BLE001
        findings, ok = (), False
        warnings.append(FileWarning(job.path, f"analysis failed: {type(exc).__name__}: {exc}", kind="error"))
    t2 = time.perf_counter()
    return _Outcome(job.path, job.side, findings, tuple(warnings), parsed.facts.lines,
                    parsed.facts.units, t1 - t0, t2 - t1, ok)


def _jobs_for(fc: FileChange, contents, opts: ScanOptions, warnings: list[FileWarning],
              secrets: bool) -> list[_Job]:
    if fc.submodule or fc.symlink:
        return []
    if fc.binary:
        # an image is expected to be binary; a "source file" that is binary is worth a word
        if fc.path and languages.detect(fc.path):
            warnings.append(FileWarning(fc.path, "binary file, not scanned", kind="binary"))
        return []
    out = []
    # a copy leaves its original in place: the original is not this file's base
    base_path = None if fc.status == COPIED else fc.old_path
    for side, path, getter, blob in (("head", fc.path, contents.new, fc.new_blob),
                                     ("base", base_path, contents.old, fc.old_blob)):
        if path is None:
            continue
        data = getter(fc)
        if data is None:
            continue
        language = languages.detect(path, data[:256])
        if language is None and not secrets:
            continue                    # without the credential detectors, only code is read
        if b"\0" in data[:8000]:
            if side == "head" and language is not None:
                warnings.append(FileWarning(path, "binary file, not scanned", kind="binary"))
            continue
        if len(data) > opts.max_file_size:
            if side == "head":
                warnings.append(FileWarning(path, f"{len(data) // (1024 * 1024)} MB is over the "
                                            f"--max-file-size limit, not scanned", kind="too-large"))
            continue
        out.append(_Job(path, side, language, data, blob))
    return out


def run_scan(opts: ScanOptions, ruleset: RuleSet, progress=None, cache=None) -> ScanResult:
    """cache: a store.blobcache.BlobCache; file versions found in it are
    neither parsed nor analyzed, and those analyzed are put in it."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    cs, contents = change_stage.collect(
        opts.repo, base=opts.base, head=opts.head, staged=opts.staged, patch=opts.patch,
        patch_text=opts.patch_text, all_files=opts.all_files)
    warnings: list[FileWarning] = []
    try:
        jobs = [j for fc in cs.files for j in _jobs_for(fc, contents, opts, warnings, ruleset.secrets)]
    finally:
        contents.close()
    timings["change"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    outcomes, todo = _from_cache(cache, jobs, ruleset)
    # build each language's combined query once, here: forked workers inherit it
    for language in sorted({j.language for j in todo if j.language}):
        matcher_for(ruleset, language)
    executor = make_executor(opts.jobs, len(todo), sum(len(j.data) for j in todo), _init_worker, (ruleset,))
    try:
        for job, out in zip(todo, executor.map(_scan_job, todo)):
            outcomes.append(out)
            if cache is not None and out.cacheable:
                from prescan.store import filecache
                filecache.put(cache, _cache_key(job, ruleset), out.findings, out.units, out.lines,
                              [(w.message, w.line, w.kind) for w in out.warnings])
            if progress:
                progress(len(outcomes), len(jobs), out.path)
    finally:
        executor.close()
    if cache is not None:               # back in job order, as without a cache
        rank = {(j.path, j.side): i for i, j in enumerate(jobs)}
        outcomes.sort(key=lambda o: rank[o.path, o.side])
    timings["scan"] = time.perf_counter() - t1
    timings["parse"] = sum(o.parse_s for o in outcomes)
    timings["analyze"] = sum(o.analyze_s for o in outcomes)

    head = number_occurrences(f for o in outcomes if o.side == "head" for f in o.findings)
    base = number_occurrences(f for o in outcomes if o.side == "base" for f in o.findings)
    for o in outcomes:
        warnings.extend(w for w in o.warnings if o.side == "head" or w.kind != "syntax")
    if cs.mode == "all":
        # a whole tree has nothing to compare with: everything it holds is new
        shown, fixed = [replace(f, status="new") for f in head], []
    else:
        new, unchanged, fixed = compare(head, base, cs)
        spans = changed_spans(cs, {o.path: o.units for o in outcomes if o.side == "head"})
        shown = [replace(f, status="new") for f in new] + \
                [replace(f, status="unchanged") for f in unchanged if in_scope(f, spans, opts.scope)]
    shown.sort(key=Finding.sort_key)
    fixed = sorted((replace(f, status="fixed") for f in fixed), key=Finding.sort_key)
    heads = [o for o in outcomes if o.side == "head"]
    stats = {
        "files_changed": len(cs.files), "files_scanned": len(heads),
        "versions_scanned": len(outcomes), "lines_scanned": sum(o.lines for o in heads),
        "bytes_scanned": sum(len(j.data) for j in jobs if j.side == "head"),
        "rules": len(ruleset.rules), "versions_analyzed": len(todo),
    }
    timings["total"] = time.perf_counter() - t0
    return ScanResult(cs, ruleset, shown, fixed, warnings, stats, timings)


def _cache_key(job: _Job, ruleset: RuleSet) -> str:
    from prescan.store import filecache
    return filecache.key(job.blob or blob_id(job.data), job.path, job.language, ruleset)


def _from_cache(cache, jobs: list[_Job], ruleset: RuleSet) -> tuple[list[_Outcome], list[_Job]]:
    """Outcomes of the jobs found in the cache, and the jobs left to run."""
    if cache is None:
        return [], jobs
    from prescan.store import filecache       # pyarrow: only paid when a cache is used
    found, todo = [], []
    for job in jobs:
        hit = filecache.get(cache, _cache_key(job, ruleset))
        if hit is None:
            todo.append(job)
            continue
        findings, units, lines, warns = hit
        found.append(_Outcome(job.path, job.side, findings,
                              tuple(FileWarning(job.path, m, line, kind) for m, line, kind in warns),
                              lines, units))
    return found, todo


def compare(head: list[Finding], base: list[Finding], cs: ChangeSet):
    """Split findings by fingerprint into (new, unchanged, fixed), counting
    copies. A head finding pairs first with a base finding of the same file
    (following renames), so that which copy is new is the intuitive one."""
    renamed = {fc.path: fc.old_path for fc in cs.files if fc.path and fc.old_path and fc.status != COPIED}
    pool: dict[str, list[Finding]] = defaultdict(list)
    for f in base:
        pool[f.fingerprint].append(f)
    new, unchanged, pending = [], [], []
    for f in head:
        cands = pool.get(f.fingerprint)
        old = renamed.get(f.path, f.path)
        hit = next((i for i, b in enumerate(cands or []) if b.path == old), None)
        if hit is not None:
            cands.pop(hit)
            unchanged.append(f)
        else:
            pending.append(f)
    for f in pending:
        cands = pool.get(f.fingerprint)
        if cands:
            cands.pop()
            unchanged.append(f)
        else:
            new.append(f)
    fixed = [b for rest in pool.values() for b in rest]
    return new, unchanged, fixed
