"""The audit stage over real scans of real git repositories, with an
in-process provider: which units are sent, packing, cache, validation."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from audit_fakes import FakeModel, FakeProvider, top  # noqa: E402
GitRepo = top.GitRepo

from prescan.audit import model as M  # noqa: E402
from prescan.audit.options import AuditOptions, Budget  # noqa: E402
from prescan.audit.stage import run_audit  # noqa: E402
from prescan.pipeline import ScanOptions, run_scan  # noqa: E402
from prescan.rules.loader import load_rules  # noqa: E402
from prescan.store.blobcache import BlobCache  # noqa: E402

RULES = str(Path(__file__).parent.parent / "data" / "rules")

BASE = textwrap.dedent('''\
    import os
    import subprocess


    def thumbnail(src):
        subprocess.run(["convert", src, "thumb.png"], check=True)
        return "thumb.png"


    def health():
        return "ok"


    def untouched(x):
        return x + 1
    ''')
HEAD = BASE.replace('subprocess.run(["convert", src, "thumb.png"], check=True)',
                    'os.system("convert " + src + " thumb.png")').replace('return "ok"', 'return "fine"')


def scan(repo: GitRepo, cache=None):
    return run_scan(ScanOptions(repo=str(repo.root), base="main", head="HEAD", jobs=1),
                    load_rules([RULES], builtin=False), cache=cache)


@pytest.fixture
def change(repo):
    repo.commit("base", {"app.py": BASE})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("head", {"app.py": HEAD})
    return repo


def opts(**kw) -> AuditOptions:
    return AuditOptions(provider="anthropic:claude-sonnet-4-5", **kw)


def test_changed_units_are_audited_and_a_real_bug_confirmed(change):
    provider = FakeProvider()
    result = run_audit(scan(change), opts(), provider)
    report = result.audit
    assert sorted(report.unit_names.values()) == ["app.py:health", "app.py:thumbnail"]
    assert report.coverage() == {"units": 2, "audited": 2, "cached": 0, "skipped": 0, "failed": 0}
    model = [f for f in result.findings if f.origin == "model"]
    assert [(f.path, f.start_line, f.severity, f.unit) for f in model] == [("app.py", 6, "high", "thumbnail")]
    extra = dict(model[0].extra)
    assert extra["validation"] == "confirmed" and extra["model"] == "claude-sonnet-4-5-20250101"
    assert model[0].snippet == '    os.system("convert " + src + " thumb.png")'
    # both units in one detection request; a high finding needs 3 refutation votes
    purposes = [r.schema_name for r in provider.requests]
    assert purposes.count("audit_findings") == 1 and purposes.count("refutation_verdict") == 3
    detect = next(r for r in provider.requests if r.schema_name == "audit_findings")
    assert "untouched" not in detect.user and "def health" in detect.user
    assert result.stats["model_calls"] == 4 and result.stats["audit_confirmed"] == 1


def test_second_run_on_unchanged_code_makes_no_call(change, tmp_path):
    blobs = BlobCache.open(str(tmp_path / "store"))
    first = FakeProvider()
    one = run_audit(scan(change, blobs), opts(), first, blobs=blobs)
    blobs.flush()
    blobs = BlobCache.open(str(tmp_path / "store"))
    again = FakeProvider()
    two = run_audit(scan(change, blobs), opts(), again, blobs=blobs)
    assert again.requests == []
    assert two.audit.coverage()["cached"] == 2
    assert [f.fingerprint for f in two.findings] == [f.fingerprint for f in one.findings]
    # another model is another cache entry
    other = FakeProvider(model_name="claude-haiku-4-5")
    run_audit(scan(change, blobs), opts(), other, blobs=blobs)
    assert len(other.requests) == 4


def test_fabricated_claim_fails_the_structural_check(change):
    result = run_audit(scan(change), opts(), FakeProvider(FakeModel(fabricate=True)))
    states = sorted((cc.claim.cwe, cc.state) for cc in result.audit.claims)
    assert states == [("CWE-78", "confirmed"), ("CWE-89", "invalid-citation"), ("CWE-89", "invalid-citation")]
    assert [f.cwe for f in result.findings if f.origin == "model"] == [("CWE-78",)]


def test_votes_decide_a_blocking_claim(change):
    class Split(FakeModel):
        """The second and third verifiers refute."""
        def refute(self, user):
            answer = super().refute(user)
            if "review 2 of" in user or "review 3 of" in user:
                answer = {**answer, "verdict": "REFUTED"}
            return answer
    result = run_audit(scan(change), opts(), FakeProvider(Split()))
    assert [cc.state for cc in result.audit.claims] == ["refuted"]
    assert not [f for f in result.findings if f.origin == "model"]
    # 1 of 1 suffices when the claim would not block
    result = run_audit(scan(change), opts(fail_on="critical"), FakeProvider(Split()))
    assert [cc.state for cc in result.audit.claims] == ["confirmed"]
    result = run_audit(scan(change), opts(votes=(1, 3)), FakeProvider(Split()))
    assert [cc.state for cc in result.audit.claims] == ["confirmed"]


def test_budget_stops_spending_and_marks_the_rest(change):
    provider = FakeProvider()
    result = run_audit(scan(change), opts(budget=Budget(tokens=50)), provider)
    assert provider.requests == []
    assert set(result.audit.units.values()) == {M.NOT_AUDITED_BUDGET}
    assert result.audit.warnings == ["model audit incomplete: 2 of 2 units skipped, 0 failed "
                                     "(see the audit section of the report)"]


def test_spend_limit_keeps_what_was_received(change):
    provider = FakeProvider(fail_after=1)
    result = run_audit(scan(change), opts(), provider)
    assert set(result.audit.units.values()) == {M.AUDITED}     # the detection answer came first
    assert [cc.state for cc in result.audit.claims] == ["not-validated"]
    assert not [f for f in result.findings if f.origin == "model"]


def test_truncated_packs_are_split(change):
    provider = FakeProvider()
    provider.truncate_packs_over = 1
    result = run_audit(scan(change), opts(), provider)
    assert result.audit.coverage()["audited"] == 2
    sizes = [r.user.count("### unit ") for r in provider.requests if r.schema_name == "audit_findings"]
    assert sizes == [2, 1, 1]


def test_a_unit_too_large_for_one_request_is_never_passed(change):
    result = run_audit(scan(change), opts(pack_tokens=300), FakeProvider())
    assert set(result.audit.units.values()) == {M.NOT_AUDITED_TOO_LARGE}
    assert "over the 300" in next(iter(result.audit.reasons.values()))


def test_context_pack_holds_imports_callers_and_callees(repo):
    base = textwrap.dedent('''\
        import os
        from shlex import quote


        def helper(name):
            # trims the name
            return name.strip()


        def convert(src):
            return helper(src)


        def handler(request):
            return convert(request.args["file"])
        ''')
    repo.commit("base", {"app.py": base})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("head", {"app.py": base.replace("return helper(src)", "return os.system(helper(src))")})
    provider = FakeProvider()
    result = run_audit(scan(repo), opts(), provider)
    assert list(result.audit.unit_names.values()) == ["app.py:convert"]
    user = provider.requests[0].user
    assert "imports of the file:\n1 | import os\n2 | from shlex import quote" in user
    assert 'app.py:15 in handler (def handler(request):): return convert(request.args["file"])' in user
    assert "callee app.py: helper\n5 | def helper(name):\n6 | \n7 |     return name.strip()" in user
    assert "trims" not in user                  # comments never leave, from the context either


def test_a_unit_the_model_lacked_context_for_is_shown(change):
    class Needy(FakeModel):
        def detect(self, uid, lines):
            return {**super().detect(uid, lines), "needs_context": ["convert_image"]}
    result = run_audit(scan(change), opts(), FakeProvider(Needy()))
    assert set(result.audit.reasons.values()) == {"the model lacked context: convert_image"}
    from prescan.audit.render import text_lines
    text = "\n".join(text_lines(result.audit, lambda s, **kw: s))
    assert "app.py:thumbnail: audited (the model lacked context: convert_image)" in text


def test_unconfirmed_findings_are_listed_apart_and_never_block(change):
    from prescan.report import render
    from prescan.report.gate import exit_code
    from prescan.report.options import ReportOptions
    result = run_audit(scan(change), opts(), FakeProvider(FakeModel(fabricate=True)))
    text = render("text", result, ReportOptions(fail_on="high", min_confidence="low", color=False, exit_code=1))
    block = text[text.index("Model audit"):]
    assert block.splitlines()[0] == ("Model audit (anthropic:claude-sonnet-4-5, sync): 2 units: 2 audited, "
                                     "0 from cache, 0 skipped, 0 failed; 1 confirmed, 2 unconfirmed.")
    assert "  Unconfirmed model findings (not blocking):\n    app.py:5  critical  SQL built from input  " \
           "[invalid-citation]\n      structural: INVALID (the quoted evidence is not the code of the cited lines)" \
           in block
    import json
    doc = json.loads(render("json", result, ReportOptions(fail_on="high", min_confidence="low", exit_code=1)))
    assert [(u["state"], u["cwe"], u["line_start"]) for u in doc["audit"]["unconfirmed"]] == \
        [("invalid-citation", "CWE-89", 5), ("invalid-citation", "CWE-89", 10)]
    # critical but unconfirmed: only the confirmed high finding blocks
    blocking = [f for f in result.findings if f.origin == "model"]
    assert [f.severity for f in blocking] == ["high"] and exit_code(result.findings, "critical") == 0
