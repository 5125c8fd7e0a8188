"""prescan's own query matcher (rules/nodequery.py) against tree-sitter's:
the same query text must give the same matches on real code."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import tree_sitter as ts

from prescan.parse import languages
from prescan.rules import loader
from prescan.rules.loader import leaf_query
from prescan.rules.merge import merge
from prescan.rules.nodequery import NodeQuery, QuerySyntaxError, finite_texts
from prescan.rules.queries import leaves_for

ROOT = Path(__file__).resolve().parents[2]


def _key(index: int, caps: dict) -> tuple:
    return index, tuple(sorted((name, tuple((n.start_byte, n.end_byte) for n in nodes))
                               for name, nodes in caps.items()))


def _both(language: str, query: str, source: bytes) -> tuple[Counter, Counter]:
    grammar = languages.grammar(language)
    root = ts.Parser(grammar).parse(source).root_node
    theirs = Counter(_key(i, c) for i, c in ts.QueryCursor(ts.Query(grammar, query)).matches(root))
    ours = Counter(_key(i, c) for i, c in NodeQuery(grammar, query).matches(root))
    return theirs, ours


PY = b'''
import os, subprocess
def handler(request, *args, **kw):
    # a comment
    cmd = request.args.get("cmd")
    os.system(cmd)
    subprocess.run(["ls", cmd], shell=True, check=False)
    subprocess.run("ls", shell=False)
    eval(cmd); exec(compile(cmd, "<x>", "exec"))
    if cmd == "x" or cmd != "y":
        return {"a": 1, **kw}
    return None
class K(Base, metaclass=M):
    x: int = 1
    def m(self): return self.x
'''


@pytest.mark.parametrize("query", [
    # fields, predicates on literals and regexes
    '((call function: (attribute object: (identifier) @o attribute: (identifier) @a)) @c (#eq? @o "os"))',
    '((call function: (_) @f arguments: (argument_list . (_) @first)) (#match? @f "^(eval|exec)$"))',
    '((call function: (identifier) @f) (#any-of? @f "eval" "compile"))',
    '((call function: (identifier) @f) (#not-any-of? @f "eval"))',
    '((identifier) @i (#not-match? @i "^c"))',
    # anchors: first, last, immediate siblings
    '(argument_list . (_) @first)',
    '(argument_list (_) @last .)',
    '(argument_list (_) @a . (_) @b)',
    '(argument_list (string) @s (keyword_argument) @k)',
    # negated fields, keyword arguments with literal values
    '(call arguments: (argument_list (keyword_argument name: (identifier) @n value: (true))) !type) @c',
    '(function_definition !return_type name: (identifier) @n)',
    # alternations, at the root and inside
    '[(call function: (identifier) @f) (attribute attribute: (identifier) @f)] @x',
    '(call arguments: (argument_list [(string) (list)] @arg))',
    # quantifiers
    '(argument_list (string)* @strings)',
    '(argument_list (identifier)+ @ids)',
    '(call function: (identifier) @f arguments: (argument_list (keyword_argument)? @kw))',
    # anonymous nodes and wildcards
    '(boolean_operator operator: "or" @op)',
    '(comparison_operator _ @any)',
    '(block (_) @stmt)',
    # supertypes
    '(return_statement (expression) @e)',
    '(class_definition superclasses: (argument_list (primary_expression) @base))',
    # any- predicates on a quantified capture: one node is enough
    '((argument_list (string)+ @s) (#any-match? @s "x"))',
    '((argument_list (identifier)+ @i) (#any-eq? @i "cmd"))',
    # captures compared with each other
    '((assignment left: (identifier) @l right: (_) @r) (#eq? @l @l))',
    '((comparison_operator (identifier) @a (string) @b) (#not-eq? @a @b))',
    # a run of siblings at the top level
    '((expression_statement) @a . (expression_statement) @b)',
    '((expression_statement) @a . (if_statement) @b)',
    # several patterns in one query
    '(call) @c (string) @s ((identifier) @i (#eq? @i "cmd"))',
])
def test_same_matches_as_tree_sitter(query):
    theirs, ours = _both("python", query, PY)
    assert theirs, f"the query must match something to compare: {query}"
    assert ours == theirs


@pytest.mark.parametrize("language", ["python", "javascript", "typescript", "go", "java", "ruby",
                                      "php", "c", "cpp", "csharp", "rust", "yaml", "hcl", "dockerfile"])
def test_builtin_pack_matches_as_tree_sitter_on_the_fixtures(language):
    """Every eager query of the built-in pack, as one combined query, over
    every fixture file of the language: identical matches, pattern by pattern."""
    ruleset = loader.load_rules()
    items = leaves_for(ruleset, language, False)
    merged = merge([((leaf.key, el), text) for _, leaf in items
                    for el, text in enumerate(leaf_query(leaf, language).queries)])
    text = "\n".join(t for t, _ in merged)
    grammar = languages.grammar(language)
    theirs_q, ours_q = ts.Query(grammar, text), NodeQuery(grammar, text)
    assert ours_q.pattern_count == theirs_q.pattern_count
    files = [p for p in sorted((ROOT / "rules").rglob("*"))
             if p.is_file() and p.suffix not in (".yml",) and languages.detect(str(p)) == language]
    assert files
    total = 0
    parser = ts.Parser(grammar)
    for path in files:
        root = parser.parse(path.read_bytes()).root_node
        theirs = Counter(_key(i, c) for i, c in ts.QueryCursor(theirs_q).matches(root))
        ours = Counter(_key(i, c) for i, c in ours_q.matches(root))
        assert set(ours) == set(theirs), path
        total += len(theirs)
    assert total > 0


def test_rooted_matches_are_those_that_start_at_the_node():
    grammar = languages.grammar("python")
    root = ts.Parser(grammar).parse(PY).root_node
    q = NodeQuery(grammar, "(call function: (identifier) @f) @c (identifier) @i")
    calls = [c["c"][0] for i, c in q.matches(root) if i == 0]
    assert len(calls) == 3
    for call in calls:
        got = q.matches_at(call)
        assert {i for i, _ in got} == {0} and all(c["c"][0].id == call.id for _, c in got)


@pytest.mark.parametrize("query, error, message", [
    ("(call (nope))", QuerySyntaxError, "invalid node type 'nope'"),
    ("(call nope: (identifier))", QuerySyntaxError, "invalid field name 'nope'"),
    ("(call !nope)", QuerySyntaxError, "invalid field name 'nope'"),
    ("(call (identifier)", QuerySyntaxError, "unclosed '('"),
    ("((identifier) @i (#frobnicate? @i))", QuerySyntaxError, "unknown predicate #frobnicate?"),
    ("((identifier) @i (#eq? @j \"x\"))", QuerySyntaxError, "names @j, which the pattern does not capture"),
    ("((identifier) @i (#eq? @i))", QuerySyntaxError, "#eq? takes two arguments, got 1"),
    ("[(call) ((string) (string))]", QuerySyntaxError, "a group of sibling patterns is supported only"),
    ("((string) (string))+", QuerySyntaxError, "a group of sibling patterns is supported only"),
    ("((identifier) @i (#match? @i \"(\"))", re.error, "missing )"),
])
def test_bad_queries_are_refused(query, error, message):
    with pytest.raises(error) as exc:
        NodeQuery(languages.grammar("python"), query).check_regexes()
    assert message in str(exc.value)


@pytest.mark.parametrize("regex, texts", [
    (r"^(exec|execSync)$", {"exec", "execSync"}),
    (r"(?:^(?:^(req|request)$))|(?:^(?:^(query|body)$))", {"req", "request", "query", "body"}),
    (r"^(np|numpy)\.load$", {"np.load", "numpy.load"}),
    (r"^ab?c$", {"abc", "ac"}),
    (r"^[xy]$", {"x", "y"}),
    (r"^x", None),                  # a prefix: any text after it
    (r"x$", None),
    (r"^\w+$", None),
    (r"(?i)^eval$", None),          # any case: more texts than a set can say
    (r"^a$|b", None),               # one branch unanchored
    (r"^a$b$", None),
])
def test_finite_texts_of_a_regex(regex, texts):
    got = finite_texts(regex)
    assert got == (None if texts is None else frozenset(texts))
    for t in got or ():
        assert re.search(regex, t)


@pytest.mark.parametrize("regex, samples, needed", [
    (r"^[\s\S]*\bquote\(", ["x = quote(a)", "quote(b)"], {"quote("}),
    (r"^(eval|exec)$", ["eval", "exec"], {"val", "xec"}),  # re factors out the common "e"
    (r"^(\w+\.)*(escape|conditional_escape)\w*$", ["html.escape", "conditional_escape_x"],
     {"escape", "conditional_escape"}),
    (r"(?i)eval", ["EVAL"], None),          # any case: no case-sensitive string is required
    (r"^\w+$", ["abc"], None),
])
def test_required_substrings_are_in_every_text_the_regex_accepts(regex, samples, needed):
    from prescan.rules.nodequery import required_substrings
    got = required_substrings(regex)
    assert got == needed
    for text in samples:
        assert re.search(regex, text)
        assert got is None or any(s in text for s in got)


def test_a_file_without_the_required_strings_is_not_matched_at_all():
    grammar = languages.grammar("python")
    q = NodeQuery(grammar, '((call function: (_) @f) @c (#match? @f "^(os\\\\.)?system$"))')
    with_it = ts.Parser(grammar).parse(b"import os\nos.system(x)\nprint(x)\n").root_node
    without = ts.Parser(grammar).parse(b"import os\nos.getcwd(x)\nprint(x)\n").root_node
    assert [c["f"][0].text for _, c in q.matches(with_it)] == [b"os.system"]
    assert q.matches(without) == []
