"""Loading and compiling the whole built-in rule pack: YAML, pattern -> query
compilation, and one combined tree-sitter query per language."""
from __future__ import annotations

from conftest import ROUNDS

from prescan.analyze import matcher_for
from prescan.rules import loader
from prescan.rules.queries import clear_caches


def _cold() -> None:
    # the caches outlive a load_rules call: uncleared, every round after the first is a dict lookup
    clear_caches()


def load_and_compile():
    ruleset = loader.load_rules()
    matchers = [matcher_for(ruleset, lang) for lang in sorted({la for r in ruleset.rules for la in r.languages})]
    return ruleset, matchers


def test_load_and_compile_builtin_pack(benchmark):
    # the warm-up round pays the one-time grammar imports, which are not rule compilation
    ruleset, matchers = benchmark.pedantic(load_and_compile, setup=_cold, rounds=max(10, ROUNDS), iterations=1,
                                           warmup_rounds=1)
    benchmark.extra_info.update({
        "rules": len(ruleset.rules), "languages": len(matchers),
        "query_patterns": sum(m.query.pattern_count for m in matchers if m.query is not None)})
    stats = getattr(benchmark.stats, "stats", None)
    if stats is not None:
        benchmark.extra_info["ms_per_rule_best"] = round(1000 * stats.min / max(1, len(ruleset.rules)), 3)


def load_and_compile_python():
    ruleset = loader.load_rules()
    return ruleset, matcher_for(ruleset, "python")


def test_load_and_compile_for_a_python_scan(benchmark):
    # what a scan of a Python-only change pays: a scan compiles only the languages it meets
    ruleset, matcher = benchmark.pedantic(load_and_compile_python, setup=_cold, rounds=max(10, ROUNDS),
                                          iterations=1, warmup_rounds=1)
    benchmark.extra_info["query_patterns"] = matcher.query.pattern_count
