"""SARIF output validates against the official OASIS SARIF 2.1.0 schema
(tests/data/sarif-schema-2.1.0.json, from oasis-tcs/sarif-spec)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from conftest import GitRepo, run_prescan

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())


def test_sarif_validates_with_new_unchanged_and_warnings(repo: GitRepo, tmp_path):
    vuln = "import subprocess\n\ndef f(c):\n    subprocess.run(c, shell=True)\n"
    base = repo.commit("base", {"old.py": vuln, "spaced name/ü.py": "x = 1\n"})
    head = repo.commit("change", {
        "old.py": vuln + "\n\ndef g(c):\n    subprocess.call(c, shell=True)\n",
        "spaced name/ü.py": vuln,
        "bin.py": b"\x00\x00binary",
        "broken.py": "def (:\n",
    })
    out = tmp_path / "r.sarif"
    proc = run_prescan("scan", "--base", base, "--head", head, "--scope", "files", "--format", "sarif",
                       "-o", str(out), cwd=repo.root)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, SCHEMA, cls=jsonschema.Draft7Validator)
    run = doc["runs"][0]
    states = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                     r["locations"][0]["physicalLocation"]["region"]["startLine"], r["baselineState"])
                    for r in run["results"])
    assert states == [("old.py", 4, "unchanged"), ("old.py", 8, "new"), ("spaced%20name/%C3%BC.py", 4, "new")]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes} >= {"bin.py", "broken.py"}
