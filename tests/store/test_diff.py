"""Release matching: a multiset match on fingerprints (copies counted), exact
against a plain reference, plus the similarity pass for moved-and-changed code."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from store.helpers import finding, numbered
from prescan.store import schema as S
from prescan.store.diff import match

FPS = [f"{i:02x}" * 16 for i in range(6)]


def table(rows):
    """rows: (fingerprint, path) pairs, as a findings table."""
    fs = [finding(path=p, line=i + 1) for i, (_, p) in enumerate(rows)]
    t = S.findings_table(fs)
    fp = pa.array([f for f, _ in rows], pa.string())
    key, check = S.fingerprint_keys(fp)
    return t.set_column(t.schema.get_field_index("fp_key"), "fp_key", key) \
            .set_column(t.schema.get_field_index("fp_check"), "fp_check", check) \
            .set_column(t.schema.get_field_index("fingerprint"), "fingerprint", fp)


side = st.lists(st.tuples(st.sampled_from(FPS), st.sampled_from(["a.py", "b.py", "c.py"])), max_size=14)


@settings(max_examples=150, deadline=None)
@given(side, side)
def test_counts_are_those_of_a_multiset_difference(old_rows, new_rows):
    m = match(table(old_rows), table(new_rows), moved=False)
    old_c, new_c = Counter(f for f, _ in old_rows), Counter(f for f, _ in new_rows)
    assert len(m.persisting_new) == sum((old_c & new_c).values())
    assert Counter(new_rows[j][0] for j in m.new) == new_c - old_c
    assert Counter(old_rows[i][0] for i in m.fixed) == old_c - new_c
    # a pairing, not just counts: each row once, and equal fingerprints paired
    assert len(set(m.persisting_old)) == len(m.persisting_old)
    assert len(set(m.persisting_new)) == len(m.persisting_new)
    assert all(old_rows[i][0] == new_rows[j][0] for i, j in zip(m.persisting_old, m.persisting_new))
    assert sorted([*m.persisting_new, *m.new]) == list(range(len(new_rows)))
    assert sorted([*m.persisting_old, *m.fixed]) == list(range(len(old_rows)))


def test_copies_pair_with_the_copy_in_the_same_file():
    old = table([(FPS[0], "a.py"), (FPS[0], "b.py")])
    new = table([(FPS[0], "b.py"), (FPS[0], "c.py")])
    m = match(old, new, moved=False)
    pairs = {(int(i), int(j)) for i, j in zip(m.persisting_old, m.persisting_new)}
    assert (1, 0) in pairs                   # b.py with b.py; a.py's copy pairs with c.py's
    assert len(pairs) == 2 and not len(m.new) and not len(m.fixed)


def test_a_renamed_file_persists():
    fs = numbered([finding(path="old/name.py")])
    moved = numbered([finding(path="new/name.py", line=40)])
    m = match(S.findings_table(fs), S.findings_table(moved))
    assert m.counts() == {"new": 0, "fixed": 0, "persisting": 1, "persisting_moved": 0}


def test_moved_and_slightly_changed_code_persists_moved():
    old = numbered([finding(path="a.py", unit="thumbnail",
                            code='subprocess.run("convert " + src + " thumb.png", shell=True)'),
                    finding(rule="python-eval", path="a.py", line=9, unit="calc", code="eval(expr)")])
    new = numbered([finding(path="images/thumbs.py", line=30, unit="make_thumbnail",
                            code='subprocess.run("convert " + source + " thumb.png", shell=True)'),
                    finding(rule="python-eval", path="b.py", line=2, unit="other", code="eval(payload)")])
    m = match(S.findings_table(old), S.findings_table(new))
    assert [old[i].unit for i in m.moved_old] == ["thumbnail"]
    assert [new[j].unit for j in m.moved_new] == ["make_thumbnail"]
    assert 0.5 <= m.moved_similarity[0] < 1
    # a short, different eval in another function is a fix plus a new finding, not a move
    assert [old[i].unit for i in m.fixed] == ["calc"] and [new[j].unit for j in m.new] == ["other"]


def test_the_similarity_pass_needs_the_same_rule():
    code = 'subprocess.run("convert " + src + " thumb.png", shell=True)'
    old = numbered([finding(rule="rule-a", code=code)])
    new = numbered([finding(rule="rule-b", code=code + "  ")])
    m = match(S.findings_table(old), S.findings_table(new))
    assert m.counts() == {"new": 1, "fixed": 1, "persisting": 0, "persisting_moved": 0}


def test_each_finding_is_in_at_most_one_moved_pair():
    codes = [f'subprocess.run("convert " + src{i} + " thumb.png", shell=True)' for i in range(30)]
    old = numbered([finding(code=c, line=i, unit=f"u{i}") for i, c in enumerate(codes)])
    new = numbered([finding(code=c.replace("convert", "magick"), line=i, unit=f"u{i}")
                    for i, c in enumerate(codes)])
    m = match(S.findings_table(old), S.findings_table(new))
    assert len(set(m.moved_old)) == len(m.moved_old) == len(set(m.moved_new)) == 30
    # each pairs with its own counterpart: same unit, the closest code
    assert list(m.moved_old[np.argsort(m.moved_new)]) == list(range(30))


def test_a_hundred_thousand_findings_match_exactly():
    rng = np.random.default_rng(7)
    n = 100_000
    fps = [f"{a:016x}{b:016x}:0" for a, b in rng.integers(0, 2**63, size=(n, 2)).tolist()]
    old = pa.table({"fp_key": S.fingerprint_keys(pa.array(fps))[0], "fp_check": S.fingerprint_keys(pa.array(fps))[1],
                    "path": pa.array(["p.py"] * n)})
    keep = np.ones(n, bool)
    keep[rng.choice(n, 1000, replace=False)] = False
    new_fps = [f for f, k in zip(fps, keep) if k] + [f"{i:032x}:0" for i in range(500)] + fps[:3]
    key, check = S.fingerprint_keys(pa.array(new_fps))
    new = pa.table({"fp_key": key, "fp_check": check, "path": pa.array(["p.py"] * len(new_fps))})
    m = match(old, new, moved=False)
    # an extra copy of a finding NEW kept is new; one of a finding NEW dropped persists
    dup_first = sum(1 for k in keep[:3] if k)
    assert len(m.new) == 500 + dup_first
    assert len(m.fixed) == 1000 - (3 - dup_first)
    assert len(m.persisting_new) == n - len(m.fixed)


def test_a_diff_scans_fixed_rows_are_not_its_findings(tmp_path):
    """A diff scan records what it fixed (status fixed): diffing it ignores those rows."""
    from dataclasses import replace
    from prescan.store.location import Location
    from prescan.store.releases import diff_releases
    from prescan.store.writer import write_scan
    from store.helpers import scan_row
    loc = Location.open(str(tmp_path / "store"))
    a, b, c = numbered([finding(path="a.py"), finding(path="b.py", code="os.system(x)"),
                        finding(path="c.py", code="eval(y)")])
    write_scan(loc, scan_row("20240101T000000.000000Z-00000001", "one", 2), S.findings_table([a, b]))
    write_scan(loc, scan_row("20240101T010000.000000Z-00000002", "two", 2, fixed=1),
               S.findings_table([a, replace(b, status="fixed"), c]))
    d = diff_releases(loc, "one", "two")
    assert d.matching.counts() == {"new": 1, "fixed": 1, "persisting": 1, "persisting_moved": 0}
    assert [f.path for f in d.new_findings()] == ["c.py"] and [f.path for f in d.fixed_findings()] == ["b.py"]
    assert [f.path for f in diff_releases(loc, "two", "one").new_findings()] == ["b.py"]
