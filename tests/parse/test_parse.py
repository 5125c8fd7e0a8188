"""The parse stage's entry point: facts, syntax issues, and failures that come
back as issues instead of exceptions."""
from __future__ import annotations

import pickle
import random

import pytest
import tree_sitter as ts

import prescan.parse as parse_stage
from prescan.parse import Parsed, line_count, parse, syntax_issues
from prescan.parse.languages import LANGUAGES, parser
from prescan.parse.model import FileFacts, SyntaxIssue, Unit


def test_parsed_holds_tree_facts_and_source():
    data = b"class A:\n    def m(self):\n        return 1\n"
    parsed = parse("pkg/a.py", data, "python")
    assert isinstance(parsed, Parsed)
    assert isinstance(parsed.tree, ts.Tree)
    assert parsed.tree.root_node.type == "module"
    assert parsed.source == data
    assert parsed.facts == FileFacts(
        path="pkg/a.py", language="python", size=len(data), lines=3,
        units=(Unit("class", "A", "A", 0, 42, 1, 3), Unit("method", "m", "A.m", 13, 42, 2, 3)),
        syntax_issues=())


def test_facts_pickle():
    facts = parse("a.js", b"function f() {\n  return (;\n}\n", "javascript").facts
    assert facts.syntax_issues
    assert pickle.loads(pickle.dumps(facts)) == facts


@pytest.mark.parametrize("data,lines", [
    (b"", 0), (b"x", 1), (b"x\n", 1), (b"x\ny", 2), (b"x\ny\n", 2), (b"\n", 1), (b"\n\n", 2)])
def test_line_count(data, lines):
    assert line_count(data) == lines
    assert parse("f.py", data, "python").facts.lines == lines


def test_accepts_bytes_like():
    parsed = parse("f.py", bytearray(b"def f(): pass\n"), "python")
    assert isinstance(parsed.source, bytes)
    assert [u.name for u in parsed.facts.units] == ["f"]


def test_missing_token_issue():
    issues = parse("a.c", b"int main() {\n  int x = 1\n  return x;\n}\n", "c").facts.syntax_issues
    assert issues == (SyntaxIssue(2, 12, "missing ';'"),)


def test_error_issue_and_character_columns():
    # the column counts characters, not bytes: "é" is two bytes
    issues = parse("a.js", "const s = 'é'; let = ;\n".encode(), "javascript").facts.syntax_issues
    assert issues == (SyntaxIssue(1, 20, "syntax error"),)


def test_clean_file_has_no_issues():
    assert parse("a.go", b"package p\n\nfunc F() {}\n", "go").facts.syntax_issues == ()


def test_issues_are_bounded_and_in_order():
    data = b"".join(b"def f%d(:\n    pass\n" % i for i in range(100))
    issues = parse("m.py", data, "python").facts.syntax_issues
    assert len(issues) == parse_stage.MAX_ISSUES
    assert [i.line for i in issues] == sorted(i.line for i in issues)
    assert syntax_issues(parse_stage.parse("m.py", data, "python").tree.root_node, data, 3) == issues[:3]


def test_deeply_nested_errors():
    data = b"f(" * 20_000 + b"x y z"
    parsed = parse("deep.js", data, "javascript")
    assert 1 <= len(parsed.facts.syntax_issues) <= parse_stage.MAX_ISSUES


def test_unknown_language_is_an_issue():
    parsed = parse("x.cob", b"IDENTIFICATION DIVISION.\n", "cobol")
    assert parsed.tree is None
    assert parsed.facts.units == ()
    assert parsed.facts.lines == 1
    assert parsed.facts.syntax_issues == (SyntaxIssue(1, 1, "cannot parse: unknown language 'cobol'"),)


def test_timeout_is_an_issue():
    data = b"def f(x):\n    return [x for x in range(10) if x]\n" * 200_000
    assert len(data) > parse_stage.TIMED_PARSE_BYTES
    parsed = parse("big.py", data, "python", timeout=0.01)
    assert parsed.tree is None
    assert parsed.facts.units == ()
    assert parsed.facts.size == len(data)
    [issue] = parsed.facts.syntax_issues
    assert "timed out" in issue.message


def test_parser_failure_is_an_issue(monkeypatch):
    def broken(name):
        raise RuntimeError("incompatible grammar")
    monkeypatch.setattr(parse_stage, "parser", broken)
    parsed = parse("a.py", b"x = 1\n", "python")
    assert parsed.tree is None
    assert parsed.facts.syntax_issues == (
        SyntaxIssue(1, 1, "parse failed: RuntimeError: incompatible grammar"),)


def test_parser_returning_none_is_an_issue(monkeypatch):
    class NoTree:
        included_ranges: list = []

        def parse(self, *args, **kwargs):
            return None
    monkeypatch.setattr(parse_stage, "parser", lambda name: NoTree())
    parsed = parse("a.py", b"x = 1\n", "python")
    assert parsed.tree is None
    assert parsed.facts.syntax_issues == (SyntaxIssue(1, 1, "parse failed"),)


def test_unit_extraction_bug_is_an_issue(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("oops")
    monkeypatch.setattr(parse_stage, "extract_units", broken)
    parsed = parse("a.py", b"def f(): pass\n", "python")
    assert parsed.tree is not None
    assert parsed.facts.units == ()
    assert parsed.facts.syntax_issues[-1].message.startswith("unit extraction failed: KeyError")


def test_recovery_reparse_keeps_positions_absolute():
    code = ("import os\n"
            "\n"
            "def broken(a, b:\n"
            "    return a\n"
            "\n"
            "class After:\n"
            "    @staticmethod\n"
            "    def m():\n"
            "        return 1\n")
    data = code.encode()
    units = parse("r.py", data, "python").facts.units
    assert [(u.kind, u.qualname, u.start_line, u.end_line) for u in units] == [
        ("class", "After", 6, 9), ("method", "After.m", 7, 9)]
    method = units[1]
    assert data[method.start_byte:method.end_byte].startswith(b"@staticmethod\n    def m():")


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_random_bytes_never_raise(language):
    rng = random.Random(language)
    alphabet = b"(){}[]<>;:,.=+-*/'\"`#@$\\\n\t abcdefXYZ019\xff\xc3"
    for size in (1, 7, 100, 2000):
        data = bytes(rng.choice(alphabet) for _ in range(size))
        parsed = parse("fuzz", data, language)
        assert parsed.facts.size == size
        for u in parsed.facts.units:
            assert 0 <= u.start_byte <= u.end_byte <= size


SMALL = {
    "python": b"@d\nclass A:\n    def m(self): return [x for x in y]\n",
    "javascript": b"app.get('/', (req, res) => { res.send(`${a}`); });\n",
    "typescript": b"export const f = <T,>(x: T): T => x;\n",
    "tsx": b"const C = () => <div onClick={() => go()}>{items.map(i => <i/>)}</div>;\n",
    "go": b"package p\nfunc (s *S) M() { go func() {}() }\n",
    "java": b"class A { @Override public String toString() { return \"a\"; } }\n",
    "csharp": b"class A { [HttpGet] public int M() => 1; }\n",
    "c": b"static int f(int a) { return a ? 1 : 0; }\n",
    "cpp": b"template <class T> T A<T>::get() const { return v; }\n",
    "ruby": b"class A\n  def m = 1\nend\n",
    "php": b"<?php\nclass A { public function m() { return fn($x) => $x; } }\n",
    "rust": b"#[test]\nfn t() { let c = |x| x; }\n",
    "yaml": b"kind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: api\n",
    "dockerfile": b"FROM python:3.12 AS app\nRUN pip install x\nUSER app\n",
    "hcl": b'resource "aws_s3_bucket" "logs" {\n  bucket = "x"\n}\n',
}
GRAMMARS = sorted(name for name, spec in LANGUAGES.items() if spec.has_grammar)


def test_small_covers_every_language():
    assert set(SMALL) == set(GRAMMARS)


def test_a_language_without_grammar_parses_to_plain_facts():
    parsed = parse("app/.env", b"DEBUG=1\nPORT=80\n", "generic")
    assert parsed.tree is None
    assert parsed.facts == FileFacts(path="app/.env", language="generic", size=16, lines=2, units=())


@pytest.mark.parametrize("language", GRAMMARS)
def test_timed_parse_gives_the_same_usable_tree(language, monkeypatch):
    # big files are read through callbacks to honour the timeout; the tree
    # handed on must be the same and must not crash on text or predicates
    monkeypatch.setattr(parse_stage, "TIMED_PARSE_BYTES", 0)
    data = SMALL[language]
    direct = parser(language).parse(data)
    parsed = parse("x", data, language)
    root = parsed.tree.root_node
    assert str(root) == str(direct.root_node)
    assert root.text == data.rstrip(b"\n") or root.text == data
    query = ts.Query(parser(language).language, "((_) @n (#eq? @n \"__never__\"))")
    assert ts.QueryCursor(query).matches(root) == []
    assert parsed.facts.syntax_issues == ()
    assert parsed.facts.units


@pytest.mark.parametrize("data", [
    "".join(" " * i + "a:\n" for i in range(300)).encode(),       # one level per line
    b"- " * 5_000,                                                  # all levels on one line
    b"- !t &a " * 1_000,
])
def test_yaml_too_deep_for_the_grammar_is_refused_not_crashed(data):
    # tree-sitter-yaml's scanner crashes the process past 255 indentation levels
    issues = parse("deep.yaml", data, "yaml").facts.syntax_issues
    assert issues and "deeper than" in issues[0].message


def test_yaml_of_ordinary_depth_parses():
    data = "".join(" " * i + "a:\n" for i in range(150)).encode()
    parsed = parse("ok.yaml", data, "yaml")
    assert parsed.tree is not None and parsed.facts.syntax_issues == ()
