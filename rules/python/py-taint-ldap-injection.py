import re

import ldap
import ldap3
from flask import Flask, request
from ldap.filter import escape_filter_chars, filter_format

app = Flask(__name__)
BASE = "ou=people,dc=example,dc=com"


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    conn = ldap.initialize("ldap://ldap.example.com")
    # ruleid: py-taint-ldap-injection
    found = conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(&(uid={user})(objectClass=person))")
    # ok: py-taint-ldap-injection
    safe = conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(&(uid={escape_filter_chars(user)})(objectClass=person))")
    # ok: py-taint-ldap-injection
    also_safe = conn.search_s(BASE, ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [user]))
    return {"n": len(found) + len(safe) + len(also_safe)}


@app.route("/directory")
def directory():
    name = request.args.get("q", "")
    search_filter = "(cn=" + name + "*)"
    server = ldap3.Server("ldap.example.com")
    with ldap3.Connection(server, auto_bind=True) as c:
        # ruleid: py-taint-ldap-injection
        c.search(BASE, search_filter, attributes=["cn", "mail"])
        return {"entries": [e.entry_to_json() for e in c.entries]}


@app.route("/groups")
def groups():
    group = request.args["group"]
    ldap_conn = ldap3.Connection("ldap.example.com", auto_bind=True)
    # ok: py-taint-ldap-injection
    ldap_conn.search(BASE, "(objectClass=groupOfNames)", attributes=["cn"])
    # ruleid: py-taint-ldap-injection
    ldap_conn.search(search_base=BASE, search_filter="(cn=%s)" % group)
    return {"n": len(ldap_conn.entries)}


@app.route("/grep")
def grep():
    needle = request.args["q"]
    # ok: py-taint-ldap-injection
    return {"hit": bool(re.search(needle, "static text"))}
