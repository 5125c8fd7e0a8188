"""JUnit XML for CI test-report views (GitLab `artifacts: reports: junit:`,
Jenkins): one test case per finding; a blocking finding is a failure, a
pre-existing or suppressed one is skipped, a new one below the gate passes.
A scan without findings is one passing test case, so the suite is never empty."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from prescan.report.common import suppression
from prescan.report.gate import blocks

# characters XML 1.0 cannot hold at all, even escaped; scanned code may contain them
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _case(suite, f, rule, opts) -> None:
    name = f"{f.rule_id} {f.path}:{f.start_line}"
    case = ET.SubElement(suite, "testcase", {"classname": clean(f"prescan.{f.path}"), "name": clean(name),
                                             "file": clean(f.path), "line": str(f.start_line), "time": "0"})
    detail = [f"{f.path}:{f.start_line}:{f.start_col}  {f.severity} (confidence {f.confidence})  {f.rule_id}",
              f.message, "", *f"{f.snippet}".split("\n")]
    detail += [f"  -> {s.path}:{s.line}  {s.note}" for s in f.trace]
    if rule is not None:
        detail += ["", "Why: " + rule.why.strip(), "Fix: " + rule.fix.strip()]
    sup = suppression(f)
    if sup is not None:
        ET.SubElement(case, "skipped", {"message": clean(f"suppressed ({sup[0]}): {sup[1]}".rstrip(": "))})
    elif f.status != "new":
        ET.SubElement(case, "skipped", {"message": clean(f"pre-existing: {f.message}")})
    elif blocks(f, opts.fail_on, opts.min_confidence):
        fail = ET.SubElement(case, "failure", {"type": clean(f.rule_id),
                                               "message": clean(f"{f.severity}: {f.message}")})
        fail.text = clean("\n".join(detail))
        return
    out = ET.SubElement(case, "system-out")
    out.text = clean("\n".join(detail))


def render(result, opts) -> str:
    rules = result.ruleset.by_id
    title = result.change.description or result.change.mode
    total = round(result.timings.get("total", 0.0), 3)
    root = ET.Element("testsuites", {"name": "prescan"})
    suite = ET.SubElement(root, "testsuite", {"name": clean(f"prescan: {title}"), "time": str(total)})
    for f in result.findings:
        _case(suite, f, rules.get(f.rule_id), opts)
    if not result.findings:
        ET.SubElement(suite, "testcase", {"classname": "prescan", "name": "no findings", "time": str(total)})
    cases = suite.findall("testcase")
    failures = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    for el in (root, suite):
        el.set("tests", str(len(cases)))
        el.set("failures", str(failures))
        el.set("errors", "0")
        el.set("skipped", str(skipped))
    root.set("time", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
