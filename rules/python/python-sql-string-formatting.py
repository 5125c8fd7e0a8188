import sqlite3

import pandas as pd
from django.db import connection
from flask import Flask, request
from psycopg2 import sql
from sqlalchemy import text

from myapp.db import engine, get_db
from myapp.models import User

app = Flask(__name__)
USERS_TABLE = "users"


@app.route("/users")
def find_user():
    name = request.args["name"]
    db = get_db()
    cur = db.cursor()
    # ruleid: python-sql-string-formatting
    cur.execute(f"SELECT id, email FROM users WHERE name = '{name}'")
    # ok: python-sql-string-formatting
    cur.execute("SELECT id, email FROM users WHERE name = %s", (name,))
    # ok: python-sql-string-formatting
    cur.execute(f"SELECT id, email FROM {USERS_TABLE} WHERE name = %s", (name,))
    return {"rows": cur.fetchall()}


def delete_order(conn: sqlite3.Connection, order_id):
    # ruleid: python-sql-string-formatting
    conn.execute("DELETE FROM orders WHERE id = " + order_id)
    # ok: python-sql-string-formatting
    conn.execute("DELETE FROM orders WHERE id = ?", (order_id,))


def search(term, sort):
    query = "SELECT * FROM products WHERE title LIKE '%%%s%%' ORDER BY %s" % (term, sort)
    with connection.cursor() as cursor:
        # ruleid: python-sql-string-formatting
        cursor.execute(query)
        return cursor.fetchall()


def search_safe(term):
    query = "SELECT * FROM products WHERE title LIKE %s"
    with connection.cursor() as cursor:
        # ok: python-sql-string-formatting
        cursor.execute(query, ["%" + term + "%"])
        return cursor.fetchall()


def by_ids(conn, ids):
    placeholders = ",".join("?" * len(ids))
    # ok: python-sql-string-formatting
    return conn.execute(f"SELECT * FROM items WHERE id IN ({placeholders})", ids).fetchall()


def report(region):
    with engine.connect() as c:
        # ruleid: python-sql-string-formatting
        rows = c.execute(text("SELECT * FROM sales WHERE region = '{}'".format(region)))
        # ok: python-sql-string-formatting
        rows2 = c.execute(text("SELECT * FROM sales WHERE region = :region"), {"region": region})
    return rows, rows2


def raw_users(status):
    # ruleid: python-sql-string-formatting
    return User.objects.raw("SELECT * FROM auth_user WHERE status = '%s'" % status)


def frame(conn, day):
    # ruleid: python-sql-string-formatting
    return pd.read_sql(f"SELECT * FROM events WHERE day = '{day}'", conn)


def rename(cur, table, new_name):
    # ok: python-sql-string-formatting
    cur.execute(sql.SQL("ALTER TABLE {} RENAME TO {}").format(sql.Identifier(table), sql.Identifier(new_name)))


def filtered(cur, status, limit):
    stmt = "SELECT * FROM jobs WHERE 1=1"
    stmt += f" AND status = '{status}'"
    # ruleid: python-sql-string-formatting
    cur.execute(stmt)
    # ok: python-sql-string-formatting
    cur.execute("UPDATE jobs SET attempts = attempts + 1 WHERE status = %s", (status,))
