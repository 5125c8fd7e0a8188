"""One combined query per language for a ruleset (matched by prescan's own
matcher, rules/nodequery.py): built once per process, checked once per
ruleset (the check is remembered on disk, keyed by the ruleset's digest and
the grammar versions), and shared with the matcher."""
from __future__ import annotations

import bisect
import hashlib
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from prescan.errors import RuleError
from prescan.parse import languages
from prescan.rules.loader import RuleSet, compile_all, leaf_query
from prescan.rules.merge import Member, expand, merge
from prescan.rules.nodequery import NodeQuery
from prescan.rules.model import Either, Leaf, Rule


@dataclass
class CombinedQuery:
    query: NodeQuery | None
    pattern_members: list[tuple[Member, ...]]   # query pattern index -> the leaf patterns it stands for

    def owners(self, index: int, caps: dict, source: bytes):
        """(leaf key, element) and captures of each leaf pattern a match stands for."""
        return expand(self.pattern_members[index], caps, source)


_BUILT: dict[tuple[str, str, bool], CombinedQuery] = {}


def lazy_leaves(rules: list[Rule]) -> set[tuple]:
    """Keys of leaves that only ever check code another clause already found
    (a second `pattern` of a `patterns`, a `pattern-not`): the matcher runs
    them at those places only, instead of over the whole file. A broad
    `$CALL(...)` that merely binds a name would otherwise match every call."""
    roles: dict[tuple, set[str]] = {}

    def walk(f, role: str) -> None:
        if isinstance(f, Leaf):
            roles.setdefault(f.key, set()).add(role)
        elif isinstance(f, Either):
            for alt in f.alternatives:
                walk(alt, role)
        else:
            walk(f.positives[0], role)
            for g in (*f.positives[1:], *f.negatives):
                walk(g, "same")
            for g in (*f.insides, *f.not_insides):
                walk(g, "drive")

    for rule in rules:
        walk(rule.formula, "drive")
    return {k for k, r in roles.items() if r == {"same"}}


def leaves_for(ruleset: RuleSet, language: str, lazy: bool | None = None) -> list[tuple[Rule, Leaf]]:
    """Query leaves of a language: all of them, or only the lazy (True) or
    eager (False) ones. Sequences are always eager: they join per block."""
    rules = ruleset.for_language(language)
    lazy_keys = lazy_leaves(rules) if lazy is not None else set()
    seen, out = set(), []
    for rule in rules:
        for leaf in rule.leaves():
            if leaf.kind == "regex" or leaf.key in seen:
                continue
            is_lazy = leaf.key in lazy_keys and not leaf_query(leaf, language).sequence
            if lazy is None or is_lazy == lazy:
                seen.add(leaf.key)
                out.append((rule, leaf))
    return out


def combined(ruleset: RuleSet, language: str, lazy: bool = False) -> CombinedQuery:
    """The eager (or the lazy) query leaves of a language, as one NodeQuery."""
    key = (ruleset.digest, language, lazy)
    hit = _BUILT.get(key)
    if hit is not None:
        return hit
    items = leaves_for(ruleset, language, lazy)
    if not items:
        hit = _BUILT[key] = CombinedQuery(None, [])
        return hit
    merged = merge([((leaf.key, element), text) for _, leaf in items
                    for element, text in enumerate(leaf_query(leaf, language).queries)])
    parts, starts, owners, pos = [], [], [], 0
    for text, members in merged:
        starts.append(pos)
        owners.append(members)
        parts.append(text)
        pos += len(text.encode()) + 1
    source = "\n".join(parts)
    try:
        query = NodeQuery(languages.grammar(language), source, anchored=not lazy)
    except Exception:  # noqa: BLE001 - a syntax error, an unknown node type or field, a bad regex
        _raise_for_bad_leaf(items, language)
        raise
    # map each query pattern to the (merged) text that holds its first byte
    members = [owners[bisect.bisect_right(starts, query.start_byte_for_pattern(i)) - 1]
               for i in range(query.pattern_count)]
    hit = _BUILT[key] = CombinedQuery(query, members)
    return hit


def _raise_for_bad_leaf(items: list[tuple[Rule, Leaf]], language: str) -> None:
    for rule, leaf in items:
        try:
            for text in leaf_query(leaf, language).queries:
                NodeQuery(languages.grammar(language), text).check_regexes()
        except Exception as exc:  # noqa: BLE001
            raise RuleError(f"invalid tree-sitter query for {language}: {exc}", path=rule.path,
                            line=leaf.line) from None


def _cache_dir() -> Path:
    base = os.environ.get("PRESCAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "prescan")
    return Path(base) / "validated"


def _stamp(ruleset: RuleSet) -> str:
    h = hashlib.sha256(ruleset.digest.encode())
    for dist in ["tree-sitter", *sorted({spec.module.replace("_", "-") for spec in languages.LANGUAGES.values()
                                                if spec.has_grammar})]:
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:32]


def validate(ruleset: RuleSet) -> None:
    """Compile every language's combined query once per ruleset and grammar
    versions; a broken raw query fails here naming its file and line."""
    marker = _cache_dir() / _stamp(ruleset)
    if marker.exists():
        return
    for rule in ruleset.rules:
        compile_all(rule)
    for language in sorted({lang for r in ruleset.rules for lang in r.languages}):
        for lazy in (False, True):
            query = combined(ruleset, language, lazy).query
            if query is None:
                continue
            try:
                query.check_regexes()
            except re.error:
                _raise_for_bad_leaf(leaves_for(ruleset, language, lazy), language)
                raise
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        tmp = marker.with_suffix(f".{os.getpid()}")
        tmp.write_text(ruleset.digest)
        os.replace(tmp, marker)
    except OSError:
        pass            # a read-only home only costs the check on the next run


def clear_caches() -> None:
    """Forget every compiled pattern and query of this process (benchmarks
    measure a cold load with it; the on-disk validation marker stays)."""
    from prescan import analyze
    from prescan.rules import loader
    loader._COMPILED.clear()
    _BUILT.clear()
    analyze._MATCHERS.clear()
