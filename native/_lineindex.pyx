# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled line index: line starts, byte offset -> (line, column), interval
intersection and normalised line hashing. Twin of prescan._native._lineindex_py."""
from array import array
from cpython cimport array as carray
from libc.math cimport log2

BACKEND = "cython"

cdef inline Py_ssize_t _bisect_right(const long long[:] a, Py_ssize_t n, long long x) noexcept nogil:
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def line_starts(const unsigned char[:] data):
    """Byte offsets where each line starts (the first is always 0)."""
    cdef Py_ssize_t i, n = data.shape[0], count = 1
    for i in range(n):
        if data[i] == 10:
            count += 1
    cdef carray.array out = array("q", bytes(8 * count))
    cdef long long[:] o = out
    cdef Py_ssize_t k = 1
    o[0] = 0
    for i in range(n):
        if data[i] == 10:
            o[k] = i + 1
            k += 1
    return out


def offsets_to_points(const unsigned char[:] data, const long long[:] starts, const long long[:] offsets):
    """1-based (lines, columns) for byte offsets; columns count code points."""
    cdef Py_ssize_t m = offsets.shape[0], nl = starts.shape[0], i, line
    cdef long long off, j, col, size = data.shape[0]
    cdef carray.array lines = array("q", bytes(8 * m))
    cdef carray.array cols = array("q", bytes(8 * m))
    cdef long long[:] lo = lines
    cdef long long[:] co = cols
    with nogil:
        for i in range(m):
            off = offsets[i]
            if off < 0:
                off = 0
            if off > size:
                off = size
            line = _bisect_right(starts, nl, off) - 1
            col = 1
            j = starts[line]
            while j < off:
                if (data[j] & 0xC0) != 0x80:
                    col += 1
                j += 1
            lo[i] = line + 1
            co[i] = col
    return lines, cols


def intersects(const long long[:] a_start, const long long[:] a_end,
               const long long[:] b_start, const long long[:] b_end):
    """For each closed interval of a, 1 if it meets any interval of b, else 0.
    b must be sorted by start; its ends need not be monotone."""
    cdef Py_ssize_t na = a_start.shape[0], nb = b_start.shape[0], i, k
    cdef carray.array out = array("b", bytes(na))
    cdef signed char[:] o = out
    # prefix maximum of b's ends lets one binary search answer each query
    cdef carray.array pm = array("q", bytes(8 * nb))
    cdef long long[:] pmax = pm
    cdef long long run = -(1 << 62)
    for k in range(nb):
        if b_end[k] > run:
            run = b_end[k]
        pmax[k] = run
    with nogil:
        for i in range(na):
            # intervals of b starting at or before a_end[i]
            k = _bisect_right(b_start, nb, a_end[i])
            o[i] = 1 if (k > 0 and pmax[k - 1] >= a_start[i]) else 0
    return out


def normalized_hash(const unsigned char[:] data):
    """64-bit FNV-1a over the bytes with all ASCII whitespace removed."""
    cdef unsigned long long h = 1469598103934665603ULL
    cdef Py_ssize_t i, n = data.shape[0]
    cdef unsigned char c
    with nogil:
        for i in range(n):
            c = data[i]
            if c == 32 or c == 9 or c == 10 or c == 13 or c == 11 or c == 12:
                continue
            h ^= c
            h *= 1099511628211ULL
    return h


def shannon_entropy(const unsigned char[:] data):
    """Bits of Shannon entropy per byte of data (0.0 for empty data)."""
    cdef Py_ssize_t i, n = data.shape[0]
    cdef long long counts[256]
    cdef double h = 0.0, p
    if n == 0:
        return 0.0
    for i in range(256):
        counts[i] = 0
    for i in range(n):
        counts[data[i]] += 1
    for i in range(256):
        if counts[i]:
            p = <double>counts[i] / n
            h -= p * log2(p)
    return h
