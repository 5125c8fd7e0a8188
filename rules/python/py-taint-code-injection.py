import ast

from flask import Flask, request

app = Flask(__name__)
OPERATIONS = {"sum": sum, "max": max, "min": min}


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    # ruleid: py-taint-code-injection
    return {"result": eval(expr)}


@app.route("/calc-literal")
def calc_literal():
    # ok: py-taint-code-injection
    values = ast.literal_eval(request.args.get("values", "[]"))
    op = OPERATIONS.get(request.args.get("op", "sum"), sum)
    return {"result": op(values)}


@app.route("/hook", methods=["POST"])
def hook():
    code = request.get_json()["code"]
    # ruleid: py-taint-code-injection
    exec(compile(code, "<hook>", "exec"), {})
    return "", 204


def render_formula(formula):
    # ok: py-taint-code-injection
    return eval(formula, {"__builtins__": {}})
