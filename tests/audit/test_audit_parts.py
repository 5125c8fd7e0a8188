"""The audit's small parts on their own: option parsing, answer checking,
the structural check, the vote, packing."""
from __future__ import annotations

import pytest

from prescan.audit import model as M
from prescan.audit.answers import BadAnswer, detect_claims, refute_verdict
from prescan.audit.options import Budget, parse_budget, parse_votes
from prescan.audit.packing import pack
from prescan.audit.validate import decide, quote_holds, structural
from prescan.errors import UsageError

UNIT = M.AuditUnit("u1", "app.py", "run", "python",
                   M.CodeText("app.py", 10, ("def run(cmd):", "    x = clean(cmd)", "    return os.system(x)")),
                   None, (11, 12))


def claim(**kw) -> M.Claim:
    base = dict(unit_id="u1", category="injection", cwe="CWE-78", severity="high", confidence="high", line_start=12,
                line_end=12, evidence="return os.system(x)", title="t", explanation="e", introduced=True)
    return M.Claim(**{**base, **kw})


@pytest.mark.parametrize("text,budget", [("200k", Budget(tokens=200_000)), ("1.5m", Budget(tokens=1_500_000)),
                                         ("5000", Budget(tokens=5000)), ("$5", Budget(usd=5.0)),
                                         ("$0.50", Budget(usd=0.5)), ("10k tokens", Budget(tokens=10_000))])
def test_budgets(text, budget):
    assert parse_budget(text) == budget


@pytest.mark.parametrize("text", ["lots", "5$", "-3", "$", "k"])
def test_bad_budgets(text):
    with pytest.raises(UsageError):
        parse_budget(text)


def test_votes():
    assert parse_votes("2/3") == (2, 3) and parse_votes(" 1 / 1 ") == (1, 1)
    for bad in ("3/2", "0/3", "2", "a/b", "10/10"):
        with pytest.raises(UsageError):
            parse_votes(bad)


def test_structural_check():
    assert structural(UNIT, claim()).verdict == "OK"
    assert structural(UNIT, claim(evidence="return   os.system( x )")).verdict == "OK"     # whitespace aside
    outside = structural(UNIT, claim(line_start=13, line_end=13))
    assert outside.verdict == "INVALID" and "outside run (10-12)" in outside.reason
    assert "not the code" in structural(UNIT, claim(evidence="os.popen(x)")).reason
    assert "not the code" in structural(UNIT, claim(evidence="")).reason
    # a claim that the change introduced it must touch a changed line; a pre-existing one need not
    assert "not changed lines" in structural(UNIT, claim(line_start=10, line_end=10, evidence="def run")).reason
    assert structural(UNIT, claim(line_start=10, line_end=10, evidence="def run", introduced=False)).verdict == "OK"


def test_verdict_quotes_and_votes():
    ok = M.Verdict("refute:0", "CONFIRMED", "", "return os.system(x)", 12)
    assert quote_holds(UNIT, ok)
    assert not quote_holds(UNIT, M.Verdict("refute:0", "CONFIRMED", "", "return os.system(x)", 11))
    assert not quote_holds(UNIT, M.Verdict("refute:0", "CONFIRMED", "", "", 12))
    v = lambda verdict: M.Verdict("refute:0", verdict, "")  # noqa: E731
    c = claim()
    assert decide(c, [v("CONFIRMED"), v("CONFIRMED"), v("REFUTED")], (2, 3), True) == M.CONFIRMED
    assert decide(c, [v("CONFIRMED"), v("REFUTED"), v("REFUTED")], (2, 3), True) == M.REFUTED
    assert decide(c, [v("CONFIRMED"), v("PLAUSIBLE"), v("INVALID")], (2, 3), True) == M.PLAUSIBLE
    assert decide(c, [v("ERROR"), v("ERROR"), v("ERROR")], (2, 3), True) == M.NOT_VALIDATED
    assert decide(c, [v("CONFIRMED")], (2, 3), False) == M.CONFIRMED


def test_answers_are_checked_against_the_schema():
    good = {"units": [{"unit_id": "u1", "findings": [
        {"unit_id": "u1", "category": "injection", "cwe": "CWE-78", "severity": "HIGH", "confidence": "high",
         "line_start": 12, "line_end": 12, "evidence": "x", "title": "t", "explanation": "e", "introduced": True}],
        "needs_context": []}, {"unit_id": "u9", "findings": [], "needs_context": []}]}
    got = detect_claims(good, ["u1", "u2"], "m")
    assert list(got) == ["u1"] and got["u1"][0].severity == "high"      # u9 was not asked about; u2 is absent
    for bad, where in (({}, "missing units"), ({"units": [{"unit_id": "u1"}]}, "missing findings"),
                       ({"units": [{"unit_id": "u1", "findings": [{"severity": "high"}]}]}, "missing")):
        with pytest.raises(BadAnswer, match=where):
            detect_claims(bad, ["u1"], "m")
    line_as_text = {"units": [{"unit_id": "u1", "findings": [{**good["units"][0]["findings"][0], "line_start": "12"}]}]}
    with pytest.raises(BadAnswer, match="line_start is not int"):
        detect_claims(line_as_text, ["u1"], "m")
    hostile = {"units": [{"unit_id": "u1", "findings": [{**good["units"][0]["findings"][0],
                                                        "title": "\x1b[2Jgone\x07", "explanation": "a\nb"}]}]}
    got = detect_claims(hostile, ["u1"], "m")["u1"][0]
    assert (got.title, got.explanation) == ("[2Jgone", "a\nb")         # no escape reaches a terminal
    assert refute_verdict({"verdict": "refuted", "quote": "q", "line": 3, "reason": "r"}, "refute:0").verdict == \
        "REFUTED"
    with pytest.raises(BadAnswer):
        refute_verdict({"verdict": "MAYBE", "quote": "q", "line": 3, "reason": "r"}, "refute:0")


def test_packing_is_greedy_and_bounded():
    units = [M.AuditUnit(f"u{i}", "a.py", f"f{i}", "python", M.CodeText("a.py", 1, ("x",)), None, (1,))
             for i in range(7)]
    cost = {u.unit_id: c for u, c in zip(units, (40, 40, 40, 90, 10, 10, 10))}
    packs = pack(units, cost, overhead=10, budget=100, max_units=2)
    assert [[u.unit_id for u in p] for p in packs] == [["u0", "u1"], ["u2"], ["u3"], ["u4", "u5"], ["u6"]]
