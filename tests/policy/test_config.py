"""The policy file's schema: values, defaults, places of keys, and the
messages for misspelled keys, bad values and bad TOML."""
from __future__ import annotations

import pytest

from prescan.errors import ConfigError
from prescan.policy.config import DEFAULT, Policy, parse_policy, path_matches, resolve_gate, shift_severity
from prescan.policy.tomlines import key_line
from prescan.rules.model import Rule, Leaf

FULL = """\
fail-on = "medium"
min-confidence = "medium"
ignore = ["vendor/**", "*.min.js"]
baseline = "v1.2"

[rules]
select = ["*"]
ignore = ["yaml-unsafe-load", "language:go"]

[[paths]]
glob = "tests/**"
severity-offset = -1

[[paths]]
glob = "docs/**"
fail-on = "critical"
ignore-rules = ["hardcoded-*"]

[suppressions]
require-reason = false
added = "block"

[audit]
provider = "anthropic"
model = "some-model"
budget = 2.5
concurrency = 4
mode = "changed-units"
validator = "strict"
"""


def test_every_key_is_read():
    p, warnings = parse_policy(FULL, ".prescan.toml")
    assert warnings == []
    assert (p.fail_on, p.min_confidence, p.baseline) == ("medium", "medium", "v1.2")
    assert p.ignore == ("vendor/**", "*.min.js")
    assert p.select == ("*",) and p.ignore_rules == ("yaml-unsafe-load", "language:go")
    assert [(x.glob, x.severity_offset, x.fail_on, x.ignore_rules, x.line) for x in p.paths] == [
        ("tests/**", -1, None, (), 11), ("docs/**", 0, "critical", ("hardcoded-*",), 15)]
    assert (p.require_reason, p.suppressions_added) == (False, "block")
    a = p.audit
    assert (a.provider, a.model, a.budget, a.concurrency, a.mode, a.validator) == \
        ("anthropic", "some-model", 2.5, 4, "changed-units", "strict")


def test_defaults():
    p, warnings = parse_policy("", ".prescan.toml")
    assert warnings == []
    assert (p.fail_on, p.select, p.ignore, p.paths, p.require_reason, p.suppressions_added) == \
        (None, (), (), (), True, "info")
    assert resolve_gate(p, None, None) == ("high", "low")


def test_command_line_beats_the_file():
    p, _ = parse_policy('fail-on = "never"\nmin-confidence = "high"\n', ".prescan.toml")
    assert resolve_gate(p, None, None) == ("never", "high")
    assert resolve_gate(p, "medium", None) == ("medium", "high")
    assert resolve_gate(p, None, "low") == ("never", "low")
    assert resolve_gate(None, None, None) == ("high", "low")


def test_misspelled_keys_are_warnings_naming_line_and_closest_key():
    text = 'fail_on = "high"\n\n[rules]\nignroe = ["x"]\n\n[[paths]]\nglob = "t/**"\nseverity_offset = -1\n' \
           '[suppressions]\nadded = "info"\nbogus-thing = 1\n'
    p, warnings = parse_policy(text, ".prescan.toml")
    assert [(w.line, w.message) for w in warnings] == [
        (1, "unknown key 'fail_on' ignored; did you mean 'fail-on'?"),
        (4, "unknown key 'rules.ignroe' ignored; did you mean 'rules.ignore'?"),
        (8, "unknown key 'paths.severity_offset' ignored; did you mean 'paths.severity-offset'?"),
        (11, "unknown key 'suppressions.bogus-thing' ignored; known keys: require-reason, added"),
    ]
    assert p.fail_on is None and p.ignore_rules == ()


@pytest.mark.parametrize("text, line, words", [
    ('fail-on = "hihg"\n', 1, ["'fail-on' must be one of", "did you mean 'high'?"]),
    ('\n[rules]\nignore = "x"\nselect = [1]\n', 4, ["'rules.select' must be a list"]),
    ('[[paths]]\nglob = "a/**"\nseverity-offset = "low"\n', 3, ["'paths.severity-offset' must be an integer"]),
    ('[[paths]]\nglob = "a/**"\n[[paths]]\nglob = "b/**"\nseverity-offset = 9\n', 5, ["from -4 to 4"]),
    ('[[paths]]\nseverity-offset = -1\n', 1, ["needs a 'glob'"]),
    ('[suppressions]\nrequire-reason = "yes"\n', 2, ["must be true or false"]),
    ('[audit]\nconcurrency = 0\n', 2, ["positive integer"]),
    ('rules = 3\n', 1, ["'rules' must be a table"]),
])
def test_invalid_values_name_file_and_line(text, line, words):
    with pytest.raises(ConfigError) as err:
        parse_policy(text, ".prescan.toml")
    msg = err.value.one_line()
    assert msg.startswith(f".prescan.toml:{line}: "), msg
    for w in words:
        assert w in msg


def test_toml_syntax_error_names_the_line():
    with pytest.raises(ConfigError) as err:
        parse_policy('fail-on = "high"\n[rules\nignore = []\n', ".prescan.toml")
    assert err.value.one_line().startswith(".prescan.toml:2: invalid TOML")


def test_pyproject_section():
    text = '[project]\nname = "x"\n\n[tool.prescan]\nfail-on = "low"\nfial = 1\n\n[tool.prescan.rules]\nignore = ["a"]\n'
    p, warnings = parse_policy(text, "pyproject.toml", pyproject=True)
    assert p.fail_on == "low" and p.ignore_rules == ("a",)
    assert [(w.line, w.message) for w in warnings] == [(6, "unknown key 'fial' ignored; did you mean 'fail-on'?")]
    assert parse_policy('[project]\nname = "x"\n', "pyproject.toml", pyproject=True) == (None, [])
    with pytest.raises(ConfigError) as err:
        parse_policy('[tool.prescan]\n\nmin-confidence = "sure"\n', "pyproject.toml", pyproject=True)
    assert err.value.one_line().startswith("pyproject.toml:3: ")


@pytest.mark.parametrize("glob, path, hit", [
    ("tests/**", "tests/a.py", True), ("tests/**", "tests/x/y/a.py", True), ("tests/**", "src/tests/a.py", False),
    ("tests/", "tests/a.py", True), ("*.min.js", "web/lib/a.min.js", True), ("*.min.js", "a.js", False),
    ("src/*.py", "src/a.py", True), ("src/*.py", "src/x/a.py", False), ("**/gen/*.py", "a/b/gen/c.py", True),
    ("/vendor/**", "vendor/a.go", True),
])
def test_path_globs(glob, path, hit):
    assert path_matches(glob, path) is hit


def _rule(rid, languages=("python",), tags=(), cwe=(), category="security"):
    return Rule(id=rid, languages=languages, severity="high", confidence="high", message="m", why="w", fix="f",
                formula=Leaf("pattern", "x", 1), cwe=cwe, tags=tags, category=category)


def test_rule_selectors():
    p = Policy(select=("language:python", "cwe:78"), ignore_rules=("tag:noisy", "subprocess-*"))
    assert p.rule_enabled(_rule("eval-used"))
    assert p.rule_enabled(_rule("go-exec", ("go",), cwe=("CWE-78",)))
    assert not p.rule_enabled(_rule("go-sqli", ("go",)))
    assert not p.rule_enabled(_rule("subprocess-shell-true"))
    assert not p.rule_enabled(_rule("eval-used", tags=("noisy",)))
    assert DEFAULT.rule_enabled(_rule("anything"))
    assert Policy(ignore_rules=("category:style",)).rule_enabled(_rule("x")) and \
        not Policy(ignore_rules=("category:style",)).rule_enabled(_rule("x", category="style"))


def test_severity_shift_is_clamped():
    assert shift_severity("high", -1) == "medium"
    assert shift_severity("low", -3) == "info"
    assert shift_severity("high", 2) == "critical"


def test_key_lines():
    text = 'a = 1\n[t]\nb.c = 2\ns = """\nx = 1\n"""\n[[p]]\ng = 1\n[[p]]\ng = 2\n'
    assert key_line(text, ("a",)) == 1
    assert key_line(text, ("t", "b", "c")) == 3
    assert key_line(text, ("t", "b")) == 3
    assert key_line(text, ("x",)) == 0            # inside a multi-line string
    assert key_line(text, ("p", 1, "g")) == 10
    assert key_line(text, ("p", 0)) == 7
    assert key_line(text, ("nothing",)) == 0


def test_pointing_the_audit_elsewhere_is_a_reported_change():
    from prescan.policy.changes import differences
    base, _ = parse_policy('[audit]\nprovider = "openai"\nmodel = "m"\n', ".prescan.toml")
    head, _ = parse_policy('[audit]\nprovider = "openai"\nmodel = "m"\nbase-url = "https://elsewhere.example"\n',
                           ".prescan.toml")
    [(loosens, keys, text)] = differences(base, head)
    assert loosens and keys == ("audit", "base-url") and "base-url" in text
