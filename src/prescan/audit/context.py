"""The bounded context pack sent with a unit: the file's imports, the
signatures and call lines of its callers, the bodies of the functions it
calls (from the symbol index of the changed files and of the impact scope),
and the static findings in it as hints. Whatever is cut is named, so that the
model can say it needs it instead of guessing."""
from __future__ import annotations

import re
from collections import defaultdict

from prescan.audit.comments import blank_comments

MAX_CALLERS = 8
MAX_CALLEES = 5
MAX_CALLEE_LINES = 40
MAX_IMPORT_LINES = 30
_IMPORT = re.compile(r"^\s*(import\s|from\s+\S+\s+import\s|#\s*include\s|using\s|use\s|require(_once)?[\s(]|"
                     r"include(_once)?[\s(]|package\s|const\s+\w+\s*=\s*require\(|"
                     r"(let|var)\s+\w+\s*=\s*require\()")


class ContextIndex:
    """Symbols of every file the scan read on the head side (changed and
    context files; computed for the changed files when the scan did not),
    indexed by name once. File text is read with its comments blanked: what
    reaches the model from any file holds none."""

    def __init__(self, result) -> None:
        self._versions = {v.path: v for v in result.versions if v.side in ("head", "context") and v.language}
        self._text: dict[str, list[str]] = {}
        self._clean: dict[str, bytes] = {}
        self.callers: dict[str, list[tuple[str, str, int, int | None]]] = defaultdict(list)
        self.defs: dict[str, list[tuple[str, object]]] = defaultdict(list)
        self.calls_from: dict[tuple[str, str], set[str]] = defaultdict(set)
        for path, v in sorted(self._versions.items()):
            syms = v.symbols or _symbols(v)
            for u in v.units:
                if u.kind in ("function", "method"):
                    self.defs[u.name].append((path, u))
            if syms is None:
                continue
            starts = {q: s for _n, q, _k, s, _e in syms.defs}
            for name, caller, line in syms.calls:
                self.callers[name].append((path, caller, line, starts.get(caller)))
                self.calls_from[path, caller].add(name)

    def __contains__(self, path: str) -> bool:
        return path in self._versions

    def language(self, path: str) -> str:
        return self._versions[path].language

    def data(self, path: str) -> bytes:
        if path not in self._clean:
            v = self._versions[path]
            self._clean[path] = blank_comments(v.data, v.path, v.language)
        return self._clean[path]

    def lines(self, path: str) -> list[str]:
        if path not in self._text:
            self._text[path] = self.data(path).decode("utf-8", "replace").split("\n")
        return self._text[path]


def _symbols(v):
    from prescan.parse import parse
    from prescan.parse.symbols import extract_symbols
    try:
        parsed = parse(v.path, v.data, v.language)
        if parsed.tree is None:
            return None
        return extract_symbols(parsed.tree.root_node, parsed.source, v.language, parsed.facts.units)
    except Exception:  # noqa: BLE001 - hostile input: no context rather than no scan
        return None


def context_pack(index: ContextIndex, path: str, unit, redact, max_chars: int) -> str:
    lines = index.lines(path)
    parts: list[str] = []
    imports = [f"{i + 1} | {t.rstrip()}" for i, t in enumerate(lines) if _IMPORT.match(t)]
    if imports:
        cut = len(imports) - MAX_IMPORT_LINES
        parts.append("imports of the file:\n" + "\n".join(imports[:MAX_IMPORT_LINES])
                     + (f"\n[{cut} more import lines omitted]" if cut > 0 else ""))
    omitted = []
    callers = [(other, caller, line, start) for other, caller, line, start in index.callers.get(unit.name, ())
               if not (other == path and caller == unit.qualname)]
    shown = []
    for other, caller, line, start in callers[:MAX_CALLERS]:
        text = index.lines(other)
        head = text[start - 1].strip() if start else "<module level>"
        shown.append(f"{other}:{line} in {caller} ({head}): {text[line - 1].strip()}")
    if len(callers) > MAX_CALLERS:
        omitted.append(f"{len(callers) - MAX_CALLERS} more call sites of {unit.name}")
    if shown:
        parts.append("callers (file:line in function (signature): call):\n" + "\n".join(shown))
    callees = []
    for name in sorted(index.calls_from.get((path, unit.qualname), ())):
        for other, u in index.defs.get(name, ()):
            if other == path and u.qualname == unit.qualname:
                continue
            body = index.lines(other)[u.start_line - 1:u.end_line]
            more = len(body) - MAX_CALLEE_LINES
            text = "\n".join(f"{u.start_line + i} | {t.rstrip()}" for i, t in enumerate(body[:MAX_CALLEE_LINES]))
            callees.append(f"{other}: {u.qualname}\n{text}"
                           + (f"\n[{more} more lines of {u.qualname} omitted]" if more > 0 else ""))
    if len(callees) > MAX_CALLEES:
        omitted.append(f"{len(callees) - MAX_CALLEES} more callee bodies")
    budget = max_chars - sum(len(p) for p in parts)
    for body in callees[:MAX_CALLEES]:
        if len(body) > budget:
            omitted.append("callee " + body.split("\n", 1)[0])
            continue
        parts.append("callee " + body)
        budget -= len(body)
    if omitted:
        parts.append("[context omitted: " + "; ".join(omitted) + "; answer needs_context rather than guess]")
    return redact("\n\n".join(parts), index.language(path))


def hints_for(result, path: str, unit, redact) -> str:
    """Static findings in the unit, with their taint traces: hints, not answers."""
    out = []
    for f in result.findings:
        if f.path == path and unit.start_line <= f.start_line <= unit.end_line:
            line = f"{f.rule_id} ({f.origin}, {f.severity}) at line {f.start_line}: {f.message}"
            if f.trace:
                line += "\n  trace: " + " -> ".join(f"{s.path}:{s.line} {s.note}" for s in f.trace)
            out.append(line)
    return redact("\n".join(out))
