"""Every built-in rule's fixture, found by walking rules/: adding a rule never
means editing a test list."""
from __future__ import annotations

import pytest

from prescan.rules.loader import builtin_rules_dir, rule_files
from prescan.ruletest import check_rules

_RESULTS = None


def _results():
    global _RESULTS
    if _RESULTS is None:
        _RESULTS = {r.rule_id: r for r in check_rules()}
    return _RESULTS


RULE_IDS = [p.stem for p in rule_files(builtin_rules_dir())]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fixture(rule_id):
    r = _results()[rule_id]
    assert not r.problems, r.problems
    assert not r.missed, f"{r.fixture}: ruleid lines without a finding: {r.missed}"
    assert not r.unexpected, f"{r.fixture}: findings on lines not marked ruleid: {r.unexpected}"


def test_pack_breadth():
    by_lang = {}
    for p in rule_files(builtin_rules_dir()):
        by_lang.setdefault(p.parent.name, []).append(p.stem)
    assert len(RULE_IDS) >= 30, f"{len(RULE_IDS)} rules"
    assert len(by_lang) >= 8, sorted(by_lang)
