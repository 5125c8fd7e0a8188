"""--audit-mode batch: submitted once, the batch id and the request -> unit
mapping persisted in the store before polling, resumed by the next run,
results matched by custom id whatever their order; and the user's
validator command."""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from audit_fakes import FakeProvider  # noqa: E402
from test_audit_stage import change, opts, scan  # noqa: E402,F401,F811 - change is a fixture

from prescan.audit import model as M  # noqa: E402
from prescan.audit.stage import run_audit  # noqa: E402
from prescan.store.blobcache import BlobCache  # noqa: E402
from prescan.store.location import Location  # noqa: E402


def test_batch_is_resumed_after_an_interruption(change, tmp_path):
    loc = Location.open(str(tmp_path / "store"))
    provider = FakeProvider(batch=True)
    provider.batch_ready_after = 10 ** 6          # never ends while this run waits
    first = run_audit(scan(change), opts(mode="batch", poll_s=0.0, batch_wait_s=0.0), provider, loc=loc)
    assert set(first.audit.units.values()) == {M.NOT_AUDITED_PENDING}
    state_files = list((tmp_path / "store" / "audit" / "batches").iterdir())
    assert len(state_files) == 1
    state = json.loads(state_files[0].read_text())
    assert state["batch_id"] == "batch_1" and sorted(sum(state["requests"].values(), [])) == \
        sorted(first.audit.units)
    # the next run (another process: only the store is shared) picks the batch up instead of submitting
    provider.batch_ready_after = 0
    second = run_audit(scan(change), opts(mode="batch", poll_s=0.0), provider, loc=loc)
    assert list(provider.batches) == ["batch_1"]
    assert set(second.audit.units.values()) == {M.AUDITED}
    assert [f.start_line for f in second.findings if f.origin == "model"] == [6]
    assert not list((tmp_path / "store" / "audit" / "batches").iterdir())
    detect = [c for c in second.audit.calls if c.purpose == "detect"]
    assert detect and all(c.batch for c in detect)


def test_batch_mode_without_a_batch_api_runs_synchronously(change):
    provider = FakeProvider(batch=False)
    result = run_audit(scan(change), opts(mode="batch"), provider)
    assert result.audit.coverage()["audited"] == 2
    assert any("no batch API" in w for w in result.audit.warnings)


def _script(tmp_path: Path, body: str) -> str:
    p = tmp_path / "validator.py"
    p.write_text(f"#!{sys.executable}\nimport json, sys\nfinding = json.load(sys.stdin)\n{body}\n")
    p.chmod(p.stat().st_mode | stat.S_IXUSR)
    return str(p)


def test_validator_refutes_and_confirms(change, tmp_path):
    seen = tmp_path / "seen.json"
    refuting = _script(tmp_path, f"open({str(seen)!r}, 'w').write(json.dumps(finding))\n"
                                 "print('no exploit found'); sys.exit(1)")
    result = run_audit(scan(change), opts(validator=refuting), FakeProvider())
    [cc] = result.audit.claims
    assert cc.state == M.REFUTED and "validator: REFUTED (no exploit found)" in cc.rationale
    doc = json.loads(seen.read_text())
    assert doc["schema"] == "prescan-audit-finding" and doc["finding"]["path"] == "app.py"
    assert doc["finding"]["line_start"] == 6 and os.path.samefile(doc["repo"], change.root)
    confirming = _script(tmp_path, "sys.exit(0)")
    result = run_audit(scan(change), opts(validator=confirming), FakeProvider())
    assert [cc.state for cc in result.audit.claims] == [M.CONFIRMED_EXEC]


def test_validator_is_time_boxed(change, tmp_path):
    slow = _script(tmp_path, "import time; time.sleep(30)")
    result = run_audit(scan(change), opts(validator=slow, validator_timeout_s=0.5), FakeProvider())
    [cc] = result.audit.claims
    assert cc.state == M.CONFIRMED and "timed out" in cc.rationale     # inconclusive: the votes stand


def test_verdicts_are_cached_too(change, tmp_path):
    blobs = BlobCache.open(str(tmp_path / "s"))
    run_audit(scan(change), opts(), FakeProvider(), blobs=blobs)
    # same unit answer from the cache, and its three verdicts as well
    again = FakeProvider()
    result = run_audit(scan(change), opts(), again, blobs=blobs)
    assert again.requests == [] and [cc.state for cc in result.audit.claims] == [M.CONFIRMED]


def test_a_spend_limit_at_batch_submission_marks_units_and_keeps_the_scan(change):
    from prescan.audit.transport import SpendLimit

    class Limited(FakeProvider):
        def submit_batch(self, requests):
            raise SpendLimit("spend limit reached", detail="enforced_spend_limit_reached")
    result = run_audit(scan(change), opts(mode="batch"), Limited(batch=True))
    assert set(result.audit.units.values()) == {M.NOT_AUDITED_BUDGET}
    assert all(r.startswith("spend limit") for r in result.audit.reasons.values())


def test_a_provider_bug_fails_its_units_not_the_scan(change):
    class Broken(FakeProvider):
        def complete(self, request):
            raise RuntimeError("boom")
    result = run_audit(scan(change), opts(), Broken())
    assert set(result.audit.units.values()) == {M.FAILED}
    assert set(result.audit.reasons.values()) == {"failed: RuntimeError: boom"}
