import asyncio
import os
import shlex
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    cmd = "ping -c 1 " + host
    # ruleid: py-taint-command-injection
    os.system(cmd)


@app.route("/ping2")
def ping_quoted():
    host = request.args.get("host", "")
    cmd = f"ping -c 1 {shlex.quote(host)}"
    # ok: py-taint-command-injection
    os.system(cmd)


@app.route("/ping3")
def ping_checked():
    host = request.args.get("host", "")
    if not is_valid_host(host):
        abort(400)
    # ok: py-taint-command-injection
    subprocess.run("ping -c 1 " + host, shell=True)


@app.route("/ping4")
def ping_unchecked():
    host = request.args.get("host", "")
    if not host:
        abort(400)
    # ruleid: py-taint-command-injection
    subprocess.run("ping -c 1 " + host, shell=True)


async def poster(request):
    moment = request.query.get("at", "1")
    # ruleid: py-taint-command-injection
    proc = await asyncio.create_subprocess_shell(f"ffmpeg -ss {moment} -i in.mp4 out.jpg")
    return proc


def backup(paths):
    script = " | ".join(shlex.quote(p) for p in paths)
    # ok: py-taint-command-injection
    subprocess.run(script, shell=True)
