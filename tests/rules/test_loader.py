"""A broken rule is an error at load time naming its file and line."""
from __future__ import annotations

import pytest

from prescan.errors import RuleError
from prescan.rules.loader import load_rules

GOOD = """\
id: {rid}
languages: [python]
severity: high
confidence: medium
cwe: [CWE-94]
message: eval of $X
why: because
fix: do not
pattern: eval($X)
"""


def write(tmp_path, text, rid="my-rule"):
    d = tmp_path / "r"
    d.mkdir(exist_ok=True)
    (d / f"{rid}.yml").write_text(text)
    return str(d)


def load_error(tmp_path, text, rid="my-rule") -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rules([write(tmp_path, text, rid)], builtin=False)
    return info.value


def test_good_rule_loads(tmp_path):
    rs = load_rules([write(tmp_path, GOOD.format(rid="my-rule"))], builtin=False)
    assert [r.id for r in rs.rules] == ["my-rule"]
    assert rs.rules[0].cwe == ("CWE-94",)


@pytest.mark.parametrize("mutate,line,words", [
    (lambda t: t.replace("severity: high", "severity: huge"), 3, "severity 'huge'"),
    (lambda t: t.replace("languages: [python]", "languages: [cobol]"), 2, "unknown language 'cobol'"),
    (lambda t: t + "patern: x\n", 10, "unknown key 'patern'"),
    (lambda t: t.replace("pattern: eval($X)", "pattern: eval($X"), 9, "does not parse"),
    (lambda t: t.replace("pattern: eval($X)", "query: (call (nope))"), 9, "invalid tree-sitter query"),
    (lambda t: t.replace("cwe: [CWE-94]", "cwe: [94]"), 5, "not a CWE id"),
    (lambda t: t.replace("why: because\n", ""), 1, "missing required key 'why'"),
    (lambda t: t.replace("message: eval of $X", "message: [unclosed"), 7, "invalid YAML"),
    (lambda t: t.replace("pattern: eval($X)", "patterns:\n  - pattern-not: eval(1)\n"), 9,
     "needs at least one positive"),
    (lambda t: t.replace("pattern: eval($X)", "patterns:\n  - pattern: eval($X)\n"
                         "  - metavariable-regex:\n      metavariable: $X\n      regex: '(['\n"), 11, "invalid regex"),
])
def test_errors_name_file_and_line(tmp_path, mutate, line, words):
    err = load_error(tmp_path, mutate(GOOD.format(rid="my-rule")))
    assert err.path.endswith("my-rule.yml")
    assert err.line == line, err.one_line()
    assert words in err.one_line()


def test_id_must_equal_file_stem_and_be_unique(tmp_path):
    err = load_error(tmp_path, GOOD.format(rid="other-name"))
    assert "differs from the file name" in err.one_line()
    d = write(tmp_path, GOOD.format(rid="my-rule"))
    sub = tmp_path / "r" / "sub"
    sub.mkdir()
    (sub / "my-rule.yml").write_text(GOOD.format(rid="my-rule"))
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules([d], builtin=False)


def test_builtin_pack_loads_and_every_id_is_unique():
    rs = load_rules()
    assert len(rs.rules) >= 1
    assert len({r.id for r in rs.rules}) == len(rs.rules)
