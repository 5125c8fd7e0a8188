"""Line numbers of keys in a TOML text (tomllib gives values, not places):
enough of TOML's line structure to point a message at the key it is about."""
from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _split(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def key_lines(text: str) -> list[tuple[tuple, int]]:
    """(key path, line) of every table header and key, in order; an array
    of tables contributes its index (`("paths", 0, "glob")`)."""
    out: list[tuple[tuple, int]] = []
    table: tuple = ()
    counts: dict[tuple, int] = {}
    in_multiline = None
    for n, line in enumerate(text.splitlines(), 1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        m = _HEADER.match(line)
        if m:
            names = _split(m.group(2))
            if m.group(1) == "[[":
                i = counts.get(names, -1) + 1
                counts[names] = i
                table = names + (i,)
            else:
                table = _with_indexes(names, counts)
            out.append((table, n))
            continue
        m = _KEY.match(line)
        if m:
            out.append((table + _split(m.group(1)), n))
            rest = line[m.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    return out


def _with_indexes(names: tuple, counts: dict[tuple, int]) -> tuple:
    # [paths.sub] after [[paths]] belongs to the last element of the array
    out: tuple = ()
    for name in names:
        out += (name,)
        if out in counts and not isinstance(name, int):
            out += (counts[out],)
    return out


def key_line(text: str, keys: tuple) -> int:
    """The line of a key (or of the closest enclosing table that is written
    down); 0 when nothing of it is."""
    found = key_lines(text)
    for n in range(len(keys), 0, -1):
        want = keys[:n]
        for path, line in found:
            if path == want:
                return line
        for path, line in found:      # a sub-key written dotted under the table: `rules.ignore = ...`
            if path[:n] == want:
                return line
    return 0
