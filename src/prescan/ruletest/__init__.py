"""The rule fixture harness: each rule's same-stem fixture, annotated with
`ruleid: <id>` (the next line must match) and `ok: <id>` (the next line must
not), is scanned and compared line by line. `todoruleid:` / `todook:` mark
known gaps; they are reported but do not fail."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from prescan.analyze import analyze_file
from prescan.errors import RuleError
from prescan.parse import languages, parse
from prescan.rules.loader import RuleSet, load_rules, rule_files

ANNOT = re.compile(r"(?:#|//|/\*|--|<!--)\s*(todoruleid|todook|ruleid|ok)\s*:\s*([a-z0-9][a-z0-9,\- ]*)")


@dataclass
class FixtureResult:
    rule_id: str
    rule_path: str
    fixture: str | None
    missed: list[int] = field(default_factory=list)       # ruleid lines with no finding
    unexpected: list[int] = field(default_factory=list)   # findings on lines not marked ruleid
    todo: list[int] = field(default_factory=list)         # known gaps that behave as annotated
    problems: list[str] = field(default_factory=list)     # fixture missing, no annotations, ...

    @property
    def ok(self) -> bool:
        return not (self.missed or self.unexpected or self.problems)


def fixture_for(rule_path: Path) -> Path | None:
    for cand in sorted(rule_path.parent.glob(rule_path.stem + ".*")):
        # `x.yaml` beside the rule `x.yml` is the fixture of a YAML rule;
        # `x.base.py` is the base version for a `mode: removed` rule's fixture `x.py`
        if cand.suffix != ".yml" and cand != rule_path and cand.is_file() and \
                not cand.name.startswith(rule_path.stem + ".base."):
            return cand
    return None


def expectations(text: str, rule_id: str) -> dict[str, set[int]]:
    """Line numbers (1-based) each annotation kind points at for this rule."""
    out: dict[str, set[int]] = {"ruleid": set(), "ok": set(), "todoruleid": set(), "todook": set()}
    lines = text.split("\n")
    pending: list[str] = []
    for i, line in enumerate(lines, start=1):
        m = ANNOT.search(line)
        # ids end at whitespace, so `<!-- ruleid: x -->` reads as x
        ids = [s.split()[0] for s in m.group(2).split(",") if s.split()] if m else []
        if m and rule_id in ids:
            code_before = line[:m.start()].strip()
            if code_before:                   # trailing annotation marks its own line
                out[m.group(1)].add(i)
            else:
                pending.append(m.group(1))
            continue
        if pending and line.strip() and not (m and not line[:m.start()].strip()):
            for kind in pending:
                out[kind].add(i)
            pending = []
    return out


def check_rules(directory: str | None = None) -> list[FixtureResult]:
    """Check every rule file under directory (default: the built-in pack)."""
    if directory is None:
        from prescan.rules.loader import builtin_rules_dir
        files, ruleset = rule_files(builtin_rules_dir()), load_rules()
    else:
        files, ruleset = rule_files(directory), load_rules([directory], builtin=False)
    by_path = {Path(r.path).resolve(): r for r in ruleset.rules}
    results = []
    for f in files:
        rule = by_path[f.resolve()]
        res = FixtureResult(rule.id, str(f), None)
        results.append(res)
        fx = fixture_for(f)
        if fx is None:
            res.problems.append("no fixture beside the rule (same file name, the language's extension)")
            continue
        res.fixture = str(fx)
        _check(res, rule, fx, ruleset)
    return results


def _check(res: FixtureResult, rule, fx: Path, ruleset: RuleSet) -> None:
    data = fx.read_bytes()
    lang = languages.detect(str(fx), data[:256])
    if lang is None or lang not in rule.languages:
        res.problems.append(f"fixture language {lang or 'unknown'} is not among the rule's languages")
        return
    exp = expectations(data.decode("utf-8", "replace"), rule.id)
    if not exp["ruleid"] and not exp["todoruleid"]:
        res.problems.append("fixture has no `ruleid:` annotation")
    if not exp["ok"] and not exp["todook"]:
        res.problems.append("fixture has no `ok:` annotation")
    single = RuleSet((rule,), ruleset.digest + ":" + rule.id)
    parsed = parse(str(fx), data, lang)
    if rule.guard is not None:
        got = _guard_lines(res, rule, fx, lang, single, parsed)
    else:
        got = {f.start_line for f in analyze_file(parsed, single)}
    res.missed = sorted(exp["ruleid"] - got)
    res.unexpected = sorted(got - exp["ruleid"] - exp["todook"])
    res.todo = sorted((exp["todoruleid"] - got) | (exp["todook"] & got))


def _guard_lines(res: FixtureResult, rule, fx: Path, lang: str, single: RuleSet, head) -> set[int]:
    """A `mode: removed` rule's fixture is a pair: `x.base.ext` (before) and
    `x.ext` (after, annotated); functions are paired by qualified name."""
    from prescan.analyze.guards import lost_guards
    from prescan.analyze.interproc import GuardHit
    base_fx = fx.with_name(f"{Path(rule.path).stem}.base{fx.suffix}")
    if not base_fx.is_file():
        res.problems.append(f"a 'removed' rule needs the base version beside its fixture: {base_fx.name}")
        return set()
    base = parse(str(base_fx), base_fx.read_bytes(), lang)
    facts: dict[str, list] = {"base": [], "head": []}
    analyze_file(base, single, facts["base"])
    analyze_file(head, single, facts["head"])
    hits = {k: [x for x in v if isinstance(x, GuardHit)] for k, v in facts.items()}
    found = lost_guards(single, str(fx), str(base_fx), hits["base"], hits["head"], head.facts.units, head.source)
    return {f.start_line for f in found}


def summarize(results: list[FixtureResult]) -> tuple[int, int]:
    bad = sum(1 for r in results if not r.ok)
    return len(results) - bad, bad


__all__ = ["FixtureResult", "expectations", "summarize", "RuleError"]
