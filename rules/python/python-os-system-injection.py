import os
import shlex
import subprocess
from subprocess import getoutput

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    # ruleid: python-os-system-injection
    rc = os.system("ping -c 1 " + host)
    # ok: python-os-system-injection
    rc2 = subprocess.run(["ping", "-c", "1", host], check=False).returncode
    return {"rc": rc, "rc2": rc2}


def disk_usage(path):
    # ruleid: python-os-system-injection
    with os.popen(f"du -sh {path}") as pipe:
        return pipe.read()


def branch_log(branch):
    # ruleid: python-os-system-injection
    return getoutput("git log --oneline %s" % branch)


def run_hook(cmd):
    # ruleid: python-os-system-injection
    return subprocess.getstatusoutput(cmd)


def clear_screen():
    # ok: python-os-system-injection
    os.system("cls" if os.name == "nt" else "clear")
    # ok: python-os-system-injection
    os.system("sync")


def safe_du(path):
    # ok: python-os-system-injection
    return os.popen("du -sh " + shlex.quote(path)).read()


def safe_tar(path):
    cmd = "tar czf /backup/site.tgz " + shlex.quote(path)
    # ok: python-os-system-injection
    return os.system(cmd)


def unsafe_tar(path):
    cmd = "tar czf /backup/site.tgz " + path
    # ruleid: python-os-system-injection
    return os.system(cmd)
