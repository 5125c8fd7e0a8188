"""The scan pipeline: change -> parse -> scope -> analyze -> result.

A diff scan analyzes both versions of every changed file, plus the unchanged
files the change can alter (callers and callees to --depth, found by the
impact scope), and compares findings by fingerprint, so the new findings of
a diff scan are exactly the new findings a full scan of head would show
against a full scan of base. Taint paths that cross functions and files are
joined from per-file facts once every file of a side is analyzed."""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field, replace

from prescan import change as change_stage
from prescan.analyze import analyze_file, interproc, matcher_for, relay_facts, secret_findings
from prescan.change.git import blob_id
from prescan.change.model import COPIED, ChangeSet, FileChange
from prescan.execute import make_executor
from prescan.findings import Finding
from prescan.parse import languages, parse
from prescan.parse.symbols import Symbols, extract_symbols
from prescan.rules.loader import RuleSet
from prescan.scope import changed_spans, impact, in_scope
from prescan.store.fingerprint import number_occurrences

DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024
DEFAULT_DEPTH = 2


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
    depth: int = DEFAULT_DEPTH           # calls followed from a change, and along a taint path
    policy: str | None = None            # None: no policy; "auto": the repository's (policy.source); or a file
    suppress: bool = True                # honour inline suppressions (with a policy)
    fetch_base: bool = False             # a shallow clone may fetch the history the base needs


@dataclass(frozen=True)
class FileWarning:
    path: str
    message: str
    line: int | None = None
    kind: str = "warning"                # syntax | binary | too-large | unreadable


@dataclass(frozen=True)
class _Job:
    path: str
    side: str                            # "base" | "head" | "context" (unchanged, the same on both sides)
    language: str | None                 # None: a text file only checked for secrets
    data: bytes
    relay: tuple = ()                    # ((rule id, (function names...)), ...): follow these parameters
    flows: bool = False                  # record which callees each function's parameters reach (impact scope)
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
    symbols: Symbols | None = None
    facts: tuple = ()                    # interproc.SinkExport / CallFact
    cacheable: bool = True               # False when a failure, not the file, shaped it


@dataclass(frozen=True)
class FileVersion:
    """One file version the scan read, for the stages after analysis (the audit)."""
    path: str
    side: str                            # head | base | context
    language: str | None
    data: bytes
    units: tuple
    symbols: Symbols | None


@dataclass
class ScanResult:
    change: ChangeSet
    ruleset: RuleSet
    findings: list[Finding]              # head findings in scope: status new or unchanged
    fixed: list[Finding]                 # base findings gone from head
    warnings: list[FileWarning]
    stats: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    policy: object = None                # the policy.config.Policy applied, when ScanOptions.policy is set
    versions: list[FileVersion] = field(default_factory=list)
    audit: object | None = None          # prescan.audit.model.AuditReport when --audit ran


_RULESET: RuleSet | None = None
_FACTS = False                           # collect cross-file taint facts


_TAINT_ONLY: dict[str, RuleSet] = {}


def _taint_only(ruleset: RuleSet) -> RuleSet:
    got = _TAINT_ONLY.get(ruleset.digest)
    if got is None:
        got = _TAINT_ONLY[ruleset.digest] = RuleSet(tuple(r for r in ruleset.rules if r.taint is not None),
                                                    ruleset.digest + ":taint", secrets=False)
    return got


def _init_worker(ruleset: RuleSet, facts: bool = False) -> None:
    global _RULESET, _FACTS
    _RULESET, _FACTS = ruleset, facts


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
    facts: list | None = [] if _FACTS else None
    symbols = None
    ok = parsed.tree is not None        # a parse that failed or timed out may succeed next time
    try:
        # an unchanged context file is read for the data it passes on: its own findings are the same on
        # both sides, so only the taint rules run there
        rules = _taint_only(_RULESET) if job.side == "context" else _RULESET
        findings = tuple(analyze_file(parsed, rules, facts, dict(job.relay) if job.relay else None))
        if _RULESET.secrets and job.side != "context":
            findings += tuple(secret_findings(job.path, parsed.source, parsed.facts.units, job.language))
        if _FACTS and parsed.tree is not None:
            symbols = extract_symbols(parsed.tree.root_node, parsed.source, job.language, parsed.facts.units,
                                      flows=job.flows)
    except Exception as exc:  # noqa: BLE001
        findings, facts, ok = (), [], False
        warnings.append(FileWarning(job.path, f"analysis failed: {type(exc).__name__}: {exc}", kind="error"))
    t2 = time.perf_counter()
    return _Outcome(job.path, job.side, findings, tuple(warnings), parsed.facts.lines,
                    parsed.facts.units, t1 - t0, t2 - t1, symbols, tuple(facts or ()), ok)


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
        out.append(_Job(path, side, language, data, blob=blob))
    return out


def run_scan(opts: ScanOptions, ruleset: RuleSet, progress=None, cache=None) -> ScanResult:
    """cache: a store.blobcache.BlobCache; file versions found in it are
    neither parsed nor analyzed, and those analyzed are put in it."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    _stage(progress, "changes")
    cs, contents = change_stage.collect(
        opts.repo, base=opts.base, head=opts.head, staged=opts.staged, patch=opts.patch,
        patch_text=opts.patch_text, all_files=opts.all_files, fetch_base=opts.fetch_base)
    warnings: list[FileWarning] = []
    stage = None
    try:
        if opts.policy is not None:
            stage = _policy_stage(opts, cs, contents, warnings)
            ruleset = stage.select(ruleset)
        jobs = [j for fc in cs.files for j in _jobs_for(fc, contents, opts, warnings, ruleset.secrets)
                if stage is None or stage.scans(j.path)]
    finally:
        contents.close()
    timings["change"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    cross = opts.depth > 0 and any(r.taint is not None for r in ruleset.rules)
    if cross and cs.mode != "all":      # the impact scope follows what each changed function passes on
        jobs = [replace(j, flows=True) for j in jobs]
    guards = cs.mode != "all" and any(r.guard is not None for r in ruleset.rules)
    runner = _Runner(opts, ruleset, cross or guards, progress, cache)
    _stage(progress, "analyzing")
    outcomes = runner.run(jobs)
    timings["scan"] = time.perf_counter() - t1
    stats: dict = {}

    if cross and cs.mode != "all" and cs.base and cs.repo_root:
        t2 = time.perf_counter()
        _stage(progress, "impact")
        context = _impact(cs, opts, runner, outcomes, warnings, stats)
        outcomes += context
        timings["impact"] = time.perf_counter() - t2
    cross_found: dict[str, list[Finding]] = {"head": [], "base": []}
    overrides: dict[tuple[str, str], tuple[Finding, ...]] = {}
    relied: dict[str, dict] = {}
    if cross:
        t3 = time.perf_counter()
        _stage(progress, "cross-file")
        sides = ("head",) if cs.mode == "all" else ("head", "base")
        overrides, relied = _sanitizing_calls(runner, outcomes, sides)
        facts = _relay_facts(opts, runner, outcomes, sides)
        for side in sides:
            view = [o for o in outcomes if o.side in (side, "context")]
            local = [f for o in view for f in overrides.get((side, o.path), o.findings)]
            cross_found[side] = interproc.resolve(
                [x for o in view for x in o.facts] + facts.get(side, []), opts.depth, local, _imports(view))
        timings["interproc"] = time.perf_counter() - t3
    timings["parse"] = sum(o.parse_s for o in outcomes)
    timings["analyze"] = sum(o.analyze_s for o in outcomes)

    head = number_occurrences([f for o in outcomes if o.side in ("head", "context")
                               for f in overrides.get(("head", o.path), o.findings)] + cross_found["head"])
    base = number_occurrences([f for o in outcomes if o.side in ("base", "context")
                               for f in overrides.get(("base", o.path), o.findings)] + cross_found["base"])
    for o in outcomes:
        warnings.extend(w for w in o.warnings if o.side == "head" or w.kind != "syntax")
    if stage is not None:
        head, base = stage.apply_sides(runner.done_jobs, head, base, ruleset, cs.mode == "all")
    if cs.mode == "all":
        # a whole tree has nothing to compare with: everything it holds is new
        shown, fixed = [replace(f, status="new") for f in head], []
    else:
        new, unchanged, fixed = compare(head, base, cs)
        new = _sanitizer_links(new, relied)
        spans = changed_spans(cs, {o.path: o.units for o in outcomes if o.side == "head"})
        removed = _removed_near(cs, {o.path: o.units for o in outcomes if o.side in ("head", "context")})
        shown = [replace(f, status="new", removed=f.removed or removed(f)) for f in new] + \
                [replace(f, status="unchanged") for f in unchanged if in_scope(f, spans, opts.scope)]
        if guards:
            lost = _lost_guards(cs, ruleset, outcomes, runner)
            shown += stage.apply_head(runner.done_jobs, lost, ruleset) if stage is not None else lost
        if stage is not None:
            shown += stage.change_findings(cs, ruleset)
    shown.sort(key=Finding.sort_key)
    fixed = sorted((replace(f, status="fixed") for f in fixed), key=Finding.sort_key)
    heads = [o for o in outcomes if o.side == "head"]
    stats.update({
        "files_changed": len(cs.files), "files_scanned": len(heads),
        "versions_scanned": len(outcomes), "lines_scanned": sum(o.lines for o in heads),
        "bytes_scanned": sum(len(j.data) for j in jobs if j.side == "head"),
        "rules": len(ruleset.rules), "versions_analyzed": runner.analyzed,
        "context_files": sum(1 for o in outcomes if o.side == "context"),
        "cross_file_findings": len(cross_found["head"]),
    })
    if stage is not None:
        stats["suppressed"] = sum(1 for f in shown if any(k == "suppressed" for k, _ in f.extra))
        stats["policy"] = stage.policy.source or "default"
    timings["total"] = time.perf_counter() - t0
    read = {(j.side, j.path): j for j in runner.done_jobs}
    versions = [FileVersion(o.path, o.side, read[o.side, o.path].language, read[o.side, o.path].data, o.units,
                            o.symbols) for o in outcomes if (o.side, o.path) in read]
    return ScanResult(cs, ruleset, shown, fixed, warnings, stats, timings,
                      stage.policy if stage is not None else None, versions)


def _policy_stage(opts: ScanOptions, cs: ChangeSet, contents, warnings: list[FileWarning]):
    from prescan.policy.source import resolve
    from prescan.policy.stage import PolicyStage
    view = resolve(opts.policy, cs, contents)
    warnings.extend(FileWarning(w.path, w.message, w.line or None, kind="policy") for w in view.warnings)
    return PolicyStage(view, opts.suppress)


def _sanitizing_calls(runner: "_Runner", outcomes: list[_Outcome], sides) -> tuple[dict, dict]:
    """Findings of files whose taint paths may pass through a call to a
    function another file shows to sanitize (interproc.SanitizerFn): those
    files analyzed again, per side, with such calls as sanitizers. So a
    sanitizer weakened in one file shows in the files that rely on it.
    Returns the new findings by (side, path), and per side which functions
    each (path, rule) relied on."""
    jobs = {(j.side, j.path): j for j in runner.done_jobs}
    out: dict[tuple[str, str], tuple] = {}
    relied: dict[str, dict] = {}
    parsed: dict = {}
    for side in sides:
        view = [o for o in outcomes if o.side in (side, "context")]
        fns: dict[str, dict[str, set[str]]] = {}
        for o in view:
            for x in o.facts:
                if isinstance(x, interproc.SanitizerFn):
                    fns.setdefault(x.rule_id, {}).setdefault(x.name, set()).add(x.path)
        if not fns:
            continue
        imports = _imports(view)
        for o in view:
            job = jobs.get((o.side, o.path))
            if job is None or job.language is None:
                continue
            extra = {}
            for rule_id in sorted({f.rule_id for f in o.findings if f.origin == "taint" and f.rule_id in fns}):
                names = {n for n, paths in fns[rule_id].items() if f"{n}(".encode() in job.data
                         and any(p != o.path and interproc.visible(o.path, p, "", imports) for p in paths)}
                if names:
                    extra[rule_id] = sorted(names)
            if extra:
                for rule_id, names in extra.items():
                    relied.setdefault(side, {})[o.path, rule_id] = \
                        {n: sorted(fns[rule_id][n] - {o.path}) for n in names}
                rules = _taint_only(runner.ruleset) if o.side == "context" else runner.ruleset
                try:
                    if (o.side, o.path) not in parsed:      # a context file serves both sides
                        parsed[o.side, o.path] = parse(job.path, job.data, job.language)
                    again = analyze_file(parsed[o.side, o.path], rules, sanitizer_fns=extra)
                except Exception:  # noqa: BLE001 - the first analysis stands
                    continue
                out[side, o.path] = tuple(f for f in o.findings if f.rule_id not in extra) + \
                    tuple(f for f in again if f.rule_id in extra)
    return out, relied


def _sanitizer_links(new: list[Finding], relied: dict) -> list[Finding]:
    """Say why a new finding in code the change did not touch is new, when the
    reason is a function of another file that sanitized its path in the base
    and no longer does in the head."""
    before, after = relied.get("base", {}), relied.get("head", {})
    out = []
    for f in new:
        lost = {n: paths for n, paths in before.get((f.path, f.rule_id), {}).items()
                if n not in after.get((f.path, f.rule_id), {})}
        if lost and not f.link:
            where = ", ".join(f"{n}() in {', '.join(paths)}" for n, paths in sorted(lost.items()))
            f = replace(f, link=f"the path goes through {where}, which sanitized it before the change")
        out.append(f)
    return out


def _lost_guards(cs: ChangeSet, ruleset: RuleSet, outcomes: list[_Outcome], runner: "_Runner") -> list[Finding]:
    """`mode: removed` rules over each changed file's base and head (renames followed)."""
    from prescan.analyze.guards import lost_guards
    hits = {(o.side, o.path): [x for x in o.facts if isinstance(x, interproc.GuardHit)]
            for o in outcomes if o.side in ("head", "base")}
    head = {o.path: o for o in outcomes if o.side == "head"}
    data = {j.path: j for j in runner.done_jobs if j.side == "head"}
    out: list[Finding] = []
    for fc in cs.files:
        if fc.path and fc.old_path and fc.status != COPIED and fc.path in head and fc.path in data:
            out += lost_guards(ruleset, fc.path, fc.old_path, hits.get(("base", fc.old_path), []),
                               hits.get(("head", fc.path), []), head[fc.path].units, data[fc.path].data,
                               data[fc.path].language or "", _line_map(fc))
    return out


def _line_map(fc: FileChange):
    """Where a line of the base sits in the head, by the hunks before it."""
    def to_head(line: int) -> int:
        shift = 0
        for h in fc.hunks:
            if h.old_start + max(h.old_lines, 1) - 1 < line:
                shift += h.new_lines - h.old_lines
            elif h.old_start <= line:
                return h.new_start          # a line the hunk replaced: where the hunk begins in the head
        return line + shift
    return to_head


def _removed_near(cs: ChangeSet, units: dict[str, tuple]):
    """For a new finding: the lines the change deleted in the functions its
    path runs through (the finding's own, and each function on its trace), so
    that a deleted check is shown at the code it guarded."""
    deletions: dict[str, list[tuple[int, str]]] = {}
    for fc in cs.files:
        if fc.path:
            for h in fc.hunks:
                for text in h.removed:
                    deletions.setdefault(fc.path, []).append((h.new_start, text))
    if not deletions:
        return lambda f: ()

    def function_at(path: str, line: int):
        best = None
        for u in units.get(path, ()):
            if u.kind in ("function", "method") and u.start_line <= line <= u.end_line:
                if best is None or u.start_line >= best.start_line:
                    best = u
        return best

    def removed(f: Finding) -> tuple[str, ...]:
        out: list[str] = []
        for path, line in [(f.path, f.start_line)] + [(s.path, s.line) for s in f.trace]:
            if path not in deletions:
                continue
            u = function_at(path, line)
            if u is None:
                continue
            for at, text in deletions[path]:
                # a deletion sits between line at-1 and at of the head
                entry = f"{path}:{at}: {text}"
                if u.start_line <= at <= u.end_line + 1 and text.strip() and entry not in out:
                    out.append(entry)
        return tuple(out[:20])
    return removed


def _stage(progress, name: str) -> None:
    """Tell a progress display which stage runs (a plain callable has no stages)."""
    stage = getattr(progress, "stage", None)
    if stage is not None:
        stage(name)


class _Runner:
    """Runs batches of jobs with the executor that suits each batch's size."""

    def __init__(self, opts: ScanOptions, ruleset: RuleSet, facts: bool, progress, cache=None) -> None:
        self.opts, self.ruleset, self.facts, self.progress, self.cache = opts, ruleset, facts, progress, cache
        self.done_jobs: list[_Job] = []
        self.analyzed = 0                       # file versions parsed and analyzed (not from the cache)
        self._languages: set[str] = set()

    def map(self, fn, jobs: list) -> list:
        """Run `fn` over jobs that need no rules (the relay pass)."""
        if not jobs:
            return []
        executor = make_executor(self.opts.jobs, len(jobs), sum(len(j.data) for j in jobs), _init_worker,
                                 (self.ruleset, self.facts))
        try:
            return list(executor.map(fn, jobs))
        finally:
            executor.close()

    def run(self, jobs: list[_Job]) -> list[_Outcome]:
        """Outcomes in job order; those in the blob cache are neither parsed nor analyzed."""
        if not jobs:
            return []
        self.done_jobs.extend(jobs)
        outcomes, todo = _from_cache(self.cache, jobs, self.ruleset, self.facts)
        # build each language's combined query once, here: forked workers inherit it
        for side, language in sorted({(j.side == "context", j.language) for j in todo if j.language}
                                     - self._languages):
            matcher_for(_taint_only(self.ruleset) if side else self.ruleset, language)
            self._languages.add((side, language))
        _init_worker(self.ruleset, self.facts)
        executor = make_executor(self.opts.jobs, len(todo), sum(len(j.data) for j in todo), _init_worker,
                                 (self.ruleset, self.facts))
        try:
            for job, out in zip(todo, executor.map(_scan_job, todo)):
                outcomes.append(out)
                self.analyzed += 1
                if self.cache is not None and out.cacheable:
                    from prescan.store import filecache
                    filecache.put(self.cache, _cache_key(job, self.ruleset), out.findings, out.units, out.lines,
                                  [(w.message, w.line, w.kind) for w in out.warnings],
                                  (out.symbols, out.facts) if self.facts else None)
                if self.progress:
                    self.progress(len(outcomes), len(jobs), out.path)
        finally:
            executor.close()
        if self.cache is not None:              # back in job order, as without a cache
            rank = {(j.path, j.side): i for i, j in enumerate(jobs)}
            outcomes.sort(key=lambda o: rank[o.path, o.side])
        return outcomes


def _impact(cs: ChangeSet, opts: ScanOptions, runner: _Runner, outcomes: list[_Outcome],
            warnings: list[FileWarning], stats: dict) -> list[_Outcome]:
    """Analyze the unchanged files that call, or are called by, what the change
    touched, `opts.depth` steps out. They are the same in base and head, so
    each is analyzed once and seen from both sides."""
    from prescan.change.git import open_repo
    repo = open_repo(cs.repo_root)
    symbols = {(o.side, o.path): o.symbols for o in outcomes if o.symbols is not None}
    touched = impact.touched_units(cs, symbols)
    changed = [o for o in outcomes if o.side in ("head", "base")]
    frontier = touched | impact.data_callees([x for o in changed for x in o.facts]) | \
        impact.data_callees((), [o.symbols for o in changed if o.symbols is not None], touched)
    seen = set(frontier)
    known = {p for fc in cs.files for p in (fc.path, fc.old_path) if p}
    found: list[_Outcome] = []
    for _step in range(opts.depth):
        paths, capped = impact.grep_files(repo, cs.base, frontier, known)
        if capped and not stats.get("impact_capped"):
            stats["impact_capped"] = True
            warnings.append(FileWarning(
                ".", f"the impact scope was cut short: names used in more than {impact.MAX_FANOUT} files are "
                f"not followed, and at most {impact.MAX_FILES} unchanged files are read per step", kind="limit"))
        known.update(paths)
        jobs = []
        for path, oid, data in impact.read_files(repo, cs.base, paths):
            language = languages.detect(path, data[:256])
            if language is None or b"\0" in data[:8000] or len(data) > opts.max_file_size:
                continue
            jobs.append(_Job(path, "context", language, data, blob=oid, flows=True))
        new = runner.run(jobs)
        found += new
        frontier = impact.next_names(frontier, [(o.symbols, o.facts) for o in new if o.symbols is not None]) - seen
        seen |= frontier
        if not frontier:
            break
    return found


def _imports(view: list[_Outcome]) -> dict[str, frozenset[str]]:
    """Each file's import words, which decide which files its calls can reach."""
    return {o.path: frozenset(o.symbols.imports) for o in view if o.symbols is not None}


@dataclass(frozen=True)
class _RelayJob:
    path: str
    side: str
    language: str
    data: bytes
    sanitizers: tuple                    # ((rule id, spans), ...) from the first pass
    requests: tuple                      # ((rule id, (function names...)), ...)


def _relay_job(job: _RelayJob) -> tuple[str, str, list]:
    try:
        parsed = parse(job.path, job.data, job.language)
        return job.side, job.path, relay_facts(parsed, dict(job.sanitizers), dict(job.requests))
    except Exception:  # noqa: BLE001 - hostile input must not stop the scan; the first pass reported it
        return job.side, job.path, []


def _relay_facts(opts: ScanOptions, runner: _Runner, outcomes: list[_Outcome], sides) -> dict[str, list]:
    """Follow the parameters of functions that call a function whose parameter
    reaches a sink, for chains of more than one call: parse the files that hold
    such callers again and follow those functions' parameters (with the
    sanitizer spans of the first pass; the rules do not run again)."""
    out: dict[str, list] = {side: [] for side in sides}
    if opts.depth < 2:
        return out
    data = {(j.side, j.path): j for j in runner.done_jobs}
    clean = {(o.side, o.path): tuple((x.rule_id, x.spans) for x in o.facts if isinstance(x, interproc.Sanitizers))
             for o in outcomes}
    asked: set[tuple[str, str, str, str]] = set()       # (side, path, rule, function)
    for _step in range(opts.depth - 1):
        requests: dict[tuple[str, str], dict[str, set[str]]] = {}
        for side in sides:
            view = [o for o in outcomes if o.side in (side, "context")]
            names = interproc.export_names([x for o in view for x in o.facts] + out[side], opts.depth,
                                           _imports(view))
            by_rule: dict[str, set[str]] = {}
            for rule_id, fn in names:
                by_rule.setdefault(rule_id, set()).add(fn)
            for o in view:
                if o.symbols is None:
                    continue
                for rule_id, fns in by_rule.items():
                    for caller in o.symbols.callers_of(fns) - fns:
                        key = (o.side, o.path, rule_id, caller)
                        if key not in asked:
                            asked.add(key)
                            requests.setdefault((o.side, o.path), {}).setdefault(rule_id, set()).add(caller)
        if not requests:
            break
        jobs = [_RelayJob(k[1], k[0], data[k].language, data[k].data, clean.get(k, ()),
                          tuple((r, tuple(sorted(f))) for r, f in sorted(req.items())))
                for k, req in sorted(requests.items()) if k in data and data[k].language]
        for side_of, _path, relays in runner.map(_relay_job, jobs):
            for side in sides:
                if side_of in (side, "context"):
                    out[side].extend(relays)
    return out


def _cache_key(job: _Job, ruleset: RuleSet) -> str:
    from prescan.store import filecache
    # an entry with the parameter flows of its functions (for the impact scope) is another entry
    return filecache.key(job.blob or blob_id(job.data), job.path,
                         (job.language or "") + ("+flows" if job.flows else ""),
                         _taint_only(ruleset) if job.side == "context" else ruleset)


def _from_cache(cache, jobs: list[_Job], ruleset: RuleSet, facts: bool) -> tuple[list[_Outcome], list[_Job]]:
    """Outcomes of the jobs found in the cache, and the jobs left to run. When
    the scan follows data across files, an entry must hold the file's symbols
    and taint facts too."""
    if cache is None:
        return [], jobs
    from prescan.store import filecache       # pyarrow: only paid when a cache is used
    found, todo = [], []
    for job in jobs:
        hit = filecache.get(cache, _cache_key(job, ruleset), with_facts=facts)
        if hit is None:
            todo.append(job)
            continue
        findings, units, lines, warns, extra = hit
        symbols, file_facts = extra if extra is not None else (None, ())
        found.append(_Outcome(job.path, job.side, findings,
                              tuple(FileWarning(job.path, m, line, kind) for m, line, kind in warns),
                              lines, units, symbols=symbols, facts=tuple(file_facts)))
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
