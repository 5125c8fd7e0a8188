from urllib.parse import quote, urlparse
from urllib.request import urlopen

import httpx
import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}
session = requests.Session()


@app.route("/preview")
def preview():
    url = request.args.get("url", "")
    # ruleid: py-taint-ssrf
    r = requests.get(url, timeout=5)
    return r.text


@app.route("/preview-checked")
def preview_checked():
    url = request.args.get("url", "")
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    # ok: py-taint-ssrf
    r = requests.get(url, timeout=5)
    return r.text


@app.route("/user/<uid>")
def user_profile(uid):
    uid = request.args.get("id", "")
    # ok: py-taint-ssrf
    r = requests.get(f"https://api.example.com/users/{quote(uid)}", timeout=5)
    return r.json()


@app.route("/webhook", methods=["POST"])
def register_webhook():
    target = request.get_json()["callback"]
    # ruleid: py-taint-ssrf
    session.post(target, json={"hello": "world"})
    # ruleid: py-taint-ssrf
    requests.request("POST", target, json={"ping": True})
    return "", 204


@app.route("/fetch")
def fetch_raw():
    host = request.args["host"]
    # ruleid: py-taint-ssrf
    with urlopen("http://" + host + "/status") as resp:
        return resp.read()


@app.route("/fetch-fixed")
def fetch_fixed():
    # ok: py-taint-ssrf
    with urlopen("https://status.example.com/health") as resp:
        return resp.read()


async def proxy(request):
    dest = request.query_params["dest"]
    async with httpx.AsyncClient() as client:
        # ruleid: py-taint-ssrf
        resp = await client.get(dest)
    return resp.text


def cached_avatar(request):
    key = request.session.get("avatar_key")
    # ok: py-taint-ssrf
    return requests.get("https://avatars.example.com/" + str(key), timeout=3).content


# cases from the first version of this rule
def preview():
    target = request.args.get("url")
    # ruleid: py-taint-ssrf
    return requests.get(target, timeout=3).text


def preview_scheme_checked():
    target = request.args["url"]
    if not target.startswith(("http://", "https://")):
        abort(400)
    # ruleid: py-taint-ssrf
    return urlopen(target).read()


@app.route("/avatar/<path:link>")
def avatar(link):
    # ruleid: py-taint-ssrf
    return httpx.get(link).content


def geocode():
    q = request.args.get("q", "")
    # ok: py-taint-ssrf
    return requests.get("https://geo.example.net/v1/search/" + quote(q)).json()


def allow_listed():
    target = request.args.get("url")
    if target not in PARTNER_FEEDS:
        abort(400)
    # ok: py-taint-ssrf
    return requests.get(target).text


def fixed():
    # ok: py-taint-ssrf
    return requests.get(settings.STATUS_URL).text
