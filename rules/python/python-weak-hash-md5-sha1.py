import hashlib
import hmac
from hashlib import md5

from Crypto.Hash import SHA


def sign_payload(secret: bytes, payload: bytes) -> str:
    # ruleid: python-weak-hash-md5-sha1
    return hashlib.md5(secret + payload).hexdigest()


def sign_payload_hmac(secret: bytes, payload: bytes) -> str:
    # ok: python-weak-hash-md5-sha1
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


def file_fingerprint(path):
    # ruleid: python-weak-hash-md5-sha1
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


def etag(body: bytes) -> str:
    # ok: python-weak-hash-md5-sha1
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def upload_id(data: bytes) -> str:
    # ruleid: python-weak-hash-md5-sha1
    legacy = md5(data).hexdigest()
    # ruleid: python-weak-hash-md5-sha1
    other = hashlib.new("sha1", data).hexdigest()
    # ok: python-weak-hash-md5-sha1
    modern = hashlib.new("sha256", data).hexdigest()
    # ok: python-weak-hash-md5-sha1
    strong = hashlib.sha256(data).hexdigest()
    return legacy + other + modern + strong


def verify_document(doc: bytes):
    # ruleid: python-weak-hash-md5-sha1
    return SHA.new(doc)
