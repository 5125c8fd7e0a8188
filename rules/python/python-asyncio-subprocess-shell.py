import asyncio
import shlex

from aiohttp import web


async def transcode(request: web.Request) -> web.Response:
    data = await request.post()
    src = data["source"]
    # ruleid: python-asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(f"ffmpeg -y -i {src} /srv/out/result.mp4")
    await proc.wait()
    # ok: python-asyncio-subprocess-shell
    proc2 = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", src, "/srv/out/result.mp4")
    await proc2.wait()
    return web.json_response({"rc": proc.returncode, "rc2": proc2.returncode})


async def archive(name):
    # ok: python-asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell("tar czf /backup/" + shlex.quote(name) + ".tgz /data")
    return await proc.wait()


async def run_job(job):
    cmd = job["command"] + " --verbose"
    # ruleid: python-asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out


async def archive_quoted(name):
    cmd = "tar czf /backup/%s.tgz /data" % shlex.quote(name)
    # ok: python-asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(cmd)
    return await proc.wait()


async def uptime():
    # ok: python-asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell("uptime | cut -d, -f1", stdout=asyncio.subprocess.PIPE)
    return (await proc.communicate())[0]


class Probe(asyncio.SubprocessProtocol):
    pass


async def ping(host):
    loop = asyncio.get_running_loop()
    # ruleid: python-asyncio-subprocess-shell
    transport, _ = await loop.subprocess_shell(Probe, "ping -c 1 %s" % host)
    return transport
