"""The unified-diff parser and applier, on hand-written and git-made patches."""
from __future__ import annotations

import pytest

from prescan.change.model import ADDED, COPIED, DELETED, MODE, MODIFIED, RENAMED, Hunk
from prescan.change.patch import PatchHunk, apply_hunks, parse_patch, unquote, zero_context
from prescan.errors import PatchError

GIT_PATCH = b"""\
From 1a2b3c4d Mon Sep 17 00:00:00 2001
From: Dev <dev@example.com>
Subject: [PATCH] several things

--- a/not/a/header
---
 app.py | 3 ++-
 1 file changed

diff --git a/app.py b/app.py
index 1111111..2222222 100644
--- a/app.py
+++ b/app.py
@@ -1,5 +1,5 @@ def main():
 import os
-check_auth()
+# check_auth()
 run()
 
 stop()
@@ -9,0 +10,2 @@ def main():
+extra()
+more()
diff --git a/old name.py b/new name.py
similarity index 90%
rename from old name.py
rename to new name.py
index 3333333..4444444 100755
--- a/old name.py
+++ b/new name.py
@@ -2 +2 @@
-a
+b
diff --git a/src/x.py b/src/y.py
similarity index 100%
copy from src/x.py
copy to src/y.py
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
diff --git "a/sp\\303\\251cial\\nname.py" "b/sp\\303\\251cial\\nname.py"
new file mode 100644
index 0000000..5555555
--- /dev/null
+++ "b/sp\\303\\251cial\\nname.py"
@@ -0,0 +1,2 @@
+hello
+world
\\ No newline at end of file
diff --git a/gone.py b/gone.py
deleted file mode 100644
index 6666666..0000000
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-if admin:
-    allow()
diff --git a/logo.png b/logo.png
index 7777777..8888888 100644
GIT binary patch
literal 5
McmZ?wbhEHz00B$^{{R30

literal 3
KcmZ?wbhF<A00B9~

diff --git a/pic.gif b/pic.gif
index 9999999..aaaaaaa 100644
Binary files a/pic.gif and b/pic.gif differ
--
2.39.5
"""


def by_path(pfs):
    return {pf.change.display_path: pf for pf in pfs}


def test_git_format_patch_with_every_header():
    files = by_path(parse_patch(GIT_PATCH, "series.patch"))
    assert list(files) == ["app.py", "new name.py", "src/y.py", "run.sh", "spécial\nname.py", "gone.py",
                           "logo.png", "pic.gif"]
    app = files["app.py"]
    assert app.change.status == MODIFIED and app.old_id == "1111111" and app.new_id == "2222222"
    assert app.change.old_blob is None                     # abbreviated ids are not blob ids
    assert app.change.hunks == (Hunk(2, 1, 2, 1, ("check_auth()",)), Hunk(9, 0, 10, 2, ()))
    assert [h.line for h in app.hunks] == [14, 21]

    ren = files["new name.py"].change
    assert (ren.status, ren.old_path, ren.similarity, ren.new_mode) == (RENAMED, "old name.py", 90, "100755")
    cp = files["src/y.py"].change
    assert (cp.status, cp.old_path, cp.similarity, cp.hunks) == (COPIED, "src/x.py", 100, ())
    mode = files["run.sh"].change
    assert (mode.status, mode.old_mode, mode.new_mode) == (MODE, "100644", "100755")

    special = files["spécial\nname.py"]
    assert special.change.status == ADDED and special.change.old_path is None
    assert special.hunks[0].body[-1] == ("+", b"world")      # the marker removed the newline
    assert apply_hunks(special, b"") == b"hello\nworld"

    gone = files["gone.py"].change
    assert gone.status == DELETED and gone.path is None
    assert gone.hunks == (Hunk(1, 2, 0, 0, ("if admin:", "    allow()")),)
    assert files["logo.png"].change.binary and files["pic.gif"].change.binary
    assert files["logo.png"].change.hunks == ()


def test_plain_diff_u_with_timestamps_and_prefix_dirs():
    text = (b"diff -ruN orig/lib/a.py new/lib/a.py\n"
            b"--- orig/lib/a.py\t2024-05-01 10:00:00.000000000 +0200\n"
            b"+++ new/lib/a.py\t2024-05-02 11:00:00.000000000 +0200\n"
            b"@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
            b"--- orig/lib/n.py\t1970-01-01 01:00:00.000000000 +0100\n"
            b"+++ new/lib/n.py\t2024-05-02 11:00:00.000000000 +0200\n"
            b"@@ -0,0 +1 @@\n+new\n"
            b"Binary files orig/img.png and new/img.png differ\n")
    files = by_path(parse_patch(text, "plain.diff"))
    assert files["lib/a.py"].change.status == MODIFIED
    assert files["lib/a.py"].change.hunks == (Hunk(2, 1, 2, 1, ("b",)),)
    assert files["lib/n.py"].change.status == ADDED
    assert files["img.png"].change.binary


def test_single_file_diff_without_directories():
    text = b"--- conf.py.orig\n+++ conf.py\n@@ -1 +1 @@\n-a = 1\n+a = 2\n"
    (pf,) = parse_patch(text)
    assert (pf.change.path, pf.change.old_path, pf.change.status) == ("conf.py", "conf.py", MODIFIED)


def test_no_prefix_git_patch_keeps_the_whole_path():
    text = b"diff --git src/a.py src/a.py\nindex 1..2 100644\n--- src/a.py\n+++ src/a.py\n@@ -1 +1 @@\n-x\n+y\n"
    (pf,) = parse_patch(text)
    assert pf.change.path == "src/a.py"


def test_header_names_with_spaces_and_no_hunks():
    text = b"diff --git a/my dir/a b.sh b/my dir/a b.sh\nold mode 100644\nnew mode 100755\n"
    (pf,) = parse_patch(text)
    assert pf.change.path == "my dir/a b.sh" and pf.change.status == MODE


def test_crlf_patch_and_empty_context_lines():
    text = b"--- a/w.txt\r\n+++ b/w.txt\r\n@@ -1,3 +1,3 @@\r\n one\r\n\r\n-two\r\n+TWO\r\n"
    (pf,) = parse_patch(text)
    assert pf.change.path == "w.txt" and pf.change.hunks == (Hunk(3, 1, 3, 1, ("two",)),)
    assert apply_hunks(pf, b"one\r\n\r\ntwo\r\n") == b"one\r\n\r\nTWO\r\n"


def test_unquote_c_style_escapes():
    assert unquote(b'"a\\tb\\"c\\\\d\\303\\251"') == (b'a\tb"c\\d\xc3\xa9', 20)
    with pytest.raises(ValueError):
        unquote(b'"open')


def test_zero_context_splits_on_context_lines():
    body = ((" ", b"a\n"), ("-", b"b\n"), ("+", b"B\n"), (" ", b"c\n"), ("+", b"new\n"), (" ", b"d\n"),
            ("-", b"e\n"), (" ", b"f\n"))
    h = PatchHunk(10, 6, 10, 6, body, 1)
    assert zero_context(h) == [Hunk(11, 1, 11, 1, ("b",)), Hunk(12, 0, 13, 1, ()), Hunk(14, 1, 14, 0, ("e",))]


# -- errors name the patch and the line ---------------------------------------------------------

def test_hunk_counts_that_do_not_match_the_body():
    text = b"diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n a\n-b\n+B\ndiff --git a/c b/c\n"
    with pytest.raises(PatchError) as err:
        parse_patch(text, "fix.patch")
    assert err.value.path == "fix.patch" and err.value.line == 8
    assert "@@ -1,3 +1,3 @@" in err.value.detail and "1 more old and 1 more new" in err.value.detail
    assert err.value.one_line().startswith("fix.patch:8: hunk body does not match its header")


def test_truncated_patch_and_extra_lines():
    with pytest.raises(PatchError, match="hunk body") as err:
        parse_patch(b"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n", "t.diff")
    assert err.value.line == 5 and "the patch ends" in err.value.detail
    with pytest.raises(PatchError) as err:
        parse_patch(b"--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n-b\n+c\n", "t.diff")
    assert err.value.line == 5 and "extra removed line" in err.value.detail


def test_trailing_blank_context_lines_trimmed_off_the_end():
    text = b"--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n"      # two blank lines were trimmed
    (pf,) = parse_patch(text)
    assert apply_hunks(pf, b"a\nb\n\n\n") == b"A\nb\n\n\n"
    with pytest.raises(PatchError) as err:                   # ends on a change: truly cut short
        parse_patch(b"--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n b\n-a\n+A\n")
    assert "the patch ends" in err.value.detail


def test_malformed_headers():
    with pytest.raises(PatchError, match="malformed hunk header") as err:
        parse_patch(b"--- a/x\n+++ b/x\n@@ -1,x +1 @@\n-a\n+b\n", "m.diff")
    assert err.value.line == 3
    with pytest.raises(PatchError, match="without a file header"):
        parse_patch(b"some text\n@@ -1 +1 @@\n-a\n+b\n", "m.diff")
    with pytest.raises(PatchError, match="not followed by"):
        parse_patch(b"diff --git a/x b/x\n--- a/x\n@@ -1 +1 @@\n", "m.diff")
    with pytest.raises(PatchError, match="out of order"):
        parse_patch(b"--- a/x\n+++ b/x\n@@ -5 +5 @@\n-a\n+b\n@@ -1 +1 @@\n-c\n+d\n", "m.diff")


def test_file_twice_is_refused():
    one = b"--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"
    with pytest.raises(PatchError, match="appears twice") as err:
        parse_patch(one + one, "series.patch")
    assert err.value.line == 6
    assert len(parse_patch(one + one, unique=False)) == 2


# -- applying ---------------------------------------------------------------------------------

def test_apply_with_offset_and_mismatch():
    text = b"--- a/f\n+++ b/f\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n@@ -8,0 +9 @@ h\n+i\n"
    (pf,) = parse_patch(text, "p.diff")
    old = b"a\nb\nc\nd\ne\nf\ng\nh\n"
    assert apply_hunks(pf, old) == b"a\nb\nC\nd\ne\nf\ng\nh\ni\n"
    assert apply_hunks(pf, b"x\ny\n" + old) == b"x\ny\na\nb\nC\nd\ne\nf\ng\nh\ni\n"   # shifted by 2
    with pytest.raises(PatchError, match="does not apply to f") as err:
        apply_hunks(pf, b"a\nb\nX\nd\n", "p.diff")
    assert err.value.path == "p.diff" and err.value.line == 3


def test_apply_deletion_and_missing_final_newline():
    text = b"--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
    (pf,) = parse_patch(text)
    assert apply_hunks(pf, b"a\nb") == b"a\nb\n"
    with pytest.raises(PatchError):
        apply_hunks(pf, b"a\nb\n")
