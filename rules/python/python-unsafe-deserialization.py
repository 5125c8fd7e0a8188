import base64
import json
import marshal
import os
import pickle
import shelve

import dill
import numpy as np
import pandas as pd
import torch
from flask import Flask, request

app = Flask(__name__)


@app.route("/cart")
def cart():
    raw = request.cookies.get("cart", "")
    # ruleid: python-unsafe-deserialization
    items = pickle.loads(base64.b64decode(raw))
    # ok: python-unsafe-deserialization
    items_json = json.loads(base64.b64decode(raw))
    return {"items": items, "json": items_json}


@app.post("/upload-model")
def upload_model():
    f = request.files["model"]
    # ruleid: python-unsafe-deserialization
    model = dill.load(f.stream)
    # ruleid: python-unsafe-deserialization
    weights = torch.load(f.stream, map_location="cpu", weights_only=False)
    # ok: python-unsafe-deserialization
    safe_weights = torch.load(f.stream, map_location="cpu", weights_only=True)
    return {"ok": bool(model and weights and safe_weights)}


def load_features(path):
    # ruleid: python-unsafe-deserialization
    arr = np.load(path, allow_pickle=True)
    # ok: python-unsafe-deserialization
    arr2 = np.load(path, allow_pickle=False)
    # ruleid: python-unsafe-deserialization
    frame = pd.read_pickle(path)
    return arr, arr2, frame


def load_code(blob):
    # ruleid: python-unsafe-deserialization
    return marshal.loads(blob)


def save_cache(obj, path):
    with open(path, "wb") as fh:
        # ok: python-unsafe-deserialization
        pickle.dump(obj, fh)
    # ok: python-unsafe-deserialization
    return pickle.dumps(obj)


def open_user_store(upload_dir, name):
    # ruleid: python-unsafe-deserialization
    db = shelve.open(os.path.join(upload_dir, name))
    # ok: python-unsafe-deserialization
    cache = shelve.open("/var/cache/app/index")
    return db, cache
