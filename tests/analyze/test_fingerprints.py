"""Finding identity: the fingerprint survives what does not change the
flagged code (line shifts, renames of the file, edits nearby, whitespace) and
changes when the flagged code does; copies are counted."""
from __future__ import annotations

import textwrap
from pathlib import Path

from prescan.analyze import analyze_file
from prescan.parse import parse
from prescan.rules.loader import load_rules
from prescan.store.fingerprint import number_occurrences

RULES = load_rules([str(Path(__file__).resolve().parents[1] / "data" / "rules")], builtin=False)

BASE = """\
import subprocess


def convert(name):
    subprocess.run("convert " + name, shell=True)
    return name
"""


def prints(code: str, path: str = "app/convert.py") -> list[str]:
    found = analyze_file(parse(path, textwrap.dedent(code).encode(), "python"), RULES)
    assert found, "the test rule must fire on the fixture"
    return [f.fingerprint for f in number_occurrences(found)]


def test_line_shift_keeps_the_fingerprint():
    assert prints("# a new header\n\n\n" + BASE) == prints(BASE)


def test_renamed_file_keeps_the_fingerprint():
    assert prints(BASE, "lib/media/convert_tools.py") == prints(BASE)


def test_unrelated_edit_nearby_keeps_the_fingerprint():
    edited = BASE.replace("    return name\n", "    log.info('converted %s', name)\n    return name.upper()\n")
    assert prints(edited) == prints(BASE)


def test_whitespace_and_comments_around_keep_the_fingerprint():
    spaced = BASE.replace('subprocess.run("convert " + name, shell=True)',
                          'subprocess.run( "convert " + name,  shell=True )  # legacy tool')
    assert prints(spaced) == prints(BASE)


def test_changing_the_flagged_code_changes_the_fingerprint():
    changed = BASE.replace('"convert " + name', '"convert -strip " + name')
    assert set(prints(changed)).isdisjoint(prints(BASE))


def test_a_second_copy_is_a_second_finding():
    doubled = BASE.replace("    return name\n",
                           '    subprocess.run("convert " + name, shell=True)\n    return name\n')
    one, two = prints(BASE), prints(doubled)
    assert len(two) == 2 and one[0] in two and len(set(two)) == 2


def test_moving_the_code_to_another_function_changes_the_fingerprint():
    # the enclosing unit is part of the identity: the same call elsewhere is another finding
    moved = BASE.replace("def convert(name):", "def thumbnail(name):")
    assert set(prints(moved)).isdisjoint(prints(BASE))
