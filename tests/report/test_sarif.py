"""SARIF: valid SARIF 2.1.0, within GitHub's ingestion limits (kept by
severity, with a note when something is left out), and a reviewed snapshot."""
from __future__ import annotations

import json
import random
import string

import jsonschema
import pytest

from prescan import __version__
from prescan.findings import TraceStep
from prescan.report import sarif, sarif_limits
from prescan.report.options import ReportOptions

from report.helpers import (GITHUB, SARIF_SCHEMA, check_snapshot, finding, github_sarif_violations, rule,
                            scan_result, small_result)


def render(result) -> tuple[dict, str]:
    text = sarif.render(result, ReportOptions(exit_code=1))
    return json.loads(text), text


def test_small_report_is_valid_and_matches_snapshot():
    doc, text = render(small_result())
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft7Validator)
    assert github_sarif_violations(doc, text) == []
    check_snapshot("small.sarif.json", text.replace(f'"{__version__}"', '"<version>"'))


def test_rule_metadata_for_github():
    doc, _ = render(small_result())
    desc = doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert desc["id"] == "demo-shell"
    assert desc["properties"]["tags"][:2] == ["security", "external/cwe/cwe-078"]
    assert "external/owasp/A03:2021" in desc["properties"]["tags"]
    assert desc["properties"]["precision"] == "high"
    assert desc["properties"]["security-severity"] == "8.0"
    assert desc["defaultConfiguration"]["level"] == "error"
    assert desc["helpUri"] == "https://docs.python.org/3/library/subprocess.html"
    for part in ("A shell parses the whole string.", "Pass a list of arguments.", "subprocess.run(cmd, shell=True)",
                 "CWE-78", "https://docs.python.org/3/library/subprocess.html"):
        assert part in desc["help"]["text"] and part in desc["help"]["markdown"]


@pytest.mark.parametrize("severity, band", [("critical", "critical"), ("high", "high"), ("medium", "medium"),
                                            ("low", "low")])
def test_security_severity_falls_in_githubs_band(severity, band):
    lo, hi = GITHUB["security_severity"]["bands"][band]
    assert lo <= float(sarif.SECURITY_SEVERITY[severity]) <= hi


def test_results_carry_fingerprint_relative_uri_and_suppression():
    doc, _ = render(small_result(repo_root="/tmp/some repo"))
    run = doc["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///tmp/some%20repo/"
    by_line = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r for r in run["results"]}
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc["uriBaseId"] == "%SRCROOT%" and not loc["uri"].startswith("/")
        assert len(r["partialFingerprints"]["prescanFingerprint/v1"]) == 16
    assert by_line[12]["suppressions"] == [{"kind": "inSource", "justification": "input is a constant"}]
    assert "suppressions" not in by_line[10]
    assert by_line[11]["level"] == "note" and by_line[11]["baselineState"] == "unchanged"
    flow = by_line[10]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["physicalLocation"]["artifactLocation"]["uri"] for s in flow] == ["app/views.py",
                                                                                            "app/run.py"]


def test_over_the_result_limit_keeps_the_most_severe_and_says_so():
    cap = GITHUB["limits"]["results_per_run"]
    sevs = ["info"] * 3000 + ["low"] * 12000 + ["medium"] * 8000 + ["high"] * 4000 + ["critical"] * 100
    confs = ["low", "high"]
    findings = [finding(i, s, confs[i % 2], path=f"f{i % 97}.py") for i, s in enumerate(sevs)]
    random.Random(7).shuffle(findings)
    doc, text = render(scan_result(findings, [rule()]))
    run = doc["runs"][0]
    assert github_sarif_violations(doc, text) == []
    assert len(run["results"]) == cap
    kept = [r["properties"]["severity"] for r in run["results"]]
    # every critical, high and medium is in; 1,500 info and 400 low-confidence lows... are what went
    assert kept.count("critical") == 100 and kept.count("high") == 4000 and kept.count("medium") == 8000
    assert kept.count("low") == 12000 and kept.count("info") == cap - 24100
    assert [r["properties"]["confidence"] for r in run["results"] if r["properties"]["severity"] == "info"] \
        == ["high"] * 900, "the more confident info findings are kept"
    assert kept[:100] == ["critical"] * 100, "results are written most severe first"
    omitted = run["properties"]["resultsOmitted"]
    assert omitted["count"] == len(findings) - cap and omitted["total"] == len(findings)
    note = [n for n in run["invocations"][0]["toolExecutionNotifications"]
            if n.get("descriptor", {}).get("id") == "prescan/results-omitted"]
    assert len(note) == 1 and f"{len(findings) - cap:,} of {len(findings):,}" in note[0]["message"]["text"]
    assert "25,000" in note[0]["message"]["text"]


def test_no_note_when_nothing_is_left_out():
    doc, _ = render(small_result())
    assert "resultsOmitted" not in doc["runs"][0]["properties"]


def test_long_trace_keeps_source_and_sink():
    n = GITHUB["limits"]["thread_flow_locations_per_result"] + 50
    steps = tuple(TraceStep("a.py", i + 1, 1, f"step {i}") for i in range(n))
    doc, text = render(scan_result([finding(0, trace=steps)], [rule()]))
    res = doc["runs"][0]["results"][0]
    flow = res["codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(flow) == GITHUB["limits"]["thread_flow_locations_per_result"]
    assert flow[0]["location"]["message"]["text"] == "step 0" and flow[-1]["location"]["message"]["text"] == f"step {n - 1}"
    assert res["properties"]["traceStepsOmitted"] == 50
    assert github_sarif_violations(doc, text) == []


def test_many_cwes_are_capped_at_the_tag_limit():
    big = rule(cwe=tuple(f"CWE-{n}" for n in range(1, 40)))
    doc, text = render(scan_result([finding(0)], [big]))
    tags = doc["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["tags"]
    assert len(tags) == GITHUB["limits"]["tags_per_rule"] and tags[0] == "security"
    assert tags[1] == "external/cwe/cwe-001"
    assert github_sarif_violations(doc, text) == []


def test_size_limit_drops_least_severe_results():
    rnd = random.Random(3)
    findings = [finding(i, "high" if i < 5 else "low",
                        snippet="".join(rnd.choices(string.ascii_letters, k=3000))) for i in range(60)]
    doc = json.loads(sarif.render(scan_result(findings, [rule()]), ReportOptions()))
    text, dropped = sarif_limits.fit_size(doc, limit=60_000)
    assert dropped > 0 and sarif_limits.gzip_size(text) <= 60_000
    kept = json.loads(text)["runs"][0]["results"]
    assert len(kept) == 60 - dropped and [r["properties"]["severity"] for r in kept][:5] == ["high"] * 5


def test_the_github_checker_catches_violations():
    doc, _ = render(small_result())
    doc["runs"] = doc["runs"] * 21
    doc["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["tags"] = [f"t{i}" for i in range(21)]
    del doc["runs"][0]["results"][0]["message"]
    problems = github_sarif_violations(doc)
    assert "too many runs" in problems
    assert "rule demo-shell: too many tags" in problems
    assert "result 0 lacks message.text" in problems
    assert "rule demo-shell: security-severity without the security tag" in problems
