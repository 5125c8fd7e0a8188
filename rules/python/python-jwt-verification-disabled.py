import jwt
from flask import Flask, abort, request

app = Flask(__name__)
PUBLIC_KEY = open("/etc/app/jwt.pub").read()


def current_user_unsafe():
    token = request.headers["Authorization"].removeprefix("Bearer ")
    # ruleid: python-jwt-verification-disabled
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def current_user():
    token = request.headers["Authorization"].removeprefix("Bearer ")
    # ok: python-jwt-verification-disabled
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="orders-api")
    return claims["sub"]


def legacy_user(token):
    # ruleid: python-jwt-verification-disabled
    payload = jwt.decode(token, verify=False)
    if payload.get("role") != "admin":
        abort(403)
    return payload


def lenient(token, key):
    # ruleid: python-jwt-verification-disabled
    return jwt.decode(token, key, algorithms=["HS256", "none"])


def key_id(token):
    # ok: python-jwt-verification-disabled
    return jwt.get_unverified_header(token)["kid"]


def strict(token, key):
    # ok: python-jwt-verification-disabled
    return jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True, "require": ["exp"]})
