import requests
import httpx
from urllib.parse import quote
from urllib.request import urlopen
from flask import request


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
