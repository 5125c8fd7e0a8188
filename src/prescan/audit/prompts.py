"""Fixed instructions (versioned files under prompts/), the answer schemas,
and the framing of scanned code as data between markers the code cannot
close: the marker holds a hash of the data it frames."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

# bump when prompts/*.md change in meaning: the versions are part of every cache key
PROMPT_VERSION = "detect-1/refute-1"
SCHEMA_VERSION = "answer-1"
SEVERITIES = ["critical", "high", "medium", "low", "info"]
CONFIDENCES = ["high", "medium", "low"]
VERDICTS = ["CONFIRMED", "PLAUSIBLE", "REFUTED"]


def _obj(props: dict) -> dict:
    # strict structured output (OpenAI) wants every property required and no others
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


FINDING_SCHEMA = _obj({
    "unit_id": {"type": "string"}, "category": {"type": "string"}, "cwe": {"type": "string"},
    "severity": {"type": "string", "enum": SEVERITIES}, "confidence": {"type": "string", "enum": CONFIDENCES},
    "line_start": {"type": "integer"}, "line_end": {"type": "integer"}, "evidence": {"type": "string"},
    "title": {"type": "string"}, "explanation": {"type": "string"}, "introduced": {"type": "boolean"},
})
DETECT_SCHEMA = _obj({"units": {"type": "array", "items": _obj({
    "unit_id": {"type": "string"},
    "findings": {"type": "array", "items": FINDING_SCHEMA},
    "needs_context": {"type": "array", "items": {"type": "string"}},
})}})
REFUTE_SCHEMA = _obj({
    "verdict": {"type": "string", "enum": VERDICTS}, "quote": {"type": "string"},
    "line": {"type": "integer"}, "reason": {"type": "string"},
})


@lru_cache(maxsize=None)
def instructions(name: str) -> str:
    return resources.files("prescan.audit").joinpath("prompts", f"{name}.md").read_text("utf-8")


def frame(data: str) -> str:
    """data between markers that it cannot contain: their tag is a hash of it."""
    salt = 0
    while True:
        tag = hashlib.sha256(f"{salt}\0{data}".encode("utf-8", "surrogatepass")).hexdigest()[:24]
        begin, end = f"<<<BEGIN DATA {tag}>>>", f"<<<END DATA {tag}>>>"
        if begin not in data and end not in data:
            return f"{begin}\n{data}\n{end}"
        salt += 1


def unit_text(u) -> str:
    out = [f"### unit {u.unit_id}", f"path: {u.path}", f"function: {u.qualname}", f"language: {u.language}"]
    if u.before is None:
        out.append("before: (new function)")
    else:
        out += [f"before (lines {u.before.start_line}-{u.before.end_line} of {u.before.path}):",
                u.before.numbered()]
    out += [f"after (lines {u.after.start_line}-{u.after.end_line}):", u.after.numbered(),
            "lines the change touched: " + _ranges(u.changed)]
    if u.context:
        out += ["context:", u.context]
    if u.hints:
        out += ["static analysis hints:", u.hints]
    return "\n".join(out)


def detect_user(units) -> str:
    ids = ", ".join(u.unit_id for u in units)
    return (f"Audit these units: {ids}. The code follows as data.\n"
            + frame("\n\n".join(unit_text(u) for u in units)))


def refute_user(unit, claim) -> str:
    return ("Check this claim against the code that follows as data.\n"
            f"claim: {claim.category} ({claim.cwe or 'no CWE'}) at lines {claim.line_start}-{claim.line_end} "
            f"of {unit.path}: {claim.title}\n"
            + frame(f"path: {unit.path}\nfunction: {unit.qualname}\n{unit.after.numbered()}"))


def _ranges(lines) -> str:
    out: list[str] = []
    for n in lines:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in out) or "(none)"
