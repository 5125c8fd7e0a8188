import ssl
import urllib.request

import aiohttp
import httpx
import jwt
import requests

INTERNAL_CA = "/etc/ssl/certs/internal-ca.pem"


def fetch_invoice(url, token):
    # ruleid: python-tls-verification-disabled
    resp = requests.get(url, headers={"Authorization": f"Bearer {token}"}, verify=False)
    # ok: python-tls-verification-disabled
    resp2 = requests.get(url, headers={"Authorization": f"Bearer {token}"}, verify=INTERNAL_CA)
    # ok: python-tls-verification-disabled
    resp3 = requests.get(url, timeout=10)
    return resp.json(), resp2.json(), resp3.json()


def make_client():
    # ruleid: python-tls-verification-disabled
    return httpx.Client(base_url="https://billing.internal", verify=False)


def make_session():
    s = requests.Session()
    # ruleid: python-tls-verification-disabled
    s.verify = False
    return s


def legacy_context():
    ctx = ssl.create_default_context()
    # ruleid: python-tls-verification-disabled
    ctx.check_hostname = False
    # ruleid: python-tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def strict_context():
    ctx = ssl.create_default_context()
    # ok: python-tls-verification-disabled
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: python-tls-verification-disabled
    ctx.check_hostname = True
    return ctx


def open_feed(url):
    # ruleid: python-tls-verification-disabled
    ctx = ssl._create_unverified_context()
    # ok: python-tls-verification-disabled
    good = ssl.create_default_context(cafile=INTERNAL_CA)
    return urllib.request.urlopen(url, context=ctx), urllib.request.urlopen(url, context=good)


async def poll(url):
    async with aiohttp.ClientSession() as session:
        # ruleid: python-tls-verification-disabled
        async with session.get(url, ssl=False) as r:
            return await r.text()


def claims(token):
    # ok: python-tls-verification-disabled
    return jwt.decode(token, "secret", algorithms=["HS256"])
