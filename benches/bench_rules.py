"""Loading and compiling the whole built-in rule pack: YAML, pattern -> query
compilation, one combined query per language, and matching with it."""
from __future__ import annotations

import pytest
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


def test_first_load_of_a_ruleset(benchmark, tmp_path, monkeypatch):
    """What the first scan with a new ruleset (or a new prescan or grammar
    version) pays: with no validation marker in the cache, load_rules
    compiles every pattern and regex of every rule for every language once."""
    rounds = iter(range(1 << 20))

    def fresh_cache():
        monkeypatch.setenv("PRESCAN_CACHE_DIR", str(tmp_path / f"cache{next(rounds)}"))
        clear_caches()
    ruleset = benchmark.pedantic(loader.load_rules, setup=fresh_cache, rounds=max(5, ROUNDS), iterations=1,
                                 warmup_rounds=1)
    benchmark.extra_info["rules"] = len(ruleset.rules)


def _python_sources(corpus, limit: int = 400):
    import tree_sitter as ts

    from prescan.parse import languages
    parser = ts.Parser(languages.grammar("python"))
    out = []
    for path in corpus.py_files[:limit]:
        data = open(path, "rb").read()
        out.append(parser.parse(data).root_node)
    return out


@pytest.mark.parametrize("engine", ["nodequery", "tree_sitter"])
def test_match_python_pack(benchmark, corpus, engine):
    """The built-in pack's eager Python patterns over 400 stdlib files:
    prescan's matcher (rules/nodequery.py), and the same query text run by
    tree-sitter's own engine, for the ratio."""
    import tree_sitter as ts

    from prescan.parse import languages
    from prescan.rules.queries import combined
    ruleset = loader.load_rules()
    nq = combined(ruleset, "python").query
    roots = _python_sources(corpus)
    if engine == "nodequery":
        def run():
            return sum(len(nq.matches(r)) for r in roots)
    else:
        text = "\n".join(_query_texts(ruleset))
        tq = ts.Query(languages.grammar("python"), text)

        def run():
            return sum(len(ts.QueryCursor(tq, match_limit=1 << 16).matches(r)) for r in roots)
    found = benchmark.pedantic(run, rounds=max(3, ROUNDS), iterations=1, warmup_rounds=1)
    benchmark.extra_info.update({"files": len(roots), "matches": found})


def _query_texts(ruleset):
    from prescan.rules.loader import leaf_query
    from prescan.rules.merge import merge
    from prescan.rules.queries import leaves_for
    items = leaves_for(ruleset, "python", False)
    return [t for t, _ in merge([((leaf.key, el), t) for _, leaf in items
                                 for el, t in enumerate(leaf_query(leaf, "python").queries)])]
