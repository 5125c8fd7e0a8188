import os
import subprocess
import tempfile
from tempfile import mktemp


def export_report(rows):
    # ruleid: python-tempfile-mktemp
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as fh:
        fh.writelines(rows)
    return path


def export_report_safe(rows):
    # ok: python-tempfile-mktemp
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as fh:
        fh.writelines(rows)
    return path


def convert(data: bytes) -> bytes:
    # ruleid: python-tempfile-mktemp
    src = mktemp(prefix="conv-")
    with open(src, "wb") as fh:
        fh.write(data)
    subprocess.run(["convert", src, src + ".png"], check=True)
    with open(src + ".png", "rb") as fh:
        return fh.read()


def convert_safe(data: bytes) -> bytes:
    # ok: python-tempfile-mktemp
    with tempfile.NamedTemporaryFile(prefix="conv-") as tmp:
        tmp.write(data)
        tmp.flush()
        return subprocess.run(["identify", tmp.name], capture_output=True, check=True).stdout
