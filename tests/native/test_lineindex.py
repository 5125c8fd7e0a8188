"""The compiled line index against its pure-Python twin, and against plain facts."""
from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings, strategies as st

from prescan._native import BACKEND, _lineindex_py as pure, lineindex


def test_compiled_backend_is_the_default():
    # the suite runs against the installed build: the compiled module must be what runs
    import os
    if os.environ.get("PRESCAN_PURE"):
        pytest.skip("PRESCAN_PURE set explicitly")
    assert BACKEND == "cython"
    assert lineindex.__name__ == "prescan._native._lineindex"


def test_line_starts_and_points_on_known_text():
    data = "ab\nçd\n\nxyz".encode()
    starts = lineindex.line_starts(data)
    assert list(starts) == [0, 3, 7, 8]
    lines, cols = lineindex.offsets_to_points(data, starts, array("q", [0, 1, 3, 5, 6, 7, 10, 11, 99]))
    assert list(lines) == [1, 1, 2, 2, 2, 3, 4, 4, 4]
    # columns count code points: "ç" is two bytes but one column
    assert list(cols) == [1, 2, 1, 2, 3, 1, 3, 4, 4]


def test_intersects_handles_unsorted_ends():
    a_s, a_e = array("q", [1, 10, 30, 50]), array("q", [5, 20, 40, 60])
    b_s, b_e = array("q", [2, 25, 45]), array("q", [100, 26, 46])
    assert list(lineindex.intersects(a_s, a_e, b_s, b_e)) == [1, 1, 1, 1]
    b_s, b_e = array("q", [6, 21]), array("q", [9, 29])
    assert list(lineindex.intersects(a_s, a_e, b_s, b_e)) == [0, 0, 0, 0]


def test_normalized_hash_ignores_whitespace_only():
    h = lineindex.normalized_hash
    assert h(b"eval( x )") == h(b"eval(x)") == h(b"eval(\n\tx\n)")
    assert h(b"eval(x)") != h(b"eval(y)")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.lists(st.integers(min_value=-5, max_value=500), max_size=30))
def test_compiled_equals_pure_twin(data, offsets):
    s1, s2 = lineindex.line_starts(data), pure.line_starts(data)
    assert list(s1) == list(s2)
    off = array("q", offsets)
    assert [list(x) for x in lineindex.offsets_to_points(data, s1, off)] == \
        [list(x) for x in pure.offsets_to_points(data, s2, off)]
    assert lineindex.normalized_hash(data) == pure.normalized_hash(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 50)), max_size=20),
       st.lists(st.tuples(st.integers(0, 200), st.integers(0, 50)), max_size=20))
def test_intersects_equals_pure_twin_and_brute_force(a, b):
    b = sorted(b)
    a_s, a_e = array("q", [s for s, _ in a]), array("q", [s + n for s, n in a])
    b_s, b_e = array("q", [s for s, _ in b]), array("q", [s + n for s, n in b])
    got = list(lineindex.intersects(a_s, a_e, b_s, b_e))
    assert got == list(pure.intersects(a_s, a_e, b_s, b_e))
    brute = [int(any(bs <= ae and as_ <= be for bs, be in zip(b_s, b_e))) for as_, ae in zip(a_s, a_e)]
    assert got == brute
