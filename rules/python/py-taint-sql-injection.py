from flask import request


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
