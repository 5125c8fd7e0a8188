"""Merged query patterns (one per shape, literals checked after the match)
find exactly what the unmerged patterns find."""
from __future__ import annotations

from pathlib import Path

import pytest
import tree_sitter as ts

from prescan.parse import languages
from prescan.rules import loader, merge, queries
from prescan.rules.loader import builtin_rules_dir

FIXTURE_EXT = {"python": ".py", "ruby": ".rb", "javascript": ".js", "java": ".java", "php": ".php"}


def _matches(cq: queries.CombinedQuery, tree: ts.Tree, source: bytes) -> list:
    out = []
    for index, caps in cq.query.matches(tree.root_node):
        for owner, got in cq.owners(index, caps, source):
            out.append((owner, tuple(sorted((name, tuple((n.start_byte, n.end_byte) for n in nodes))
                                            for name, nodes in got.items()))))
    return sorted(out, key=repr)


@pytest.mark.parametrize("language", sorted(FIXTURE_EXT))
def test_merged_query_finds_what_separate_patterns_find(language, monkeypatch):
    ruleset = loader.load_rules()
    merged = queries.combined(ruleset, language)
    monkeypatch.setattr(queries, "merge", lambda items: [(t, (merge.Member(o),)) for o, t in items])
    monkeypatch.setattr(queries, "_BUILT", {})
    separate = queries.combined(ruleset, language)
    assert merged.query.pattern_count < separate.query.pattern_count
    parser = ts.Parser(languages.grammar(language))
    sources = [p.read_bytes() for p in sorted(Path(builtin_rules_dir(), language).glob("*" + FIXTURE_EXT[language]))]
    assert len(sources) >= 10
    total = 0
    for source in sources:
        tree = parser.parse(source)
        want = _matches(separate, tree, source)
        assert _matches(merged, tree, source) == want
        total += len(want)
    assert total > 100


def _owners(texts):
    return merge.merge([((f"leaf{i}", 0), t) for i, t in enumerate(texts)])


def test_patterns_differing_in_literals_share_one_pattern():
    got = _owners(['((call method: (identifier) @a) @_match (#eq? @a "eval"))',
                   '((call method: (identifier) @m) @_match (#eq? @m "exec"))',
                   '((call method: (identifier) @x) @_match (#match? @x "^sys"))'])
    assert len(got) == 2
    text, members = got[0]
    assert '#any-of? @k0 "eval" "exec"' in text and len(members) == 2
    assert members[1].rename == (("k0", "m"), ("k1", "_match"))


def test_unreadable_or_unsafe_texts_stay_as_they_are():
    texts = ['((call (identifier) @a (#eq? @a "x")) @m)',          # a predicate below the top
             '(identifier) @a (string) @b',                         # two patterns
             '((identifier) @a (#match? @a "(?i)^x"))',              # global flags
             '((identifier) @a (#match? @a "(?i)^y"))',
             '; comment\n((identifier) @a)']
    got = _owners(texts)
    assert [t for t, _ in got] == texts


def _seen(text: str, members, source: bytes) -> list[tuple[str, str, bytes]]:
    grammar = languages.grammar("python")
    tree = ts.Parser(grammar).parse(source)
    out = []
    for _, caps in ts.QueryCursor(ts.Query(grammar, text)).matches(tree.root_node):
        for owner, got in merge.expand(members, caps, source):
            (name, nodes), = got.items()
            out.append((owner[0], name, source[nodes[0].start_byte:nodes[0].end_byte]))
    return out


def test_members_are_told_apart_by_their_own_literals():
    (text, members), = _owners(['((identifier) @a (#eq? @a "x"))', '((identifier) @c (#eq? @c "y"))'])
    assert '#any-of? @k0 "x" "y"' in text
    assert _seen(text, members, b"y = xx + x2 + z1\n") == [("leaf1", "c", b"y")]


def test_regex_literals_are_unescaped_for_the_member_check():
    (text, members), = _owners(['((identifier) @a (#match? @a "^x\\\\d$"))',
                                '((identifier) @b (#match? @b "^y\\\\d$"))'])
    assert _seen(text, members, b"x1 = y2 + xd + z3\n") == [("leaf0", "a", b"x1"), ("leaf1", "b", b"y2")]
