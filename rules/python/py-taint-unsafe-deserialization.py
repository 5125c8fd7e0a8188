import base64
import json
import pickle

import yaml
from flask import Flask, request
from itsdangerous import URLSafeSerializer

app = Flask(__name__)
signer = URLSafeSerializer("secret-key-from-config")


@app.route("/prefs")
def prefs():
    raw = request.cookies.get("prefs", "")
    # ruleid: py-taint-unsafe-deserialization
    data = pickle.loads(base64.b64decode(raw))
    return {"theme": data.get("theme")}


@app.route("/prefs-json")
def prefs_json():
    # ok: py-taint-unsafe-deserialization
    data = json.loads(base64.b64decode(request.cookies.get("prefs", "e30=")))
    return {"theme": data.get("theme")}


@app.route("/prefs-signed")
def prefs_signed():
    # ok: py-taint-unsafe-deserialization
    data = signer.loads(request.cookies.get("prefs", ""))
    return {"theme": data.get("theme")}


@app.route("/import", methods=["POST"])
def import_config():
    body = request.get_data()
    # ruleid: py-taint-unsafe-deserialization
    cfg = yaml.load(body, Loader=yaml.Loader)
    # ok: py-taint-unsafe-deserialization
    cfg2 = yaml.load(body, Loader=yaml.SafeLoader)
    return {"keys": list(cfg) + list(cfg2)}


def load_cache(path):
    with open(path, "rb") as fh:
        # ok: py-taint-unsafe-deserialization
        return pickle.load(fh)
