"""The audit's part of the reports: coverage, spending and the model
findings that were not confirmed (shown apart, with their reasons; they
never block). The report modules call these in one small block each."""
from __future__ import annotations

from dataclasses import asdict


def text_lines(report, style) -> list[str]:
    cov = report.coverage()
    out = [style(f"Model audit ({report.provider}:{report.model}, {report.mode}):", bold=True)
           + f" {cov['units']} unit{'s' if cov['units'] != 1 else ''}: {cov['audited']} audited, "
           f"{cov['cached']} from cache, {cov['skipped']} skipped, {cov['failed']} failed; "
           f"{len(report.confirmed)} confirmed, {len(report.unconfirmed)} unconfirmed."]
    for uid, state in sorted(report.units.items(), key=lambda kv: report.unit_names.get(kv[0], kv[0])):
        if state not in ("audited", "cached") or report.reasons.get(uid):
            reason = report.reasons.get(uid, "")
            out.append(f"  {report.unit_names.get(uid, uid)}: {state}" + (f" ({reason})" if reason else ""))
    if report.unconfirmed:
        out.append(style("  Unconfirmed model findings (not blocking):", bold=True))
        names = report.unit_names
        for cc in report.unconfirmed:
            c = cc.claim
            path = names.get(c.unit_id, c.unit_id).split(":", 1)[0]
            out.append(f"    {path}:{c.line_start}  {c.severity}  {c.title}  [{cc.state}]")
            out.append(style(f"      {cc.rationale}", dim=True))
    if report.calls:
        tokens = sum(c.input_tokens + c.output_tokens for c in report.calls)
        cost = sum(c.cost_usd or 0.0 for c in report.calls)
        out.append(style(f"  {len(report.calls)} model calls, {tokens} tokens, ${cost:.4f}.", dim=True))
    return out


def json_doc(report) -> dict:
    names = report.unit_names
    return {
        "provider": report.provider, "model": report.model, "mode": report.mode,
        "coverage": report.coverage(),
        "units": [{"unit_id": uid, "unit": names.get(uid, ""), "state": state, "reason": report.reasons.get(uid, "")}
                  for uid, state in sorted(report.units.items())],
        "unconfirmed": [{**asdict(cc.claim), "path": names.get(cc.claim.unit_id, "").split(":", 1)[0],
                         "state": cc.state, "rationale": cc.rationale} for cc in report.unconfirmed],
        "calls": [asdict(c) for c in report.calls],
    }


def sarif_properties(finding) -> dict:
    """A model finding's model, validation state and rationale, for its result's properties."""
    extra = dict(finding.extra)
    return {k: extra[k] for k in ("model", "validation", "rationale") if k in extra}
