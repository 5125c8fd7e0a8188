"""The CI formats (github, gitlab, junit, markdown) from synthetic results:
their structure, their caps, and hostile content from scanned code."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from prescan import __version__
from prescan.report import FORMATS, github, gitlab, junit, markdown
from prescan.report.options import ReportOptions

from report.helpers import HOSTILE, check_snapshot, finding, rule, scan_result, small_result

GITLAB_SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "gitlab-sast-report-format-15.subset.json")
                           .read_text())
OPTS = ReportOptions(fail_on="high")


def test_every_format_is_registered():
    assert {"text", "json", "sarif", "github", "gitlab", "junit", "markdown"} <= set(FORMATS)


# --- github --------------------------------------------------------------

def unescape_property(s: str) -> str:
    return s.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse_commands(out: str) -> list[tuple[str, dict, str]]:
    cmds = []
    for line in out.splitlines():
        m = re.match(r"^::(\w+)(?: ([^:]*))?::(.*)$", line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
            cmds.append((m.group(1), {k: unescape_property(v) for k, v in props.items()}, m.group(3)))
    return cmds


def test_github_annotations_levels_and_summary():
    out = github.render(small_result(), OPTS)
    cmds = parse_commands(out)
    assert [(c[0], c[1]["file"], c[1]["line"]) for c in cmds] == [("error", "app/run.py", "10"),
                                                                  ("error", "config/settings.py", "13")]
    assert cmds[0][1]["title"] == "prescan demo-shell (critical, blocking)"
    assert cmds[0][2].endswith("[CWE-78]%0AFix: Pass a list of arguments.")
    assert out.splitlines()[-1] == ("prescan: 2 new findings (1 critical, 1 high), 1 pre-existing, 1 fixed, "
                                    "1 suppressed; 2 blocking at --fail-on high.")


def test_github_caps_annotations_per_level_and_lists_the_rest():
    fs = [finding(i, "high") for i in range(13)] + [finding(20 + i, "medium") for i in range(12)] + \
        [finding(40, "low")]
    out = github.render(scan_result(fs, [rule()]), OPTS)
    cmds = parse_commands(out)
    levels = [c[0] for c in cmds]
    assert levels.count("error") == 10 and levels.count("warning") == 10
    assert levels.count("notice") == 2 and "5 more new findings" in cmds[-1][2]
    plain = [line for line in out.splitlines()
             if line.startswith("prescan: ") and (": high " in line or ": medium " in line)]
    assert len(plain) == 5, "the findings past the cap are still in the log"


def test_github_escapes_hostile_content():
    f = finding(0, "high", path=f"evil,{HOSTILE}.py", message=HOSTILE, unit=HOSTILE, snippet=HOSTILE)
    out = github.render(scan_result([f], [rule()]), OPTS)
    lines = out.splitlines()
    assert len(lines) == 2, "no line of scanned content starts a line of its own"
    cmds = parse_commands(out)
    assert len(cmds) == 1 and cmds[0][0] == "error"
    assert cmds[0][1]["file"] == f.path
    assert "\r" not in out and "%0A::error" in cmds[0][2]


# --- gitlab --------------------------------------------------------------

def test_gitlab_report_validates_and_maps_fields():
    doc = json.loads(gitlab.render(small_result(), OPTS))
    jsonschema.validate(doc, GITLAB_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert doc["version"].startswith("15.") and doc["scan"]["type"] == "sast"
    assert doc["scan"]["analyzer"]["version"] == __version__
    vulns = {(v["location"]["file"], v["location"]["start_line"]): v for v in doc["vulnerabilities"]}
    assert set(vulns) == {("app/run.py", 10), ("app/run.py", 11), ("config/settings.py", 13)}, \
        "the suppressed finding is left out"
    v = vulns["app/run.py", 10]
    assert v["severity"] == "Critical" and v["solution"] == "Pass a list of arguments."
    assert v["identifiers"][0] == {"type": "prescan_rule_id", "name": "prescan demo-shell", "value": "demo-shell",
                                   "url": "https://docs.python.org/3/library/subprocess.html"}
    assert v["identifiers"][1]["type"] == "cwe" and v["identifiers"][1]["value"] == "78"
    assert "app/views.py:3" in v["description"]
    assert any("suppressed" in m["value"] for m in doc["scan"]["messages"])


def test_gitlab_ids_are_stable_and_unique():
    r = scan_result([finding(0), finding(0)], [rule()])     # the same finding twice: copies stay distinct
    a, b = (json.loads(gitlab.render(r, OPTS)) for _ in range(2))
    ids = [v["id"] for v in a["vulnerabilities"]]
    assert len(set(ids)) == 2 and ids == [v["id"] for v in b["vulnerabilities"]]


def test_gitlab_subset_schema_rejects_what_15x_removed():
    doc = json.loads(gitlab.render(small_result(), OPTS))
    doc["vulnerabilities"][0]["category"] = "sast"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, GITLAB_SCHEMA)


def test_gitlab_hostile_content_round_trips():
    f = finding(0, path=HOSTILE, message=HOSTILE, unit=HOSTILE)
    doc = json.loads(gitlab.render(scan_result([f], [rule()]), OPTS))
    jsonschema.validate(doc, GITLAB_SCHEMA)
    assert doc["vulnerabilities"][0]["location"]["file"] == HOSTILE


# --- junit ---------------------------------------------------------------

def test_junit_cases_failures_and_skips():
    root = ET.fromstring(junit.render(small_result(), OPTS))
    suite = root.find("testsuite")
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("4", "2", "2")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert cases["demo-shell app/run.py:10"].find("failure").get("message") == "critical: shell command built from cmd0"
    assert cases["demo-shell app/run.py:11"].find("skipped").get("message").startswith("pre-existing")
    assert cases["demo-shell app/run.py:12"].find("skipped").get("message") == "suppressed (inline): input is a constant"


def test_junit_without_findings_is_one_passing_case():
    root = ET.fromstring(junit.render(scan_result([], []), OPTS))
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_junit_hostile_content_stays_text():
    f = finding(0, path=HOSTILE, message=HOSTILE, snippet=HOSTILE)
    root = ET.fromstring(junit.render(scan_result([f], [rule()]), OPTS))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 1 and cases[0].find("script") is None
    failure = cases[0].find("failure")
    assert "</failure>]]><script>" in failure.text and "\\x1b" in failure.text and "\\x00" in failure.text


# --- markdown ------------------------------------------------------------

def test_markdown_summary_snapshot():
    check_snapshot("small.md", markdown.render(small_result(), OPTS))


def test_markdown_links_to_the_commit_on_github(monkeypatch):
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/app")
    monkeypatch.setenv("GITHUB_SHA", "c0ffee")
    out = markdown.render(small_result(), OPTS)
    assert "(https://github.com/acme/app/blob/c0ffee/app/run.py#L10)" in out


def test_markdown_caps_volume():
    fs = [finding(i, "high", snippet="x = 1\n" * 3) for i in range(80)]
    out = markdown.render(scan_result(fs, [rule()]), OPTS)
    assert out.count("**high** **blocking**") == markdown.MAX_FINDINGS
    assert "... and 30 more new findings" in out
    big = [finding(i, "high", message="m" * 3000) for i in range(40)]
    out = markdown.render(scan_result(big, [rule()]), OPTS)
    assert len(out) <= markdown.MAX_CHARS and "more new findings" in out


def test_markdown_hostile_content_cannot_inject():
    f = finding(0, "high", path="a`b.py", message=HOSTILE + " @octocat https://evil.example", snippet=HOSTILE + "\n````",
                language="py`thon")
    out = markdown.render(scan_result([f], [rule()], fixed=[finding(1, path=HOSTILE, status="fixed")]), OPTS)
    for bad in ("<script>", "</failure>", "<!--", "](javascript:", "@octocat", "https://evil"):
        outside_code = re.sub(r"(`{3,})[^\n]*\n.*?\n *\1", "", out, flags=re.S)
        assert bad not in outside_code, bad
    tags = set(re.findall(r"</?([a-zA-Z]+)", re.sub(r"(`{3,})[^\n]*\n.*?\n *\1", "", out, flags=re.S)))
    assert tags <= {"details", "summary"}
    fence = re.search(r"^  (`{3,})", out, flags=re.M).group(1)
    assert len(fence) == 5, "the fence is longer than the snippet's own backtick run"
