"""The audit stage's entry point: the changed units of a scan result, served
from the cache or sent to the model in packs, the claims validated, the
confirmed ones added to the result as findings of origin `model`."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace

from prescan.audit import cache as C
from prescan.audit import model as M
from prescan.audit import packing, prompts
from prescan.audit.answers import BadAnswer, claim_dict, claim_from_dict, detect_claims, refute_verdict
from prescan.audit.ledger import Ledger
from prescan.audit.options import AuditOptions
from prescan.audit.redact import Redactor
from prescan.audit.run import Job, Outcome, Sender, run_batch
from prescan.audit.transport import (EXPIRED, MALFORMED, OK, REFUSED, TRUNCATED, AuthFailed, ProviderError,
                                     SpendLimit)
from prescan.audit.units import select_units
from prescan.audit.validate import decide, quote_holds, run_validator, structural, with_validator
from prescan.findings import Finding
from prescan.rules.model import SEVERITY_RANK

KEY_FILE = "audit/redaction.key"


def _redactor(loc) -> Redactor:
    """The HMAC key stays in the store (made once), so placeholders, and with
    them cache keys, are the same from scan to scan."""
    if loc is None:
        return Redactor(os.urandom(32))
    try:
        with loc.fs.open_input_stream(loc.path(KEY_FILE)) as fh:
            key = fh.read()
        if len(key) == 32:
            return Redactor(key)
    except (FileNotFoundError, OSError):
        pass
    key = os.urandom(32)
    loc.ensure()
    loc.put_bytes(KEY_FILE, key)
    return Redactor(key)


class Audit:
    def __init__(self, result, opts: AuditOptions, provider, loc=None, blobs=None, note=None) -> None:
        self.result, self.opts, self.provider, self.loc = result, opts, provider, loc
        self.cache = C.AuditCache(blobs)
        self.note = note or (lambda text: None)
        self.ledger = Ledger(opts.budget, provider.name, provider.model)
        self.sender = Sender(provider, self.ledger, opts.concurrency)
        self.report = M.AuditReport(provider.name, provider.model, opts.mode)
        self.settings = C.decoding({"max_tokens": packing.DETECT_MAX_TOKENS, "temperature": 0.0, "seed": None})

    # ---- detection

    def detect(self, units: list[M.AuditUnit]) -> dict[str, list[M.Claim]]:
        claims: dict[str, list[M.Claim]] = {}
        keys = {u.unit_id: C.unit_key(u, self.provider.name, self.provider.model, self.settings) for u in units}
        todo = []
        for u in units:
            self.report.unit_names[u.unit_id] = f"{u.path}:{u.qualname}"
            hit = self.cache.get(C.KIND, keys[u.unit_id])
            if hit is not None:
                claims[u.unit_id] = [claim_from_dict(d, hit.get("model", "")) for d in hit["findings"]]
                self.report.units[u.unit_id] = M.CACHED
            else:
                todo.append(u)
        overhead = packing.estimate_tokens(packing.detect_request([], keys))
        cost = {u.unit_id: len(prompts.unit_text(u)) // 3 + 8 for u in todo}
        fits = []
        for u in todo:
            if overhead + cost[u.unit_id] > self.opts.pack_tokens:
                # the estimate errs high: ask the provider before giving up on the unit
                try:
                    exact = self.provider.count_tokens(packing.detect_request([u], keys))
                except (SpendLimit, AuthFailed) as exc:
                    self._stop(exc)
                    exact = overhead + cost[u.unit_id]
                except Exception:  # noqa: BLE001 - no count: the estimate decides
                    exact = overhead + cost[u.unit_id]
                if exact > self.opts.pack_tokens:
                    self._unit(u.unit_id, M.NOT_AUDITED_TOO_LARGE, f"about {exact} input tokens, over the "
                               f"{self.opts.pack_tokens} of one request")
                    continue
                cost[u.unit_id] = exact - overhead
            fits.append(u)
        queue = packing.pack(fits, cost, overhead, self.opts.pack_tokens, self.opts.max_units_per_pack)
        retried: set[str] = set()
        batch = self.opts.mode == "batch" and self.provider.supports_batch()
        if self.opts.mode == "batch" and not batch:
            self.report.warnings.append(f"{self.provider.name} has no batch API: the audit ran synchronously")
        while queue:
            jobs = {}
            for p in queue:
                req = packing.detect_request(p, keys)
                jobs[req.custom_id] = (p, Job(req, overhead + sum(cost[u.unit_id] for u in p), "detect",
                                              tuple(u.unit_id for u in p)))
            if batch:
                batch = False           # what a batch leaves over (expired, truncated) goes synchronously
                try:
                    outcomes, done = run_batch(self.sender, [j for _p, j in jobs.values()], self.loc,
                                               self.opts.poll_s, self.opts.batch_wait_s, self.note)
                except (SpendLimit, AuthFailed) as exc:
                    reason = self._stop(exc)
                    outcomes, done = {cid: Outcome(None, reason) for cid in jobs}, True
                except ProviderError as exc:
                    self.report.warnings.append(f"the batch could not be used ({exc.one_line()}): the audit "
                                                "ran synchronously")
                    outcomes, done = self.sender.run([j for _p, j in jobs.values()]), True
                if not done:
                    for p, _j in jobs.values():
                        for u in p:
                            self._unit(u.unit_id, M.NOT_AUDITED_PENDING, "rerun the scan to collect its results")
                    break
            else:
                outcomes = self.sender.run([j for _p, j in jobs.values()])
            queue = []
            for cid, (p, job) in jobs.items():
                queue += self._detected(p, outcomes.get(cid), keys, claims, retried)
        return claims

    def _stop(self, exc) -> str:
        """A spend limit or a refused key met outside a request: nothing more is sent."""
        kind = "spend limit" if isinstance(exc, SpendLimit) else "auth"
        self.sender.stopped = f"{kind}: {exc.one_line()}"
        self.ledger.stop()
        return self.sender.stopped

    def _unit(self, uid: str, state: str, reason: str = "") -> None:
        self.report.units[uid] = state
        if reason:
            self.report.reasons[uid] = reason

    def _detected(self, p, outcome, keys, claims, retried) -> list:
        """Take one pack's answer; the packs to send again."""
        if outcome is None or outcome.response is None:
            why = outcome.skipped if outcome else "no answer"
            for u in p:
                self._unit(u.unit_id, M.NOT_AUDITED_BUDGET if why == "budget" or why.startswith("spend limit")
                           else M.FAILED, why)
            return []
        r = outcome.response
        if r.status == OK:
            needs: dict[str, list[str]] = {}
            try:
                got = detect_claims(r.data or {}, [u.unit_id for u in p], r.model, needs)
            except BadAnswer as exc:
                r = replace(r, status=MALFORMED, error=str(exc))
            else:
                for u in p:
                    if u.unit_id in got:
                        claims[u.unit_id] = got[u.unit_id]
                        self.cache.put(C.KIND, keys[u.unit_id],
                                       {"model": r.model, "findings": [claim_dict(c) for c in got[u.unit_id]]})
                        # no second round yet: the unit counts as audited, with what the model lacked shown
                        self._unit(u.unit_id, M.AUDITED, "the model lacked context: " + ", ".join(needs[u.unit_id])
                                   if u.unit_id in needs else "")
                    else:
                        self._unit(u.unit_id, M.FAILED, "the answer left this unit out")
                return []
        if r.status in (TRUNCATED, MALFORMED, REFUSED) and len(p) > 1:
            # a smaller pack gets a shorter answer, and a refusal is narrowed down to the unit that drew it
            half = len(p) // 2
            return [p[:half], p[half:]]
        if r.status == EXPIRED and r.custom_id not in retried:
            retried.add(r.custom_id)
            return [p]
        why = f"{r.status}: {r.error or r.text[:200]}".strip().rstrip(":")
        for u in p:
            self._unit(u.unit_id, M.FAILED, " ".join(why.split()))
        return []

    # ---- validation

    def validate(self, units: dict[str, M.AuditUnit], claims: dict[str, list[M.Claim]]) -> None:
        k, n = self.opts.votes
        pending = []
        for uid in sorted(claims):
            seen = set()
            for claim in claims[uid]:
                same = tuple(sorted((k, v) for k, v in claim_dict(claim).items() if k != "explanation"))
                if same in seen:            # a claim repeated in one answer is one claim
                    continue
                seen.add(same)
                s = structural(units[uid], claim)
                if s.verdict != "OK":
                    self.report.claims.append(M.CheckedClaim(claim, M.INVALID_CITATION, (s,)))
                    continue
                gating = self.opts.fail_on != "never" and \
                    SEVERITY_RANK[claim.severity] >= SEVERITY_RANK[self.opts.fail_on]
                pending.append((claim, gating, n if gating else 1))
        who = f"{self.provider.name}:{self.provider.model}"
        verdicts: dict[tuple[int, int], M.Verdict] = {}
        jobs, where = [], {}
        for i, (claim, _g, votes) in enumerate(pending):
            unit = units[claim.unit_id]
            for vote in range(votes):
                key = C.verdict_key(unit, claim, f"refute:{vote}/{votes}@{who}", prompts.PROMPT_VERSION)
                hit = self.cache.get(C.VERDICT_KIND, key)
                if hit is not None:
                    verdicts[i, vote] = self._verdict(unit, hit, vote)
                    continue
                req = packing.refute_request(unit, claim, key, vote, votes)
                where[req.custom_id] = (i, vote, key)
                jobs.append(Job(req, packing.estimate_tokens(req), "refute"))
        for cid, outcome in self.sender.run(jobs).items():
            i, vote, key = where[cid]
            unit = units[pending[i][0].unit_id]
            r = outcome.response
            if r is None:
                verdicts[i, vote] = M.Verdict(f"refute:{vote}", "ERROR", f"not sent: {outcome.skipped}")
            elif r.status != OK:
                verdicts[i, vote] = M.Verdict(f"refute:{vote}", "ERROR", f"{r.status}: {r.error}".rstrip(": "))
            else:
                self.cache.put(C.VERDICT_KIND, key, r.data or {})
                verdicts[i, vote] = self._verdict(unit, r.data or {}, vote)
        for i, (claim, gating, votes) in enumerate(pending):
            vs = [verdicts[i, v] for v in range(votes)]
            state = decide(claim, vs, self.opts.votes, gating)
            if self.opts.validator:
                v = self._run_validator(units[claim.unit_id], claim)
                vs.append(v)
                state = with_validator(state, v)
            self.report.claims.append(M.CheckedClaim(claim, state, (M.Verdict("structural", "OK", ""), *vs)))

    def _verdict(self, unit, data: dict, vote: int) -> M.Verdict:
        try:
            v = refute_verdict(data, f"refute:{vote}")
        except BadAnswer as exc:
            return M.Verdict(f"refute:{vote}", "ERROR", str(exc))
        if not quote_holds(unit, v):    # the proof goes back through the structural check
            return replace(v, verdict="INVALID", reason=f"its quote is not line {v.line} of the code")
        return v

    def _run_validator(self, unit, claim) -> M.Verdict:
        command = self.opts.validator
        version = hashlib.sha256(command.encode()).hexdigest()
        program = command.split()[0] if command.split() else ""
        if program and os.path.isfile(program):         # a script's content is its version too
            with open(program, "rb") as fh:
                version = hashlib.sha256(version.encode() + fh.read()).hexdigest()
        key = C.verdict_key(unit, claim, "validator", version)
        hit = self.cache.get(C.VERDICT_KIND, key)
        if hit is not None:
            return M.Verdict("validator", hit["verdict"], hit["reason"])
        payload = validator_payload(unit, claim, self.result.change.repo_root)
        v = run_validator(command, payload, self.opts.validator_timeout_s, self.result.change.repo_root or None)
        if v.verdict != "INCONCLUSIVE":  # a time-out may pass next time
            self.cache.put(C.VERDICT_KIND, key, {"verdict": v.verdict, "reason": v.reason})
        return v


def validator_payload(unit: M.AuditUnit, claim: M.Claim, repo_root: str) -> dict:
    """What --audit-validator reads on stdin (docs/audit.md)."""
    return {"schema": "prescan-audit-finding", "version": 1, "repo": repo_root,
            "finding": {**claim_dict(claim), "path": unit.path, "unit": unit.qualname, "language": unit.language,
                        "model": claim.model},
            "unit": {"path": unit.path, "qualname": unit.qualname, "start_line": unit.after.start_line,
                     "end_line": unit.after.end_line, "changed_lines": list(unit.changed)}}


def run_audit(result, opts: AuditOptions, provider, *, loc=None, blobs=None, note=None):
    """The scan result with confirmed model findings added, the audit report
    in result.audit and the spending in result.stats."""
    from prescan.audit.findings import to_findings
    audit = Audit(result, opts, provider, loc, blobs, note)
    units = select_units(result, _redactor(loc))
    claims = audit.detect(units)
    audit.validate({u.unit_id: u for u in units}, claims)
    report = audit.report
    report.calls = list(audit.ledger.calls)
    where = {u.unit_id: (u.path, u.after.start_line) for u in units}
    report.claims.sort(key=lambda cc: (where[cc.claim.unit_id], cc.claim.line_start, cc.claim.title))
    new = to_findings(result, {u.unit_id: u for u in units}, report.confirmed)
    cov = report.coverage()
    if cov["skipped"] or cov["failed"]:     # a gate must not read an unaudited unit as a clean one
        report.warnings.append(f"model audit incomplete: {cov['skipped']} of {cov['units']} units skipped, "
                               f"{cov['failed']} failed (see the audit section of the report)")
    stats = {**result.stats, **audit.ledger.totals(), **{f"audit_{k}": v for k, v in cov.items()},
             "audit_confirmed": len(report.confirmed), "audit_unconfirmed": len(report.unconfirmed),
             "audit_max_in_flight": audit.sender.max_in_flight}
    findings = sorted(result.findings + new, key=Finding.sort_key)
    return replace(result, findings=findings, stats=stats, audit=report)
