"""The built-in taint library (src/prescan/data/taint/<language>.yml): every entry loads
and compiles for its language, a rule can name it, and a name that does not
exist is an error naming the rule file and line."""
from __future__ import annotations

import textwrap

import pytest

from prescan.errors import RuleError
from prescan.parse import languages
from prescan.rules.loader import library_dir, load_rules
from prescan.rules import yamlspan

LIBS = sorted(p.stem for p in library_dir().glob("*.yml"))
# the frameworks and classes the library must cover
REQUIRED_SINKS = {"sql", "shell", "path", "url", "html", "redirect"}


def test_every_supported_web_language_has_a_library():
    assert {"python", "javascript", "go", "java", "php", "ruby"} <= set(LIBS)


@pytest.mark.parametrize("lang", LIBS)
def test_every_library_entry_compiles(tmp_path, lang):
    doc = yamlspan.load((library_dir() / f"{lang}.yml").read_text(), lang)
    assert languages.canonical(lang)
    assert "web" in doc["sources"]
    assert REQUIRED_SINKS <= set(doc["sinks"]), f"{lang}: missing {REQUIRED_SINKS - set(doc['sinks'])}"
    for kind in ("sources", "sanitizers", "sinks"):
        for name in doc.get(kind, {}):
            rule = f"""\
                id: lib-{kind}-{name}
                mode: taint
                languages: [{lang}]
                severity: low
                confidence: low
                cwe: [CWE-20]
                message: m
                why: w
                fix: f
                sources:
                  - {"builtin: " + name if kind == "sources" else "pattern: xyz_source()"}
                sinks:
                  - {"builtin: " + name if kind == "sinks" else "pattern: xyz_sink($SINK)"}
                """
            rule = textwrap.dedent(rule) + (f"sanitizers:\n  - builtin: {name}\n" if kind == "sanitizers" else "")
            d = tmp_path / f"{lang}-{kind}-{name}"
            d.mkdir()
            (d / f"lib-{kind}-{name}.yml").write_text(rule)
            load_rules([str(d)], builtin=False)


def test_unknown_builtin_names_the_rule_and_line(tmp_path):
    (tmp_path / "r.yml").write_text(textwrap.dedent("""\
        id: r
        mode: taint
        languages: [python]
        severity: low
        confidence: low
        cwe: [CWE-20]
        message: m
        why: w
        fix: f
        sources:
          - builtin: webb
        sinks:
          - pattern: os.system($SINK)
        """))
    with pytest.raises(RuleError) as err:
        load_rules([str(tmp_path)], builtin=False)
    assert "webb" in str(err.value) and err.value.line == 11 and "r.yml" in str(err.value.path)
