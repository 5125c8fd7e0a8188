import json

from bson import ObjectId
from flask import Flask, abort, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["shop"]


@app.route("/login", methods=["POST"])
def login():
    body = request.get_json()
    # ruleid: py-taint-nosql-injection
    user = db.users.find_one({"email": body["email"], "password_hash": body["password"]})
    return {"ok": user is not None}


@app.route("/login-safe", methods=["POST"])
def login_safe():
    body = request.get_json()
    # ok: py-taint-nosql-injection
    user = db.users.find_one({"email": str(body["email"])})
    return {"ok": user is not None}


@app.route("/orders/search", methods=["POST"])
def search_orders():
    # ruleid: py-taint-nosql-injection
    return {"n": db.orders.count_documents(request.json)}


@app.route("/orders/<oid>")
def order(oid):
    # ok: py-taint-nosql-injection
    return db.orders.find_one({"_id": ObjectId(request.json["id"])})


@app.route("/products/filter", methods=["POST"])
def product_filter():
    data = json.loads(request.data)
    expr = "this.price < " + data["max"]
    # ruleid: py-taint-nosql-injection
    return list(db.products.find({"$where": expr}))


@app.route("/products/recent")
def recent():
    # ok: py-taint-nosql-injection
    return list(db.products.find({"created": {"$gt": 0}}).limit(10))


def delete_stale(days):
    # ok: py-taint-nosql-injection
    db.sessions.delete_many({"age": {"$gt": days}})
