"""The bounded context pack sent with a unit: the file's imports, the
signatures and call lines of its callers, the bodies of the functions it
calls (from the symbol index of the changed files and of the impact scope),
and the static findings in it as hints. Whatever is cut is named, so that the
model can say it needs it instead of guessing."""
from __future__ import annotations

import re

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
    context files), computed for the changed files when the scan did not."""

    def __init__(self, result) -> None:
        self.files: dict[str, tuple] = {}           # path -> (data, units, symbols, language)
        for v in result.versions:
            if v.side in ("head", "context") and v.language:
                # comments blanked: what reaches the model from this file holds none
                self.files[v.path] = (blank_comments(v.data, v.path, v.language), v.units,
                                      v.symbols or _symbols(v), v.language)

    def lines(self, path: str) -> list[str]:
        return self.files[path][0].decode("utf-8", "replace").split("\n")


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
    data, _units, symbols, language = index.files[path]
    lines = index.lines(path)
    parts: list[str] = []
    imports = [f"{i + 1} | {t}" for i, t in enumerate(lines) if _IMPORT.match(t)]
    if imports:
        cut = len(imports) - MAX_IMPORT_LINES
        parts.append("imports of the file:\n" + "\n".join(imports[:MAX_IMPORT_LINES])
                     + (f"\n[{cut} more import lines omitted]" if cut > 0 else ""))
    callers, callees, omitted = [], [], []
    for other, (_d, units, syms, _l) in sorted(index.files.items()):
        if syms is None:
            continue
        defs = {q: (s, e) for _n, q, _k, s, e in syms.defs}
        for name, caller, line in syms.calls:
            if name == unit.name and not (other == path and caller == unit.qualname):
                sig = defs.get(caller)
                text = index.lines(other)
                head = text[sig[0] - 1].strip() if sig else "<module level>"
                callers.append(f"{other}:{line} in {caller} ({head}): {text[line - 1].strip()}")
    called = sorted({n for n, caller, _line in (symbols.calls if symbols else ()) if caller == unit.qualname})
    for name in called:
        for other, (_d, units, _s, _l) in sorted(index.files.items()):
            for u in units:
                if u.name == name and u.kind in ("function", "method") and u.qualname != unit.qualname:
                    body = index.lines(other)[u.start_line - 1:u.end_line]
                    more = len(body) - MAX_CALLEE_LINES
                    shown = "\n".join(f"{u.start_line + i} | {t}" for i, t in enumerate(body[:MAX_CALLEE_LINES]))
                    callees.append(f"{other}: {u.qualname}\n{shown}"
                                   + (f"\n[{more} more lines of {u.qualname} omitted]" if more > 0 else ""))
    if len(callers) > MAX_CALLERS:
        omitted.append(f"{len(callers) - MAX_CALLERS} more call sites of {unit.name}")
    if callers:
        parts.append("callers (file:line in function (signature): call):\n" + "\n".join(callers[:MAX_CALLERS]))
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
    return redact("\n\n".join(parts), language)


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
