import os
import stat
from pathlib import Path

UPLOAD_DIR = "/srv/app/uploads"


def prepare_upload_dir():
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    # ruleid: python-chmod-world-writable
    os.chmod(UPLOAD_DIR, 0o777)
    # ok: python-chmod-world-writable
    os.chmod(UPLOAD_DIR, 0o750)


def write_secret(path, value):
    with open(path, "w") as fh:
        fh.write(value)
    # ok: python-chmod-world-writable
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    # ruleid: python-chmod-world-writable
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IWOTH)


def install_hook(repo: Path, script: str):
    hook = repo / ".git" / "hooks" / "post-merge"
    hook.write_text(script)
    # ruleid: python-chmod-world-writable
    hook.chmod(0o666)
    # ok: python-chmod-world-writable
    hook.chmod(0o755)
