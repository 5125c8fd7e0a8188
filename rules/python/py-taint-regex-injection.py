import re

from flask import Flask, request

from app.models import Book

app = Flask(__name__)
TITLES = ["Dune", "Emma", "Ulysses"]


@app.route("/search")
def search():
    term = request.args.get("q", "")
    # ruleid: py-taint-regex-injection
    pattern = re.compile(term, re.IGNORECASE)
    return {"hits": [t for t in TITLES if pattern.search(t)]}


@app.route("/search-literal")
def search_literal():
    term = request.args.get("q", "")
    # ok: py-taint-regex-injection
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    return {"hits": [t for t in TITLES if pattern.search(t)]}


@app.route("/prefix")
def prefix():
    # ruleid: py-taint-regex-injection
    hits = [t for t in TITLES if re.match("^" + request.args["p"], t)]
    # ok: py-taint-regex-injection
    fixed = [t for t in TITLES if re.match(r"^[A-Z]\w+$", t)]
    return {"hits": hits, "fixed": fixed}


def books(request):
    # ok: py-taint-regex-injection
    exact = Book.objects.filter(title__icontains=request.GET["q"])
    # ruleid: py-taint-regex-injection
    return exact, Book.objects.filter(title__regex=request.GET["re"])
