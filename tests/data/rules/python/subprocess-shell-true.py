import shlex
import subprocess


def convert(name):
    # ruleid: subprocess-shell-true
    subprocess.run("convert " + name + " out.png", shell=True)
    # ruleid: subprocess-shell-true
    subprocess.check_output(f"git log {name}", cwd="/srv", shell=True)
    # ok: subprocess-shell-true
    subprocess.run(["convert", name, "out.png"])
    # ok: subprocess-shell-true
    subprocess.run("ls -l /srv", shell=True)
    # ok: subprocess-shell-true
    subprocess.run("convert " + name, shell=False)
