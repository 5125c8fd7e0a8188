"""Parses unified diffs (git diff, git format-patch, plain `diff -u`) into FileChanges,
and applies one file's hunks to old content when the new version exists nowhere else."""
from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass

from prescan.change.model import (ADDED, COPIED, DELETED, MODE, MODIFIED, RENAMED, TYPE, FileChange,
                                  Hunk)
from prescan.errors import PatchError

_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_STAMP = re.compile(rb"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)?(?: ([+-])(\d\d)(\d\d))?")
_INDEX = re.compile(rb"^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: ([0-7]{6}))?\s*$")
_ESCAPES = {ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("n"): 10, ord("r"): 13, ord("t"): 9,
            ord("v"): 11, ord("\\"): 92, ord('"'): 34}


@dataclass(frozen=True)
class PatchHunk:
    """A hunk as written in the patch, context included, kept to apply it."""
    old_start: int
    old_lines: int
    new_start: int
    new_lines: int
    body: tuple[tuple[str, bytes], ...]   # (" " | "-" | "+", line with its newline unless marked without)
    line: int                              # line of the "@@" header in the patch


@dataclass(frozen=True)
class PatchFile:
    change: FileChange                     # hunks there are zero-context, like git diff -U0
    hunks: tuple[PatchHunk, ...] = ()
    old_id: str | None = None              # ids of the "index" line, possibly abbreviated
    new_id: str | None = None
    line: int = 0                          # first line of this file's header in the patch


def unquote(raw: bytes, start: int = 0) -> tuple[bytes, int]:
    """Decode the C-style quoted string starting at raw[start] (a '"');
    returns the bytes and the index after the closing quote."""
    out = bytearray()
    i = start + 1
    while i < len(raw):
        c = raw[i]
        if c == 34:                                     # closing quote
            return bytes(out), i + 1
        if c == 92 and i + 1 < len(raw):                # backslash
            nxt = raw[i + 1]
            if 48 <= nxt <= 55:                         # octal, up to three digits
                j = i + 1
                while j < len(raw) and j < i + 4 and 48 <= raw[j] <= 55:
                    j += 1
                out.append(int(raw[i + 1:j], 8) & 0xFF)
                i = j
                continue
            if nxt not in _ESCAPES:
                raise ValueError(f"unknown escape \\{chr(nxt)}")
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        out.append(c)
        i += 1
    raise ValueError("unterminated quoted name")


def _name(raw: bytes) -> bytes | None:
    """A name from a ---/+++ line: quoted, or up to the tab before a timestamp."""
    if raw.startswith(b'"'):
        return unquote(raw)[0]
    name, tab, stamp = raw.partition(b"\t")
    if name == b"/dev/null":
        return None
    # GNU diff -N names an absent side by the epoch (in local time) instead of /dev/null.
    if tab and _is_epoch(stamp.strip()):
        return None
    return name


def _is_epoch(stamp: bytes) -> bool:
    m = _STAMP.match(stamp)
    if not m:
        return False
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    seconds = calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))
    if m.group(7):
        offset = int(m.group(8)) * 3600 + int(m.group(9)) * 60
        seconds -= offset if m.group(7) == b"+" else -offset
    return seconds == 0


def _split_header(rest: bytes) -> tuple[bytes, bytes] | None:
    """The two names of `diff --git X Y` (unquoted names may contain spaces)."""
    try:
        if rest.startswith(b'"'):
            first, pos = unquote(rest)
            tail = rest[pos:].lstrip(b" ")
            return first, (unquote(tail)[0] if tail.startswith(b'"') else tail)
        if rest.endswith(b'"') and b' "' in rest:
            k = rest.index(b' "')
            return rest[:k], unquote(rest, k + 1)[0]
    except ValueError:
        return None
    spaces = [k for k, c in enumerate(rest) if c == 32]
    for k in spaces:
        a, b = rest[:k], rest[k + 1:]
        if a == b or (b"/" in a and b"/" in b and a.split(b"/", 1)[1] == b.split(b"/", 1)[1]):
            return a, b
    if len(spaces) == 1:
        return rest[:spaces[0]], rest[spaces[0] + 1:]
    return None


def _decode(line: bytes) -> str:
    text = line[:-1] if line.endswith(b"\n") else line
    return (text[:-1] if text.endswith(b"\r") else text).decode("utf-8", "replace")


def zero_context(h: PatchHunk) -> list[Hunk]:
    """Split a hunk into the zero-context hunks `git diff -U0` would print."""
    o = h.old_start if h.old_lines else h.old_start + 1
    n = h.new_start if h.new_lines else h.new_start + 1
    out: list[Hunk] = []
    run: list = []                                       # [old at start, new at start, removed, added]

    def flush() -> None:
        if run:
            ro, rn, removed, added = run
            out.append(Hunk(ro if removed else ro - 1, len(removed), rn if added else rn - 1, added,
                            tuple(removed)))
            run.clear()

    for tag, text in h.body:
        if tag == " ":
            flush()
            o, n = o + 1, n + 1
            continue
        if not run:
            run.extend([o, n, [], 0])
        if tag == "-":
            run[2].append(_decode(text))
            o += 1
        else:
            run[3] += 1
            n += 1
    flush()
    return out


class _Parser:
    def __init__(self, data: bytes, name: str) -> None:
        self.lines = _lines(data)
        self.name = name
        self.i = 0

    def text(self, i: int | None = None) -> bytes:
        i = self.i if i is None else i
        return self.lines[i].rstrip(b"\r\n") if i < len(self.lines) else b""

    def error(self, title: str, detail: str = "", line: int | None = None) -> PatchError:
        return PatchError(title, detail=detail, path=self.name, line=line or self.i + 1,
                          hint="regenerate the patch with `git diff` or `git format-patch`")

    def parse(self) -> list[PatchFile]:
        files: list[PatchFile] = []
        while self.i < len(self.lines):
            line = self.text()
            if line.startswith(b"diff --git "):
                files.append(self.git_file())
            elif line.startswith(b"--- ") and self.text(self.i + 1).startswith(b"+++ "):
                files.append(self.plain_file())
            elif line.startswith(b"Binary files ") and line.endswith(b" differ"):
                files.append(self.plain_binary())
            elif line.startswith(b"@@ "):
                raise self.error("hunk without a file header")
            else:
                self.i += 1
        return files

    def git_file(self) -> PatchFile:
        start = self.i
        names = _split_header(self.text()[len(b"diff --git "):])
        self.i += 1
        info: dict = {}
        minus = plus = None
        binary = False
        while self.i < len(self.lines):
            line = self.text()
            key = next((k for k in ("old mode ", "new mode ", "deleted file mode ", "new file mode ",
                                    "similarity index ", "dissimilarity index ", "rename from ",
                                    "rename to ", "copy from ", "copy to ", "rename old ", "rename new ")
                        if line.startswith(k.encode())), None)
            if key:
                info[key.strip()] = line[len(key):]
            elif (m := _INDEX.match(line)):
                info["index"] = m
            elif line.startswith(b"Binary files ") or line == b"GIT binary patch":
                binary = True
                self.skip_binary()
                break
            elif line.startswith(b"--- "):
                if not self.text(self.i + 1).startswith(b"+++ "):
                    raise self.error("'---' line not followed by '+++'", line=self.i + 2)
                minus, plus = self.names_at(self.i)
                self.i += 2
                break
            else:
                break
            self.i += 1
        hunks = () if binary else self.hunks()
        return self.build_git(start, names, info, minus, plus, binary, hunks)

    def names_at(self, i: int) -> tuple[bytes | None, bytes | None]:
        try:
            return _name(self.text(i)[4:]), _name(self.text(i + 1)[4:])
        except ValueError as exc:
            raise self.error("bad quoted file name", str(exc), line=i + 1) from None

    def skip_binary(self) -> None:
        if self.text() != b"GIT binary patch":
            self.i += 1
            return
        self.i += 1
        for _ in range(2):                    # forward image, then the optional reverse one
            if not self.text().startswith((b"literal ", b"delta ")):
                return
            while self.i < len(self.lines) and self.text() != b"":
                self.i += 1
            self.i += 1

    def build_git(self, start: int, names, info: dict, minus, plus, binary: bool,
                  hunks: tuple[PatchHunk, ...]) -> PatchFile:
        old_mode = (info.get("old mode") or info.get("deleted file mode") or b"").decode() or None
        new_mode = (info.get("new mode") or info.get("new file mode") or b"").decode() or None
        index = info.get("index")
        if index and index.group(3):
            old_mode = old_mode or (None if "new file mode" in info else index.group(3).decode())
            new_mode = new_mode or (None if "deleted file mode" in info else index.group(3).decode())
        try:
            renamed = {k: unquote(v)[0] if v.startswith(b'"') else v for k, v in info.items()
                       if k in ("rename from", "rename to", "copy from", "copy to", "rename old", "rename new")}
        except ValueError as exc:
            raise self.error("bad quoted file name", str(exc), line=start + 1) from None
        # No prefix at all (diff.noprefix) shows as identical names in the header.
        strip = not (names and names[0] == names[1])
        old = renamed.get("rename from") or renamed.get("copy from") or renamed.get("rename old")
        new = renamed.get("rename to") or renamed.get("copy to") or renamed.get("rename new")
        added = "new file mode" in info or (minus is None and plus is not None)
        deleted = "deleted file mode" in info or (plus is None and minus is not None)
        if old is None:
            old = _strip(minus, strip) if minus is not None else (_strip(names[0], strip) if names else None)
        if new is None:
            new = _strip(plus, strip) if plus is not None else (_strip(names[1], strip) if names else None)
        if old is None and new is None:
            raise self.error("cannot tell the file names of this diff header", line=start + 1)
        if added:
            old = None
        if deleted:
            new = None
        if "rename from" in renamed or "rename old" in renamed:
            status = RENAMED
        elif "copy from" in renamed:
            status = COPIED
        elif added or deleted:
            status = ADDED if added else DELETED
        elif old_mode and new_mode and old_mode != new_mode:
            same_type = old_mode[:2] == new_mode[:2] or {old_mode, new_mode} <= {"100644", "100755"}
            status = (MODE if not hunks and not binary else MODIFIED) if same_type else TYPE
        else:
            status = MODIFIED
        similarity = info.get("similarity index")
        old_id = index.group(1).decode() if index else None
        new_id = index.group(2).decode() if index else None
        return self.make(start, old, new, status, old_id, new_id, old_mode, new_mode,
                         int(similarity.rstrip(b"%")) if similarity and similarity.rstrip(b"%").isdigit() else None,
                         binary, hunks)

    def make(self, start: int, old: bytes | None, new: bytes | None, status: str, old_id, new_id,
             old_mode, new_mode, similarity, binary: bool, hunks: tuple[PatchHunk, ...]) -> PatchFile:
        mode = new_mode if new is not None and new_mode else old_mode
        submodule = mode == "160000"
        change = FileChange(
            path=os.fsdecode(new) if new is not None else None,
            old_path=os.fsdecode(old) if old is not None else None, status=status,
            old_blob=_full_id(old_id), new_blob=_full_id(new_id), old_mode=old_mode, new_mode=new_mode,
            similarity=similarity, binary=binary, submodule=submodule, symlink=mode == "120000",
            hunks=() if submodule else tuple(z for h in hunks for z in zero_context(h)))
        return PatchFile(change, hunks, _nonzero(old_id), _nonzero(new_id), start + 1)

    def plain_file(self) -> PatchFile:
        start = self.i
        raw_old = self.text()[4:].partition(b"\t")[0]
        raw_new = self.text(self.i + 1)[4:].partition(b"\t")[0]
        old, new = self.names_at(self.i)
        self.i += 2
        hunks = self.hunks()
        strip = (b"/" in raw_old and b"/" in raw_new and not raw_old.startswith(b'"')
                 and raw_old.split(b"/", 1)[1] == raw_new.split(b"/", 1)[1])
        path = _strip(new, strip) if new is not None else _strip(old, strip)
        if path is None:
            raise self.error("both sides of this diff are /dev/null", line=start + 1)
        if old is None:
            return self.make(start, None, path, ADDED, None, None, None, None, None, False, hunks)
        if new is None:
            return self.make(start, path, None, DELETED, None, None, None, None, None, False, hunks)
        return self.make(start, path, path, MODIFIED, None, None, None, None, None, False, hunks)

    def plain_binary(self) -> PatchFile:
        start = self.i
        rest = self.text()[len(b"Binary files "):-len(b" differ")]
        parts = rest.split(b" and ")
        k = len(parts) // 2          # names with " and " in them are rare; split in the middle
        old, new = b" and ".join(parts[:k]) or None, b" and ".join(parts[k:]) or None
        self.i += 1
        strip = bool(old and new and b"/" in old and b"/" in new
                     and old.split(b"/", 1)[1] == new.split(b"/", 1)[1])
        path = _strip(new if new != b"/dev/null" else old, strip)
        return self.make(start, path, path, MODIFIED, None, None, None, None, None, True, ())

    def hunks(self) -> tuple[PatchHunk, ...]:
        hunks: list[PatchHunk] = []
        while self.i < len(self.lines) and self.text().startswith(b"@@"):
            h = self.hunk()
            if hunks and _old_span(h)[0] < _old_span(hunks[-1])[1]:
                raise self.error("hunks overlap or are out of order", line=h.line)
            hunks.append(h)
        return tuple(hunks)

    def hunk(self) -> PatchHunk:
        at = self.i + 1
        m = _HUNK.match(self.text())
        if not m:
            raise self.error("malformed hunk header", self.text().decode("utf-8", "replace"))
        old_start, new_start = int(m.group(1)), int(m.group(3))
        old_lines = 1 if m.group(2) is None else int(m.group(2))
        new_lines = 1 if m.group(4) is None else int(m.group(4))
        self.i += 1
        body: list[tuple[str, bytes]] = []
        old_left, new_left = old_lines, new_lines

        def short(found: str) -> PatchError:
            return self.error(
                "hunk body does not match its header", f"{found}; the header at line {at} "
                f"(@@ -{old_start},{old_lines} +{new_start},{new_lines} @@) needs "
                f"{old_left} more old and {new_left} more new lines")

        while old_left > 0 or new_left > 0:
            if self.i >= len(self.lines):
                # Trimming the end of a pasted patch eats its trailing blank context
                # lines (" \n"); restore them when nothing else can be missing.
                if old_left == new_left and body and body[-1][0] == " " and body[-1][1].endswith(b"\n"):
                    body.extend([(" ", b"\n")] * old_left)
                    break
                raise short("the patch ends")
            raw = self.lines[self.i]
            tag = raw[:1]
            if tag == b"\\":
                self.no_newline(body)
                continue
            if tag == b" " or raw in (b"\n", b"\r\n"):   # mailers eat the space of empty context lines
                if old_left == 0 or new_left == 0:
                    raise short("a context line")
                body.append((" ", raw[1:] if tag == b" " else raw))
                old_left, new_left = old_left - 1, new_left - 1
            elif tag == b"-" and old_left > 0:
                body.append(("-", raw[1:]))
                old_left -= 1
            elif tag == b"+" and new_left > 0:
                body.append(("+", raw[1:]))
                new_left -= 1
            else:
                found = {b"-": "an extra removed line", b"+": "an extra added line"}.get(
                    tag, f"an unexpected line {raw[:40].decode('utf-8', 'replace').rstrip()!r}")
                raise short(found)
            self.i += 1
        if self.i < len(self.lines) and self.lines[self.i][:1] == b"\\":
            self.no_newline(body)
        return PatchHunk(old_start, old_lines, new_start, new_lines, tuple(body), at)

    def no_newline(self, body: list[tuple[str, bytes]]) -> None:
        if not body:
            raise self.error("'\\ No newline at end of file' with no line before it")
        tag, text = body[-1]
        body[-1] = (tag, text.removesuffix(b"\n"))
        self.i += 1


def _old_span(h: PatchHunk) -> tuple[int, int]:
    # A count of 0 puts the start on the line before the change, as git does.
    start = h.old_start - 1 if h.old_lines else h.old_start
    return start, start + h.old_lines


def _strip(name: bytes | None, strip: bool) -> bytes | None:
    if name is None:
        return None
    if strip and b"/" in name:
        return name.split(b"/", 1)[1]
    return name


def _nonzero(oid: str | None) -> str | None:
    return oid if oid and oid.strip("0") else None


def _full_id(oid: str | None) -> str | None:
    oid = _nonzero(oid)
    return oid.lower() if oid and len(oid) in (40, 64) else None


def parse_patch(data: bytes, name: str = "<patch>", *, unique: bool = True) -> list[PatchFile]:
    """Every file of a unified diff, in order. PatchError (naming the patch and
    the line) on malformed input, or when a file appears twice (unique=True)."""
    files = _Parser(data, name).parse()
    if unique:
        seen: set[str] = set()
        for pf in files:
            key = pf.change.display_path
            if key in seen:
                raise PatchError(f"'{key}' appears twice in the patch", path=name, line=pf.line,
                                 hint="scan one combined diff (git diff A B) instead of a patch series")
            seen.add(key)
    return files


def _lines(data: bytes) -> list[bytes]:
    pieces = data.split(b"\n")
    return [p + b"\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


def apply_hunks(pf: PatchFile, old: bytes, patch_name: str = "<patch>") -> bytes:
    """The new content of one file: its hunks applied to old. A hunk whose
    context no longer matches is looked for nearby (as git apply does), and
    PatchError names it if it matches nowhere."""
    lines = _lines(old)
    out: list[bytes] = []
    pos = offset = 0
    for h in pf.hunks:
        pre = [t for tag, t in h.body if tag != "+"]
        post = [t for tag, t in h.body if tag != "-"]
        nominal = _old_span(h)[0]
        at = _find(lines, pre, nominal + offset, pos)
        if at is None:
            raise PatchError(f"patch does not apply to {pf.change.old_path or pf.change.display_path}",
                             detail=f"the lines of hunk @@ -{h.old_start},{h.old_lines} "
                                    f"+{h.new_start},{h.new_lines} @@ are not in the file",
                             path=patch_name, line=h.line,
                             hint="the patch was made against another version of the file")
        offset = at - nominal
        out.extend(lines[pos:at])
        out.extend(post)
        pos = at + len(pre)
    out.extend(lines[pos:])
    return b"".join(out)


def _find(lines: list[bytes], pre: list[bytes], want: int, lo: int) -> int | None:
    hi = len(lines) - len(pre)
    if hi < lo:
        return None
    want = min(max(want, lo), hi)
    for delta in range(0, max(want - lo, hi - want) + 1):
        for at in (want - delta, want + delta):
            if lo <= at <= hi and lines[at:at + len(pre)] == pre:
                return at
    return None
