"""Patterns compiled to tree-sitter queries, and the combinators, on real code."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from prescan.analyze import analyze_file, matcher_for
from prescan.parse import parse
from prescan.rules.loader import load_rules

EXT = {"python": "py", "javascript": "js", "typescript": "ts", "go": "go", "java": "java", "c": "c",
       "cpp": "cpp", "ruby": "rb", "php": "php", "rust": "rs", "csharp": "cs"}


def make_rule(tmp_path: Path, body: str, language: str = "python", rid: str = "test-rule") -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / f"{rid}.yml").write_text(textwrap.dedent(f"""\
        id: {rid}
        languages: [{language}]
        severity: high
        confidence: medium
        cwe: [CWE-78]
        message: found $X
        why: because
        fix: do not
        """) + textwrap.dedent(body))
    return d


def lines_found(tmp_path: Path, body: str, code: str, language: str = "python") -> list[int]:
    rules = load_rules([str(make_rule(tmp_path, body, language))], builtin=False)
    src = textwrap.dedent(code).encode()
    parsed = parse(f"f.{EXT[language]}", src, language)
    return sorted(f.start_line for f in analyze_file(parsed, rules))


def test_metavariables_and_ellipsis_in_arguments(tmp_path):
    code = """\
        import subprocess
        subprocess.run(cmd, shell=True)
        subprocess.run(cmd, cwd="/", shell=True, env=e)
        subprocess.run(cmd)
        subprocess.run(shell=True)
        other.run(cmd, shell=True)
        """
    assert lines_found(tmp_path, "pattern: subprocess.run($X, ..., shell=True, ...)\n", code) == [2, 3]


def test_exact_arity_without_ellipsis(tmp_path):
    code = "f(a)\nf(a, b)\nf()\n"
    assert lines_found(tmp_path, "pattern: f($X)\n", code) == [1]


def test_repeated_metavariable_must_bind_same_code(tmp_path):
    code = "if a == a:\n    pass\nif a == b:\n    pass\nif a.b == a . b:\n    pass\n"
    assert lines_found(tmp_path, "pattern: $X == $X\n", code) == [1, 5]


def test_string_wildcard_skips_interpolation(tmp_path):
    code = 'run("ls")\nrun(f"ls {d}")\nrun(name)\nrun(\'x\')\n'
    assert lines_found(tmp_path, 'pattern: run("...")\n', code) == [1, 4]


def test_quoted_literal_matches_either_quote(tmp_path):
    code = "h('md5')\nh(\"md5\")\nh('sha256')\n"
    assert lines_found(tmp_path, 'pattern: h("md5")\n', code) == [1, 2]


def test_sequence_with_ellipsis_between_statements(tmp_path):
    code = """\
        def f():
            x = request.args.get("q")
            log(x)
            eval(x)
        def g():
            y = request.args.get("q")
            eval(z)
        """
    body = 'pattern: |\n  $V = request.args.get(...)\n  ...\n  eval($V)\n'
    assert lines_found(tmp_path, body, code) == [2]


def test_patterns_not_inside_and_regex(tmp_path):
    code = """\
        def a(q):
            db.execute("SELECT " + q)
        def b(q):
            db.execute("SELECT 1")
        def c(q):
            with safe():
                db.execute("SELECT " + q)
        def d(q):
            cache.execute("SELECT " + q)
        """
    body = """\
        patterns:
          - pattern: $DB.execute($Q)
          - pattern-inside: |
              def $F(...):
                  ...
          - pattern-not: $DB.execute("...")
          - pattern-not-inside: |
              with safe():
                  ...
          - metavariable-regex:
              metavariable: $DB
              regex: ^db$
        """
    assert lines_found(tmp_path, body, code) == [2]


def test_pattern_either_and_focus(tmp_path):
    code = "os.system(a)\nos.popen(b)\nos.system('ls')\n"
    body = """\
        focus: $X
        patterns:
          - pattern-either:
              - pattern: os.system($X)
              - pattern: os.popen($X)
          - pattern-not: os.system("...")
        """
    rules = load_rules([str(make_rule(tmp_path, body))], builtin=False)
    parsed = parse("f.py", code.encode(), "python")
    found = analyze_file(parsed, rules)
    assert [(f.start_line, f.start_col, f.message) for f in found] == [(1, 11, "found a"), (2, 10, "found b")]


def test_raw_query_and_regex_leaf(tmp_path):
    code = "eval(x)\nprint(x)\nKEY = 'AKIA0123456789ABCDEF'\n"
    body = 'query: |\n  ((call function: (identifier) @f) @match (#eq? @f "eval"))\n'
    assert lines_found(tmp_path, body, code) == [1]
    (tmp_path / "rules" / "test-rule.yml").unlink()
    assert lines_found(tmp_path, "pattern-regex: AKIA[0-9A-Z]{16}\n", code) == [3]


@pytest.mark.parametrize("language,pattern,code,expected", [
    ("javascript", "$EL.innerHTML = $X", "a.innerHTML = b;\na.textContent = b;\n", [1]),
    ("typescript", "eval($X)", "const x: number = 1;\neval(s);\n", [2]),
    ("go", 'exec.Command("sh", "-c", $X)', 'package m\nfunc f() {\n\texec.Command("sh", "-c", c)\n'
                                           '\texec.Command("ls", c)\n}\n', [3]),
    ("java", "Runtime.getRuntime().exec($X)", "class A { void f() { Runtime.getRuntime().exec(c); "
                                              "\nRuntime.getRuntime().gc(); } }\n", [1]),
    ("c", "strcpy($A, $B)", "void f(char *s) {\n char b[4];\n strcpy(b, s);\n strncpy(b, s, 3);\n}\n", [3]),
    ("cpp", "gets($B)", "void f() {\n char b[4];\n gets(b);\n}\n", [3]),
    ("ruby", "Marshal.load($X)", "Marshal.load(x)\nMarshal.dump(x)\n", [1]),
    ("php", "unserialize($X)", "<?php\n$a = unserialize($_GET['a']);\n$b = json_decode($c);\n", [2]),
    ("php", "$X = $_GET[...]", "<?php\n$a = $_GET['a'];\n$b = $_POST['a'];\n", [2]),
    ("rust", 'Command::new("sh")', 'fn f() {\n let c = Command::new("sh");\n let d = Command::new("ls");\n}\n', [2]),
    ("csharp", "new BinaryFormatter()", "class A { void F() {\n var f = new BinaryFormatter();\n"
                                        " var g = new XmlSerializer(t);\n} }\n", [2]),
])
def test_patterns_in_every_language(tmp_path, language, pattern, code, expected):
    assert lines_found(tmp_path, f"pattern: {pattern}\n", code, language) == expected


def test_all_rules_of_a_language_run_as_one_query(tmp_path):
    d = make_rule(tmp_path, "pattern: eval($X)\n", rid="rule-one")
    make_rule(tmp_path, "pattern-either:\n  - pattern: exec($X)\n  - pattern: compile($X)\n", rid="rule-two")
    rules = load_rules([str(d)], builtin=False)
    m = matcher_for(rules, "python")
    # every leaf of every rule in one query; leaves of one shape share one pattern
    assert m.query.pattern_count == 1
    parsed = parse("f.py", b"eval(a)\nexec(b)\ncompile(c)\n", "python")
    assert [(f.rule_id, f.start_line) for f in analyze_file(parsed, rules)] == \
        [("rule-one", 1), ("rule-two", 2), ("rule-two", 3)]


def test_invalid_utf8_inside_a_compared_node_does_not_stop_matching(tmp_path):
    rules = load_rules([str(make_rule(tmp_path, 'pattern: run("caf")\n'))], builtin=False)
    src = b'run("caf\xe9")\nrun("caf")\nx = "\xff\xfe"\nrun("caf")\n'
    parsed = parse("f.py", src, "python")
    assert sorted(f.start_line for f in analyze_file(parsed, rules)) == [2, 4]
