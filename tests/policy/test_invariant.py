"""The diff invariant with a policy and suppressions in force: over a history
that adds, moves, renames and removes suppressions (with and without reasons,
used and unused) under a fixed policy, the new findings of each diff scan
equal full(C) - full(C~1) by fingerprint, suppressed or not alike. Findings
that describe the change (policy-changed, suppression-added) exist only in
diff scans and are outside the comparison."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from prescan.pipeline import ScanOptions, run_scan
from prescan.policy.stage import CHANGE_RULES
from prescan.rules.loader import load_rules
from tests.conftest import GitRepo

RULES = str(Path(__file__).resolve().parents[1] / "data" / "rules")
V = "subprocess.run(cmd{n}, shell=True)\n"
S = "# prescan: ignore[subprocess-shell-true] cmd{n} is fixed\n"
POLICY = '[[paths]]\nglob = "tests/**"\nseverity-offset = -1\n[rules]\nignore = ["no-such-rule"]\n'


def steps() -> list[tuple[dict[str, str], tuple[str, ...], tuple[str, str] | None]]:
    head = "import subprocess\n"
    return [
        ({".prescan.toml": POLICY, "app/a.py": head + V.format(n=1) + V.format(n=2)}, (), None),
        ({"app/a.py": head + V.format(n=1) + S.format(n=2) + V.format(n=2)}, (), None),            # suppress one
        ({"app/a.py": head + "x = 1\n" * 3 + V.format(n=1) + S.format(n=2) + V.format(n=2)}, (), None),  # move
        ({"app/a.py": head + V.format(n=1).rstrip() + "  # prescan: ignore[subprocess-shell-true]\n"
          + S.format(n=2) + V.format(n=2)}, (), None),                                             # no reason
        ({"app/b.py": head + "# prescan: ignore[subprocess-shell-true] stale\ny = 2\n"}, (), None),   # unused
        ({}, (), ("app/a.py", "app/c.py")),                                                        # rename
        ({"tests/t.py": head + S.format(n=3) + V.format(n=3) + V.format(n=4)}, (), None),          # under tests/
        ({"app/c.py": head + V.format(n=1) + V.format(n=2)}, (), None),                            # unsuppress
        ({"app/b.py": head + "# prescan: ignore[*] generated\n" + V.format(n=5)}, (), None),       # wildcard
        ({}, ("tests/t.py",), None),                                                               # delete
    ]


def _fp(findings, with_flag=False) -> Counter:
    return Counter((f.fingerprint, dict(f.extra).get("suppressed"), f.severity) if with_flag else f.fingerprint
                   for f in findings)


def test_diff_scans_equal_the_difference_of_full_scans_under_a_policy(repo: GitRepo):
    commits = []
    for files, delete, rename in steps():
        if rename:
            repo.git("mv", *rename)
        commits.append(repo.commit("step", files, delete=delete))
    rules = load_rules([RULES], builtin=False)

    def scan(**kw):
        return run_scan(ScanOptions(repo=str(repo.root), jobs=1, policy="auto", **kw), rules)

    full = {c: scan(all_files=True, head=c).findings for c in commits}
    saw = Counter()
    for prev, cur in zip(commits, commits[1:]):
        diff = scan(base=prev, head=cur)
        new = [f for f in diff.findings if f.status == "new" and f.rule_id not in CHANGE_RULES]
        assert _fp(new) == _fp(full[cur]) - _fp(full[prev]), (prev[:8], cur[:8])
        assert _fp(diff.fixed) == _fp(full[prev]) - _fp(full[cur]), (prev[:8], cur[:8])
        # a new finding carries the same suppression and weight as in the full scan of the head
        assert _fp(new, True) <= _fp(full[cur], True), (prev[:8], cur[:8])
        saw.update(f.rule_id for f in diff.findings if f.status == "new")
        saw["suppressed"] += sum(1 for f in new if dict(f.extra).get("suppressed"))
    assert saw["suppression-added"] >= 2 and saw["suppression-unused"] >= 1 and \
        saw["suppression-without-reason"] >= 1 and saw["suppressed"] >= 2, saw
    t = [f for f in full[commits[6]] if f.path == "tests/t.py"]
    assert sorted((f.start_line, f.severity, dict(f.extra).get("suppressed")) for f in t) == \
        [(3, "medium", "cmd3 is fixed"), (4, "medium", None)]
