"""Inline suppressions: found in each language's comments (not in strings),
the line each covers, and what apply() marks and reports."""
from __future__ import annotations

import pytest

from prescan.findings import Finding
from prescan.policy import suppress


@pytest.mark.parametrize("path, language, text", [
    ("a.py", "python", "x = 1\n# prescan: ignore[r1] the reason\nbad()\n"),
    ("a.js", "javascript", "x = 1;\n// prescan: ignore[r1] the reason\nbad();\n"),
    ("a.ts", "typescript", "let x = 1;\n/* prescan: ignore[r1] the reason */\nbad();\n"),
    ("a.go", "go", "package a\n// prescan: ignore[r1] the reason\nvar x = bad()\n"),
    ("A.java", "java", "class A {\n  // prescan: ignore[r1] the reason\n  int x = bad();\n}\n"),
    ("a.c", "c", "int x;\n/* prescan: ignore[r1] the reason */\nint y = bad();\n"),
    ("a.rb", "ruby", "x = 1\n# prescan: ignore[r1] the reason\nbad\n"),
    ("a.php", "php", "<?php\n# prescan: ignore[r1] the reason\nbad();\n"),
    ("a.rs", "rust", "fn f() {}\n// prescan: ignore[r1] the reason\nfn g() { bad(); }\n"),
    ("a.yaml", "yaml", "a: 1\n# prescan: ignore[r1] the reason\nb: bad\n"),
    ("Dockerfile", "dockerfile", "FROM x\n# prescan: ignore[r1] the reason\nUSER root\n"),
    ("main.tf", "hcl", "a = 1\n# prescan: ignore[r1] the reason\nb = 2\n"),
    ("app.ini", "generic", "[s]\n; prescan: ignore[r1] the reason\nb = 2\n"),
    ("page.html", None, "<p>\n<!-- prescan: ignore[r1] the reason -->\n<a>\n"),
    ("q.sql", None, "select 1;\n-- prescan: ignore[r1] the reason\nselect 2;\n"),
])
def test_comment_on_its_own_line_covers_the_next(path, language, text):
    [s] = suppress.find(path, text.encode(), language)
    assert (s.line, s.covers, s.rules, s.reason) == (2, 3, ("r1",), "the reason")


def test_trailing_comment_covers_its_line_and_several_ids():
    [s] = suppress.find("a.py", b"x = 1\nbad()  # prescan: ignore[r1, r2] - fine: constant\n", "python")
    assert (s.line, s.covers, s.rules, s.reason) == (2, 2, ("r1", "r2"), "fine: constant")


def test_not_a_comment():
    src = b'x = "# prescan: ignore[r1] in a string"\ny = 2  # prescan: ignore[r2] real\n'
    assert [(s.line, s.rules) for s in suppress.find("a.py", src, "python")] == [(2, ("r2",))]
    assert suppress.find("a.py", b"bad()  prescan: ignore[r1] no comment\n", "python") == []
    js = b"const s = `// prescan: ignore[r1] in a template`;\nbad();\n"
    assert suppress.find("a.js", js, "javascript") == []


def _f(rule_id: str, line: int, path: str = "a.py") -> Finding:
    return Finding(rule_id, "rule", "high", "high", "m", path, line, 1, line, 5, "<module>", "bad()",
                   fingerprint=f"{rule_id}-{line}:0")


def test_apply_marks_reports_missing_reasons_and_unused():
    src = (b"# prescan: ignore[r1] safe: constant\nbad()\n"           # used
           b"bad()  # prescan: ignore[r1]\n"                         # no reason: does not suppress
           b"# prescan: ignore[r9] stale\nok()\n"                    # unused
           b"# prescan: ignore[*] generated code\nbad()\n")          # wildcard, used
    sups = {"a.py": suppress.find("a.py", src, "python")}
    found = [_f("r1", 2), _f("r1", 3), _f("r2", 7)]
    marked, problems = suppress.apply(found, sups, require_reason=True, checked={"a.py"})
    assert [dict(f.extra).get("suppressed") for f in marked] == ["safe: constant", None, "generated code"]
    assert [(p.rule_id, p.start_line, p.severity) for p in problems] == [
        ("suppression-without-reason", 3, "low"), ("suppression-unused", 4, "info")]
    assert all(p.origin == "policy" and p.fingerprint.endswith(":0") for p in problems)
    # without a required reason the bare one suppresses too; outside `checked` nothing is reported
    marked, problems = suppress.apply(found, sups, require_reason=False, checked=set())
    assert [dict(f.extra).get("suppressed") for f in marked] == ["safe: constant", "(no reason)", "generated code"]
    assert problems == []


def test_policy_findings_cannot_be_suppressed():
    sups = {".prescan.toml": [suppress.Suppression(".prescan.toml", 1, 2, ("*",), "x", "", "")]}
    f = Finding("policy-changed", "policy", "high", "high", "m", ".prescan.toml", 2, 1, 2, 3, "<policy>", "")
    marked, _ = suppress.apply([f], sups, True, set())
    assert marked == [f]


def test_added_suppressions_ignore_moves():
    base = {"a.py": suppress.find("a.py", b"# prescan: ignore[r1] ok\nbad()\n", "python")}
    moved = {"b.py": suppress.find("b.py", b"x = 1\n\n# prescan: ignore[r1] still ok\nbad()\n"
                                   b"# prescan: ignore[r1] new one\nworse()\n", "python")}
    out = suppress.added(moved, base, {"b.py": "a.py"}, {"b.py"}, block=False)
    assert [(f.rule_id, f.start_line, f.severity, f.status) for f in out] == [("suppression-added", 5, "info", "new")]
    assert "new one" in out[0].message
    assert suppress.added(moved, base, {"b.py": "a.py"}, {"b.py"}, block=True)[0].severity == "high"
