import ast
import builtins
import json

from flask import Flask, request

app = Flask(__name__)

OPERATIONS = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    # ruleid: python-eval-exec-injection
    value = eval(expr)
    # ok: python-eval-exec-injection
    literal = ast.literal_eval(expr)
    return {"value": value, "literal": literal}


@app.post("/hook")
def run_hook():
    body = request.get_json()
    namespace = {"__builtins__": {}}
    # ruleid: python-eval-exec-injection
    exec(f"result = {body['formula']}", namespace)
    return {"result": namespace.get("result")}


def apply_filter(rows, field, op, value):
    # ruleid: python-eval-exec-injection
    return [r for r in rows if builtins.eval("r[%r] %s %r" % (field, op, value), {"r": r})]


def compute(name, a, b):
    # ok: python-eval-exec-injection
    return OPERATIONS[name](a, b)


def load_settings(text):
    # ok: python-eval-exec-injection
    return json.loads(text)


def read_version(path):
    scope = {}
    # ok: python-eval-exec-injection
    exec(open(path).read(), scope)
    # ok: python-eval-exec-injection
    exec("import sys; sys.setrecursionlimit(5000)")
    return scope["__version__"]


class Model:
    def eval(self, batch):
        return batch

    def predict(self, batch):
        # ok: python-eval-exec-injection
        return self.eval(batch)
