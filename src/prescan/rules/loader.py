"""Loads rule YAML files into Rules, checking every key and compiling every
pattern so that a broken rule fails at load time with its file and line."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from prescan import __version__
from prescan.errors import RuleError
from prescan.parse import languages as langs
from prescan.rules import compiler, yamlspan
from prescan.rules.model import CONFIDENCES, SEVERITIES, All, Either, Formula, GuardSpec, Leaf, Rule, TaintSpec

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CWE_RE = re.compile(r"^CWE-\d+$")
META_KEYS = {"id", "languages", "severity", "confidence", "cwe", "owasp", "message", "why", "fix",
             "references", "category", "example", "focus", "tags", "mode"}
TAINT_KEYS = {"sources", "sanitizers", "sinks"}
REMOVED_KEYS = {"removed", "at"}
MATCH_KEYS = {"pattern", "patterns", "pattern-either", "query", "pattern-regex"}
IN_PATTERNS = MATCH_KEYS | {"pattern-not", "pattern-inside", "pattern-not-inside", "metavariable-regex",
                            "pattern-not-regex"}
REQUIRED = ("id", "languages", "severity", "confidence", "message", "why", "fix")


def builtin_rules_dir() -> Path:
    """The rules shipped with prescan: inside the installed package, else the
    source checkout's rules/ folder (when running from a source tree)."""
    packaged = Path(__file__).resolve().parent.parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    digest: str             # hash of every rule's source and prescan's version: the cache key
    secrets: bool = False   # the built-in credential detectors run too (they come with the built-in pack)

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def for_language(self, language: str) -> list[Rule]:
        return [r for r in self.rules if language in r.languages]


def rule_files(directory: str | os.PathLike) -> list[Path]:
    root = Path(directory)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise RuleError("rule directory not found", path=str(directory), hint="check the --rules path")
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    # a YAML rule's fixture is YAML too: beside the rule `x.yml`, `x.yaml` is its fixture
    return [p for p in files if not (p.suffix == ".yaml" and p.with_suffix(".yml").is_file())]


def library_dir() -> Path:
    """Built-in taint sources, sanitizers and sinks per language, which a
    taint rule names with `- builtin: NAME`: engine data, not rules, so it
    ships inside the package (prescan/data/taint/<language>.yml)."""
    return Path(__file__).resolve().parent.parent / "data" / "taint"


_LIBRARY: dict[str, tuple[str, object]] = {}


def _library(language: str) -> tuple[str, object]:
    """(path, parsed document) of one language's taint library."""
    got = _LIBRARY.get(language)
    if got is None:
        path = library_dir() / f"{language}.yml"
        doc = yamlspan.load(_read(path), str(path)) if path.is_file() else yamlspan.LocDict()
        got = _LIBRARY[language] = (str(path), doc)
    return got


def load_rules(dirs: list[str] | None = None, *, builtin: bool = True) -> RuleSet:
    global _DEFERRED
    files: list[Path] = []
    if builtin:
        files += rule_files(builtin_rules_dir())
    for d in dirs or []:
        files += rule_files(d)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    h = hashlib.sha256(__version__.encode())
    if library_dir().is_dir():
        for lib in sorted(library_dir().glob("*.yml")):
            h.update(b"\0" + lib.read_bytes())
    for f in files:
        text = _read(f)
        _DEFERRED = []
        try:
            rule = parse_rule(text, str(f), compile_now=False)
            _PENDING[(rule.path, rule.id)] = _DEFERRED
        finally:
            _DEFERRED = None
        if rule.id in seen:
            raise RuleError(f"duplicate rule id '{rule.id}' (also in {seen[rule.id]})", path=str(f),
                            line=rule.line, hint="rule ids must be unique")
        seen[rule.id] = str(f)
        rules.append(rule)
        h.update(b"\0" + text.encode())
    ruleset = RuleSet(tuple(rules), h.hexdigest()[:32], secrets=builtin)
    from prescan.rules.queries import validate
    validate(ruleset)
    return ruleset


def _read(f: Path) -> str:
    try:
        return f.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleError("rule file is not UTF-8", path=str(f)) from None
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror}", path=str(f)) from None


def parse_rule(text: str, path: str, compile_now: bool = True) -> Rule:
    """A rule file's rule. With `compile_now`, every pattern is compiled for
    every language of the rule here; load_rules leaves that to
    queries.validate, which does it once per ruleset digest (a ruleset
    checked before compiles only the languages a scan meets)."""
    doc = yamlspan.load(text, path)
    if isinstance(doc, yamlspan.LocDict) and "rules" in doc and len(doc) == 1:
        items = doc["rules"]
        if not isinstance(items, list) or len(items) != 1:
            raise RuleError("a rule file holds exactly one rule", path=path, line=doc.line)
        doc = items[0]
    if not isinstance(doc, yamlspan.LocDict):
        raise RuleError("a rule file must hold a mapping", path=path, line=1)

    def err(msg: str, key: str | None = None, hint: str = "") -> RuleError:
        return RuleError(msg, path=path, line=doc.line_of(key) if key else doc.line, hint=hint)

    mode = doc.get("mode", "search")
    taint_mode = mode == "taint"
    if mode not in ("search", "taint", "removed"):
        raise err(f"mode '{mode}' is not 'search', 'taint' or 'removed'", "mode")
    allowed = {"search": MATCH_KEYS, "taint": TAINT_KEYS, "removed": REMOVED_KEYS}[mode]
    for key in doc:
        if key not in META_KEYS | allowed:
            raise err(f"unknown key '{key}'", key, hint="see docs/rule-format.md for the keys a rule may have")
    for key in REQUIRED:
        if key not in doc or doc[key] in (None, "", []):
            raise err(f"missing required key '{key}'")
    rid = doc["id"]
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise err(f"rule id '{rid}' must be kebab-case", "id")
    stem = Path(path).stem
    if stem != rid:
        raise err(f"rule id '{rid}' differs from the file name '{stem}'", "id", hint="rename one of them")
    lang_names = doc["languages"] if isinstance(doc["languages"], list) else [doc["languages"]]
    languages: list[str] = []
    for name in lang_names:
        canon = langs.canonical(str(name))
        if canon is None:
            raise err(f"unknown language '{name}'", "languages",
                      hint="one of " + ", ".join(langs.LANGUAGES))
        for member in langs.RULE_FAMILY.get(canon, (canon,)):
            if member not in languages:
                languages.append(member)
    severity, confidence = str(doc["severity"]).lower(), str(doc["confidence"]).lower()
    if severity not in SEVERITIES:
        raise err(f"severity '{doc['severity']}' is not one of {', '.join(SEVERITIES)}", "severity")
    if confidence not in CONFIDENCES:
        raise err(f"confidence '{doc['confidence']}' is not one of {', '.join(CONFIDENCES)}", "confidence")
    cwe = _strings(doc, "cwe", err)
    for c in cwe:
        if not CWE_RE.match(c):
            raise err(f"'{c}' is not a CWE id like CWE-89", "cwe")
    category = str(doc.get("category", "security"))
    if category == "security" and not cwe:
        raise err("a security rule needs at least one CWE id", "cwe" if "cwe" in doc else None)
    taint = guard = None
    if taint_mode:
        taint, formula = _taint_spec(doc, path, err)
    elif mode == "removed":
        if "removed" not in doc:
            raise err("a 'removed' rule needs 'removed': what the base version had", None)
        parts = [_item(doc[k], doc.line_of(k), path, allowed=MATCH_KEYS | {"patterns"}) for k in ("removed", "at")
                 if k in doc]
        guard = GuardSpec(parts[0], parts[1] if len(parts) > 1 else None)
        formula = Either(tuple(parts), doc.line_of("removed"))
    else:
        present = [k for k in MATCH_KEYS if k in doc]
        if len(present) != 1:
            raise err("a rule needs exactly one of " + ", ".join(sorted(MATCH_KEYS)) +
                      (f" (found {', '.join(present)})" if present else ""))
        formula = _formula(present[0], doc[present[0]], doc.line_of(present[0]), path)
    focus = doc.get("focus")
    if focus is not None and not re.fullmatch(r"\$[A-Z][A-Z0-9_]*", str(focus)):
        raise err("focus must name a metavariable such as $X", "focus")
    rule = Rule(
        id=rid, languages=tuple(languages), severity=severity, confidence=confidence,
        message=str(doc["message"]).strip(), why=str(doc["why"]).strip(), fix=str(doc["fix"]).strip(),
        formula=formula, cwe=tuple(cwe), owasp=tuple(_strings(doc, "owasp", err)),
        references=tuple(_strings(doc, "references", err)), focus=str(focus)[1:] if focus else None,
        category=category, example=str(doc.get("example", "")).strip(), path=path, line=doc.line,
        tags=tuple(_strings(doc, "tags", err)), taint=taint, guard=guard,
    )
    if compile_now:
        compile_all(rule)
    return rule


def _taint_spec(doc, path: str, err) -> tuple[TaintSpec, Formula]:
    parts = {}
    for key in ("sources", "sinks", "sanitizers"):
        items = doc.get(key, [])
        if key != "sanitizers" and not items:
            raise err(f"a taint rule needs '{key}'", key if key in doc else None)
        if not isinstance(items, list):
            raise err(f"'{key}' must be a list of patterns", key)
        out: list[Formula] = []
        for v, ln in zip(items, getattr(items, "item_lines", [doc.line] * len(items))):
            if isinstance(v, dict) and "builtin" in v:
                out += _builtin(v, ln, key, doc, path)
            else:
                out.append(_item(v, ln, path, allowed=MATCH_KEYS | {"patterns"}))
        parts[key] = tuple(out)
    spec = TaintSpec(parts["sources"], parts["sinks"], parts["sanitizers"])
    # the formula only gathers every clause, so that each runs in the combined query
    everything = Either(spec.sources + spec.sinks + spec.sanitizers, doc.line_of("sinks"))
    return spec, everything


def _builtin(v, line: int, key: str, doc, path: str) -> list[Formula]:
    """`- builtin: web` in a taint rule: the library's entries of that name for
    each of the rule's languages."""
    name = v["builtin"]
    if len(v) != 1 or not isinstance(name, str):
        raise RuleError("'builtin' takes one name, e.g. '- builtin: web'", path=path, line=line)
    declared = doc.get("languages") or []
    out: list[Formula] = []
    for lang in declared if isinstance(declared, list) else [declared]:
        canon = langs.canonical(str(lang)) or str(lang)
        lib_path, lib = _library({"typescript": "javascript", "tsx": "javascript", "cpp": "c"}.get(canon, canon))
        section = lib.get(key) if isinstance(lib, dict) else None
        entries = section.get(name) if isinstance(section, dict) else None
        if not isinstance(entries, list):
            have = ", ".join(sorted(section)) if isinstance(section, dict) else "none"
            raise RuleError(f"no built-in {key} named '{name}' for {lang} (have: {have})", path=path, line=line,
                            hint=f"see {lib_path}")
        out += [_item(e, ln, lib_path, allowed=MATCH_KEYS | {"patterns"})
                for e, ln in zip(entries, entries.item_lines)]
    return out


def _strings(doc, key, err) -> list[str]:
    val = doc.get(key, [])
    if val is None:
        return []
    if isinstance(val, (str, int)):
        return [str(val)]
    if not isinstance(val, list) or not all(isinstance(v, (str, int)) for v in val):
        raise err(f"'{key}' must be a string or a list of strings", key)
    return [str(v) for v in val]


# While load_rules reads a rule, its regexes wait here: compile_all checks them
# (once per ruleset digest, in queries.validate), so a known ruleset loads
# without compiling every regex of the pack.
_DEFERRED: list | None = None
_PENDING: dict[tuple[str, str], list] = {}


def _check_regex(value: str, error) -> None:
    if _DEFERRED is not None:
        _DEFERRED.append((value, error))
        return
    try:
        re.compile(value)
    except re.error as exc:
        raise error(exc) from None


def _formula(key: str, value, line: int, path: str) -> Formula:
    def bad(msg: str, at: int = line) -> RuleError:
        return RuleError(msg, path=path, line=at)

    if key in ("pattern", "query", "pattern-regex"):
        if not isinstance(value, str) or not value.strip():
            raise bad(f"'{key}' must be a non-empty string")
        kind = {"pattern": "pattern", "query": "query", "pattern-regex": "regex"}[key]
        if kind == "regex":
            _check_regex(value, lambda exc: bad(f"invalid regex in pattern-regex: {exc}"))
        return Leaf(kind, value, line)
    if key == "pattern-either":
        if not isinstance(value, list) or not value:
            raise bad("'pattern-either' must be a non-empty list")
        return Either(tuple(_item(v, ln, path, allowed=MATCH_KEYS) for v, ln in zip(value, value.item_lines)), line)
    if key == "patterns":
        if not isinstance(value, list) or not value:
            raise bad("'patterns' must be a non-empty list")
        pos, neg, ins, nins, rx = [], [], [], [], []
        for v, ln in zip(value, value.item_lines):
            if not isinstance(v, dict) or len(v) != 1:
                raise bad("each item of 'patterns' is a mapping with one key", ln)
            (k, inner), = v.items()
            if k not in IN_PATTERNS:
                raise bad(f"unknown key '{k}' in 'patterns'", ln)
            if k == "metavariable-regex":
                if not isinstance(inner, dict) or set(inner) != {"metavariable", "regex"}:
                    raise bad("metavariable-regex needs 'metavariable' and 'regex'", ln)
                name = str(inner["metavariable"])
                if not re.fullmatch(r"\$[A-Z][A-Z0-9_]*", name):
                    raise bad(f"'{name}' is not a metavariable such as $X", ln)
                _check_regex(str(inner["regex"]), lambda exc, ln=ln: bad(f"invalid regex: {exc}", ln))
                rx.append((name[1:], str(inner["regex"])))
                continue
            if k == "pattern-not-regex":
                neg.append(_formula("pattern-regex", inner, ln, path))
                continue
            target = {"pattern-not": neg, "pattern-inside": ins, "pattern-not-inside": nins}.get(k, pos)
            sub = k if k in MATCH_KEYS else "pattern"
            if k in ("pattern-not", "pattern-inside", "pattern-not-inside") and isinstance(inner, dict):
                target.append(_item(inner, ln, path, allowed=MATCH_KEYS))
            else:
                target.append(_formula(sub, inner, ln, path))
        if not pos:
            raise bad("'patterns' needs at least one positive pattern (pattern, patterns, pattern-either, query)")
        # a clause binding the same metavariable must bind the same code, so
        # the regex holds for it too and can filter it in the query engine
        pos, neg, ins, nins = ([_push_regexes(f, rx) for f in group] for group in (pos, neg, ins, nins))
        # every positive must match the same code, so any can lead: the most
        # specific one goes first and the others are checked only where it matched
        pos.sort(key=_specificity, reverse=True)
        return All(tuple(pos), tuple(neg), tuple(ins), tuple(nins), tuple(rx), line)
    raise bad(f"unknown key '{key}'")


_WORD = re.compile(r"(?<![$\w])[A-Za-z_]\w*")


def _specificity(f: Formula) -> int:
    """How much literal code a clause pins down (names, filters)."""
    if isinstance(f, Leaf):
        if f.kind == "pattern":
            # a regex that names what it wants pins code down; a negative lookahead does not
            return len(_WORD.findall(f.text)) + sum(1 for _, rx in f.filters if "(?!" not in rx[:6])
        return f.text.count("#eq?") + f.text.count("#match?") + f.text.count('"') // 2
    if isinstance(f, Either):
        return min(_specificity(a) for a in f.alternatives)
    return max(_specificity(p) for p in f.positives)


def _push_regexes(f: Formula, regexes: list[tuple[str, str]]) -> Formula:
    """Move metavariable-regex checks into the patterns that bind the
    metavariable, so the query engine filters (`$F(...)` with a regex on $F
    otherwise matches every call in a file). The evaluator still checks them."""
    if not regexes:
        return f
    if isinstance(f, Either):
        return Either(tuple(_push_regexes(a, regexes) for a in f.alternatives), f.line)
    if isinstance(f, All):
        # a nested clause that binds the metavariable must agree with it too
        def push(group):
            return tuple(_push_regexes(g, regexes) for g in group)
        return All(push(f.positives), push(f.negatives), push(f.insides), push(f.not_insides), f.regexes, f.line)
    if isinstance(f, Leaf) and f.kind == "pattern":
        mine = tuple((n, r) for n, r in regexes if re.search(r"\$" + n + r"\b", f.text))
        return Leaf(f.kind, f.text, f.line, f.filters + mine) if mine else f
    return f


def _item(v, line: int, path: str, allowed: set[str]) -> Formula:
    if not isinstance(v, dict) or len(v) != 1:
        raise RuleError("expected a mapping with one key such as 'pattern'", path=path, line=line)
    (k, inner), = v.items()
    if k not in allowed:
        raise RuleError(f"unknown key '{k}'", path=path, line=line)
    return _formula(k, inner, getattr(v, "line_of", lambda _k: line)(k), path)


def compile_all(rule: Rule) -> None:
    """Check the regexes load_rules left for later and turn every pattern
    into query text now, so a pattern that does not parse fails here; the
    query texts are checked per language in `validate`."""
    for value, error in _PENDING.pop((rule.path, rule.id), ()):
        try:
            re.compile(value)
        except re.error as exc:
            raise error(exc) from None
    for leaf in rule.leaves():
        if leaf.kind == "regex":
            continue
        for lang in rule.languages:
            if not langs.LANGUAGES[lang].has_grammar:
                raise RuleError(f"{lang} files have no grammar, so a {leaf.kind} cannot match them",
                                path=rule.path, line=leaf.line, hint="match them with pattern-regex")
            try:
                leaf_query(leaf, lang)
            except compiler.PatternError as exc:
                raise RuleError(f"{leaf.kind} does not compile for {lang}: {exc}", path=rule.path,
                                line=leaf.line) from None


_COMPILED: dict[tuple[str, str, str], compiler.CompiledPattern] = {}


def leaf_query(leaf: Leaf, language: str) -> compiler.CompiledPattern:
    """The tree-sitter query patterns of a leaf for one language."""
    key = (*leaf.key, language)
    hit = _COMPILED.get(key)
    if hit is None:
        hit = compiler.compile_pattern(leaf.text, language, leaf.filters) if leaf.kind == "pattern" \
            else compiler.CompiledPattern(queries=(leaf.text,))
        _COMPILED[key] = hit
    return hit
