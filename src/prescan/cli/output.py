"""Writing results: atomically to a file, or to stdout; and terminal checks."""
from __future__ import annotations

import os
import sys
import tempfile

import click

from prescan.errors import UsageError


def write_atomic(path: str, text: str) -> None:
    """Write text to path so that a reader never sees half a file. A path that
    is not a regular file (/dev/null, a named pipe, /dev/stdout) is written in
    place: renaming over it would replace the device with a file."""
    import stat
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"cannot write the output: {exc.strerror}", path=path) from None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise UsageError("the output is a folder", path=path, hint="give a file name")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError("the output folder does not exist", path=path, hint="create it first")
    fd, tmp = tempfile.mkstemp(prefix=".prescan-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def emit(text: str, output: str | None) -> None:
    if output and output != "-":
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def interactive() -> bool:
    """True on a person's terminal; False in CI or when stderr is redirected."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def use_color(no_color: bool, stream=None) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return stream.isatty() and os.environ.get("TERM") != "dumb"
