from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("users.xml")


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    pw = request.form["password"]
    query = "//user[@name='" + user + "' and @password='" + pw + "']"
    # ruleid: py-taint-xpath-injection
    found = USERS.xpath(query)
    return {"ok": bool(found)}


@app.route("/login-safe", methods=["POST"])
def login_safe():
    # ok: py-taint-xpath-injection
    found = USERS.xpath("//user[@name=$name and @password=$pw]", name=request.form["user"], pw=request.form["password"])
    return {"ok": bool(found)}


@app.route("/book")
def book():
    isbn = request.args.get("isbn", "")
    # ruleid: py-taint-xpath-injection
    find = etree.XPath(f"//book[isbn='{isbn}']/title/text()")
    return {"title": find(USERS)}


@app.route("/count")
def count():
    # ok: py-taint-xpath-injection
    return {"n": USERS.xpath("count(//book)")}
