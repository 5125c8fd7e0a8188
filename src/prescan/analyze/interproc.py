"""Taint paths across functions and files.

Each file's analysis leaves facts behind (analyze_file with a `facts` list):

- a SinkExport: parameter i of function f reaches a sink in this file;
- a CallFact: tainted data is passed as argument j of a call to a function
  this file does not summarize, either from a real source (param None) or
  from a parameter of the calling function (a relay).

`resolve` joins them by the called name, across every file of the program
in view, up to `depth` calls from the source to the sink, and turns each
source-to-sink chain into a Finding at the sink, carrying the whole trace.
Names are matched by their bare name and the call's argument count: a call
that could reach several definitions reaches all of them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Iterable

from prescan.findings import Finding, TraceStep

MAX_EXPORTS_PER_NAME = 64       # a name defined everywhere (run, get) must not make the join quadratic


@dataclass(frozen=True)
class SinkExport:
    rule_id: str
    function: str                   # bare name of the function whose parameter reaches the sink
    param: int
    params: int
    finding: Finding                # the finding at the sink, without trace, with its base fingerprint
    steps: tuple[TraceStep, ...]    # from the parameter to the sink
    depth: int = 1                  # calls from the entry function to the sink
    path: str = ""                  # the file that defines `function`
    unit: str = ""                  # its qualified name
    method: bool = False            # `function` is a method (called on an object)


@dataclass(frozen=True)
class CallFact:
    rule_id: str
    path: str
    function: str                   # bare name of the caller ("" at module level)
    unit: str                       # the caller's qualified name
    param: int | None               # None: the argument comes from a source
    params: int
    callee: str
    arg: int
    args: int
    steps: tuple[TraceStep, ...]    # from the source (or parameter) to the call
    bare: bool = False              # f(x) rather than obj.f(x): it reaches functions, not methods


@dataclass(frozen=True)
class ReturnFact:
    """A function returns data from a source (callee "") or the result of a call."""
    rule_id: str
    path: str
    function: str
    unit: str
    callee: str
    steps: tuple[TraceStep, ...]    # from the source (or the call) to the return


@dataclass(frozen=True)
class ResultSink:
    """The result of a call to a function defined elsewhere reaches a sink."""
    rule_id: str
    callee: str
    finding: Finding                # the finding at the sink, without trace, with its base fingerprint
    steps: tuple[TraceStep, ...]    # from the call to the sink


@dataclass(frozen=True)
class GuardHit:
    """A `mode: removed` rule's match in one file version: a guard, or a
    place to report its loss (kind "at")."""
    rule_id: str
    path: str
    unit: str
    kind: str                       # guard | at
    start_line: int
    end_line: int
    lines: tuple[str, ...]
    code: str = ""                  # the matched code itself


@dataclass(frozen=True)
class Sanitizers:
    """A taint rule's sanitizer spans in one file (bytes), kept for a later
    pass that follows parameters without running the rules again."""
    rule_id: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SanitizerFn:
    """A function of one file that sanitizes for a taint rule: what it returns
    is clean even when its parameters are tainted (taint.sanitizer_functions)."""
    rule_id: str
    path: str
    name: str


def _accepts(e: SinkExport, c: CallFact, imports: dict | None = None) -> bool:
    definer = e.path or e.finding.path
    if c.bare and e.method and c.path != definer and not c.path.endswith((".rb", ".rake")):
        return False                # f(x) in one file cannot run a method defined in another (but Ruby's can)
    return c.arg == e.param and c.args <= max(e.params, e.param + 1) and visible(c.path, definer, e.unit, imports)


_LOOSE = frozenset({"php", "rb", "rake", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx"})
_PACKAGES = frozenset({"go", "java", "cs", "rs", "kt", "scala"})


def visible(caller: str, definer: str, unit: str, imports: dict | None) -> bool:
    """Can code in `caller` call a function defined in `definer`? The same
    file; a file whose import statements name the definer's module, folder or
    class; in languages where a folder is a package (Go, Java, C#, Rust), the
    same folder; in languages that load code without naming it in the caller
    (PHP and Ruby autoloading, C and C++ linking), any file. Without import
    facts, anything goes."""
    if caller == definer or imports is None:
        return True
    ext = caller.rpartition(".")[2].lower()
    if ext in _LOOSE:
        return True
    c_dir, _, _ = caller.rpartition("/")
    d_dir, _, d_file = definer.rpartition("/")
    if c_dir == d_dir and ext in _PACKAGES:
        return True
    words = imports.get(caller)
    if words is None:
        return True
    stem = d_file.split(".")[0]
    folder = d_dir.rpartition("/")[2]
    cls = unit.split(".")[0] if "." in unit else ""
    return stem in words or (folder and folder in words) or (cls and cls in words)


def link_fingerprint(fingerprint: str, caller: str) -> str:
    """A path into a sink from another function is its own finding: the sink's
    fingerprint with the entry function's qualified name."""
    return hashlib.sha256(f"{fingerprint}\0via\0{caller}".encode()).hexdigest()[:32]


def _compose(facts: Iterable[SinkExport | CallFact], depth: int, imports: dict | None = None):
    """Exports by (rule, function), including those that reach a sink through
    relays (up to `depth` calls), and the calls that carry a source's data."""
    exports: dict[tuple[str, str], list[SinkExport]] = {}
    relays: list[CallFact] = []
    sourced: list[CallFact] = []
    for f in facts:
        if isinstance(f, (ReturnFact, ResultSink, Sanitizers, GuardHit, SanitizerFn)):
            continue
        if isinstance(f, SinkExport):
            exports.setdefault((f.rule_id, f.function), []).append(f)
        elif f.param is None:
            sourced.append(f)
        else:
            relays.append(f)
    seen = {(e.rule_id, e.function, e.param, _sink_key(e.finding)) for es in exports.values() for e in es}
    frontier = [e for es in exports.values() for e in es]
    relays.sort(key=_call_order)
    for d in range(2, depth + 1):
        by_callee: dict[tuple[str, str], list[SinkExport]] = {}
        for e in frontier:
            by_callee.setdefault((e.rule_id, e.function), []).append(e)
        frontier = []
        for r in relays:
            for e in by_callee.get((r.rule_id, r.callee), ())[:MAX_EXPORTS_PER_NAME]:
                if not _accepts(e, r, imports) or r.function == e.function:
                    continue
                key = (r.rule_id, r.function, r.param, _sink_key(e.finding))
                if key in seen:
                    continue
                seen.add(key)
                frontier.append(SinkExport(r.rule_id, r.function, r.param, r.params, e.finding,
                                           r.steps + e.steps, d, r.path, r.unit, "." in r.unit))
        for e in frontier:
            exports.setdefault((e.rule_id, e.function), []).append(e)
        if not frontier:
            break
    return exports, sourced


def export_names(facts: Iterable[SinkExport | CallFact], depth: int, imports: dict | None = None) -> set[tuple[str, str]]:
    """(rule id, function name) of every function a parameter of which reaches
    a sink in at most depth - 1 calls: callers of these may extend a chain."""
    exports, _ = _compose(facts, depth - 1, imports)
    return set(exports)


def resolve(facts: Iterable, depth: int, local: Iterable[Finding] = (), imports: dict | None = None) -> list[Finding]:
    """Findings for every chain source -> call ... -> sink of at most `depth`
    calls that crosses functions not followed within one file. A sink that a
    source of its own file already reaches is not reported again."""
    if depth < 1:
        return []
    facts = list(facts)
    exports, sourced = _compose(facts, depth, imports)
    reached_locally = {(f.rule_id, _sink_key(f)) for f in local if f.origin == "taint"}
    out: dict[tuple, Finding] = {}
    for c in sorted(sourced, key=_call_order):
        for e in exports.get((c.rule_id, c.callee), ())[:MAX_EXPORTS_PER_NAME]:
            if not _accepts(e, c, imports) or (e.rule_id, _sink_key(e.finding)) in reached_locally:
                continue
            key = (e.rule_id, _sink_key(e.finding), c.unit)
            if key in out:
                continue                    # one finding per sink and entry function, with the first path
            call = c.steps[-1]
            link = (f"reached from {c.unit} ({c.path}:{call.line}) through "
                    f"{' -> '.join(_chain(c, e))}")
            out[key] = replace(e.finding, trace=c.steps + e.steps, link=link,
                               fingerprint=link_fingerprint(e.finding.fingerprint, c.unit))
    for key, f in _returned_into_sinks(facts, depth, reached_locally, imports).items():
        out.setdefault(key, f)
    return sorted(out.values(), key=Finding.sort_key)


def _returned_into_sinks(facts, depth: int, reached_locally: set, imports: dict | None = None) -> dict[tuple, Finding]:
    """A function returns a source's data (directly, or through up to depth - 1
    more returns) and its result reaches a sink in another file."""
    facts = list(facts)
    returners: dict[tuple[str, str], list[ReturnFact]] = {}
    relays: list[ReturnFact] = []
    sinks: list[ResultSink] = []
    for f in facts:
        if isinstance(f, ReturnFact):
            if f.callee:
                relays.append(f)
            else:
                returners.setdefault((f.rule_id, f.function), []).append(f)
        elif isinstance(f, ResultSink):
            sinks.append(f)
    if not sinks or not returners:
        return {}
    relays.sort(key=lambda r: (r.path, r.steps[0].line if r.steps else 0, r.callee))
    frontier = dict(returners)
    for _d in range(2, depth + 1):
        grown: dict[tuple[str, str], list[ReturnFact]] = {}
        for r in relays:
            key = (r.rule_id, r.function)
            if key in returners or key in grown or r.function == r.callee:
                continue
            src = next((x for x in frontier.get((r.rule_id, r.callee), ())
                        if visible(r.path, x.path, x.unit, imports)), None)
            if src is not None:
                grown[key] = [ReturnFact(r.rule_id, r.path, r.function, r.unit, "", src.steps + r.steps)]
        returners.update(grown)
        frontier = grown
        if not grown:
            break
    out: dict[tuple, Finding] = {}
    for s in sorted(sinks, key=lambda s: (s.finding.path, s.finding.start_line, s.callee)):
        r = next((x for x in returners.get((s.rule_id, s.callee), ())
                  if visible(s.finding.path, x.path, x.unit, imports)), None)
        if r is None or (s.rule_id, _sink_key(s.finding)) in reached_locally:
            continue
        key = (s.rule_id, _sink_key(s.finding), "returned:" + r.unit)
        if key in out:
            continue
        out[key] = replace(s.finding, trace=r.steps + s.steps,
                           link=f"the value comes from {r.unit} ({r.path}:{r.steps[-1].line if r.steps else 0}), "
                                f"which returns request data",
                           fingerprint=link_fingerprint(s.finding.fingerprint, "returned:" + r.unit))
    return out


def _sink_key(f: Finding) -> tuple:
    return (f.path, f.start_line, f.start_col, f.end_line, f.end_col)


def _call_order(c: CallFact) -> tuple:
    first = c.steps[0] if c.steps else TraceStep("", 0, 0, "")
    return (c.path, first.line, first.column, c.callee, c.arg)


def _chain(c: CallFact, e: SinkExport) -> list[str]:
    names = [c.callee + "()"]
    for s in e.steps:
        if s.note.startswith("passed to "):
            names.append(s.note[len("passed to "):])
    return names


# -- the cached form of one file's facts (JSON: the blob cache must not unpickle what a store holds)

_FACT_TYPES = {c.__name__: c for c in (SinkExport, CallFact, ReturnFact, ResultSink, Sanitizers, GuardHit,
                                            SanitizerFn)}


def dump_facts(symbols, facts) -> str:
    """JSON for a file's symbol index and facts."""
    import json
    from dataclasses import asdict
    sym = None if symbols is None else {"defs": symbols.defs, "calls": symbols.calls, "imports": symbols.imports,
                                        "flows": symbols.flows}
    return json.dumps({"symbols": sym,
                       "facts": [{"type": type(f).__name__, **asdict(f)} for f in facts]})


def load_facts(text: str):
    """(Symbols | None, facts) from dump_facts."""
    import json
    from prescan.parse.symbols import Symbols
    doc = json.loads(text)
    sym = doc.get("symbols")
    symbols = None if sym is None else Symbols(tuple(tuple(d) for d in sym["defs"]),
                                                tuple(tuple(c) for c in sym["calls"]), tuple(sym["imports"]),
                                                tuple(tuple(f) for f in sym.get("flows", ())))
    facts = []
    for d in doc.get("facts", ()):
        cls = _FACT_TYPES[d.pop("type")]
        if "finding" in d:
            d["finding"] = _finding(d["finding"])
        if "steps" in d:
            d["steps"] = tuple(TraceStep(**s) for s in d["steps"])
        if cls is Sanitizers:
            d["spans"] = tuple(tuple(x) for x in d["spans"])
        if cls is GuardHit:
            d["lines"] = tuple(d["lines"])
        facts.append(cls(**d))
    return symbols, tuple(facts)


def _finding(d: dict) -> Finding:
    d = dict(d)
    d["trace"] = tuple(TraceStep(**s) for s in d.get("trace", ()))
    for k in ("cwe", "owasp", "removed"):
        d[k] = tuple(d.get(k, ()))
    d["extra"] = tuple(tuple(x) for x in d.get("extra", ()))
    return Finding(**d)
