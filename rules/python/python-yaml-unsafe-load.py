import yaml
from ruamel.yaml import YAML
from yaml import Loader, load

from flask import Flask, request

app = Flask(__name__)


@app.post("/pipeline")
def import_pipeline():
    # ruleid: python-yaml-unsafe-load
    spec = yaml.load(request.data, Loader=yaml.Loader)
    # ok: python-yaml-unsafe-load
    spec_safe = yaml.load(request.data, Loader=yaml.SafeLoader)
    # ok: python-yaml-unsafe-load
    spec_safe2 = yaml.safe_load(request.data)
    return {"spec": spec, "safe": spec_safe, "safe2": spec_safe2}


def read_config(path):
    with open(path) as fh:
        # ruleid: python-yaml-unsafe-load
        return yaml.load(fh)


def read_all(stream):
    # ruleid: python-yaml-unsafe-load
    docs = list(yaml.unsafe_load_all(stream))
    # ruleid: python-yaml-unsafe-load
    first = load(stream, Loader=Loader)
    # ok: python-yaml-unsafe-load
    rest = list(yaml.load_all(stream, yaml.CSafeLoader))
    return docs, first, rest


def ruamel_read(text):
    # ruleid: python-yaml-unsafe-load
    unsafe = YAML(typ="unsafe")
    # ok: python-yaml-unsafe-load
    safe = YAML(typ="safe")
    return unsafe.load(text), safe.load(text)
