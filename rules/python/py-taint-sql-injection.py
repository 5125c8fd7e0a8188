import sqlite3

import pandas as pd
from django.db import connection
from django.db.models.expressions import RawSQL
from flask import Flask, abort, request
from sqlalchemy import text

from shop.models import Product
from shop.db import engine, get_db

app = Flask(__name__)
SORTS = {"new": "created_at DESC", "cheap": "price ASC"}


@app.route("/search")
def search():
    q = request.args.get("q", "")
    cur = get_db().cursor()
    # ruleid: py-taint-sql-injection
    cur.execute(f"SELECT id, title FROM items WHERE title LIKE '%{q}%'")
    # ok: py-taint-sql-injection
    cur.execute("SELECT id, title FROM items WHERE title LIKE %s", ("%" + q + "%",))
    return {"rows": cur.fetchall()}


@app.route("/orders/<order_id>", methods=["DELETE"])
def delete_order(order_id):
    body = request.get_json()
    stmt = "DELETE FROM orders WHERE id = " + str(body["id"])
    conn = sqlite3.connect("shop.db")
    # ruleid: py-taint-sql-injection
    conn.execute(stmt)
    # ok: py-taint-sql-injection
    conn.execute("DELETE FROM orders WHERE id = ?", (body["id"],))


@app.route("/page")
def page():
    limit = int(request.args.get("limit", "20"))
    with engine.connect() as c:
        # ok: py-taint-sql-injection
        rows = c.execute(text("SELECT * FROM items LIMIT %d" % limit))
    return {"rows": list(rows)}


@app.route("/sorted")
def sorted_items():
    order = request.args.get("order", "new")
    if order not in SORTS:
        abort(400)
    cur = get_db().cursor()
    # ok: py-taint-sql-injection
    cur.execute("SELECT * FROM items ORDER BY " + SORTS[order])
    return {"rows": cur.fetchall()}


@app.route("/report")
def report():
    region = request.args["region"]
    with engine.connect() as c:
        # ruleid: py-taint-sql-injection
        rows = c.execute(text("SELECT * FROM sales WHERE region = '{}'".format(region)))
        # ok: py-taint-sql-injection
        rows2 = c.execute(text("SELECT * FROM sales WHERE region = :r"), {"r": region})
    return {"rows": list(rows) + list(rows2)}


def django_products(request):
    status = request.GET.get("status")
    # ruleid: py-taint-sql-injection
    items = Product.objects.raw("SELECT * FROM shop_product WHERE status = '%s'" % status)
    # ok: py-taint-sql-injection
    items2 = Product.objects.raw("SELECT * FROM shop_product WHERE status = %s", [status])
    # ruleid: py-taint-sql-injection
    annotated = Product.objects.annotate(rank=RawSQL("price * " + request.GET["factor"], []))
    return items, items2, annotated


def django_where(request):
    tag = request.POST["tag"]
    # ruleid: py-taint-sql-injection
    return Product.objects.extra(where=[f"tag = '{tag}'"])


def django_cursor(request):
    name = request.GET["name"]
    with connection.cursor() as cursor:
        # ok: py-taint-sql-injection
        cursor.execute("SELECT * FROM auth_user WHERE username = %s", [name])
        return cursor.fetchone()


def dashboard(day):
    # ok: py-taint-sql-injection
    return pd.read_sql(f"SELECT * FROM events WHERE day = '{day}'", engine)


def frame(request):
    day = request.query_params["day"]
    # ruleid: py-taint-sql-injection
    return pd.read_sql(f"SELECT * FROM events WHERE day = '{day}'", engine)


# cases from the first version of this rule
def search(db):
    name = request.args.get("name")
    query = f"SELECT * FROM users WHERE name = '{name}'"
    # ruleid: py-taint-sql-injection
    db.execute(query)


def order(cursor):
    column = request.args["sort"]
    if column == "":
        column = "id"
    # ruleid: py-taint-sql-injection
    cursor.execute("SELECT * FROM items ORDER BY %s" % column)


def bound(db):
    name = request.args.get("name")
    # ok: py-taint-sql-injection
    db.execute("SELECT * FROM users WHERE name = ?", (name,))


def allow_listed(cursor):
    column = request.args["sort"]
    if column not in ("id", "name", "created"):
        column = "id"
        return
    # ok: py-taint-sql-injection
    cursor.execute("SELECT * FROM items ORDER BY " + column)


def numeric(cursor):
    page = int(request.args.get("page", "1"))
    # ok: py-taint-sql-injection
    cursor.execute("SELECT * FROM items LIMIT 20 OFFSET %d" % (page * 20))
