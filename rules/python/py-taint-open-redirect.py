from urllib.parse import urlparse

from django.http import HttpResponseRedirect
from django import shortcuts
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, abort, redirect, request, url_for
from starlette.responses import RedirectResponse

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    target = request.args.get("next", "/")
    # ruleid: py-taint-open-redirect
    return redirect(target)


@app.route("/login-checked", methods=["POST"])
def login_checked():
    target = request.args.get("next", "/")
    if urlparse(target).netloc:
        abort(400)
    # ok: py-taint-open-redirect
    return redirect(target)


@app.route("/go")
def go():
    # ok: py-taint-open-redirect
    return redirect(url_for("orders", page=request.args.get("page")))


@app.route("/profile")
def profile():
    uid = request.args["uid"]
    # ok: py-taint-open-redirect
    return redirect("/users/" + uid)


def django_login(request):
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        # ok: py-taint-open-redirect
        return HttpResponseRedirect(nxt)
    # ruleid: py-taint-open-redirect
    return HttpResponseRedirect(request.POST.get("fallback"))


def django_back(request):
    # ruleid: py-taint-open-redirect
    return shortcuts.redirect(request.META.get("HTTP_REFERER"))


async def starlette_cb(request):
    back = request.query_params.get("return_to")
    # ruleid: py-taint-open-redirect
    return RedirectResponse(url=back)


def django_login_guarded(request):
    nxt = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/"
    # ok: py-taint-open-redirect
    return HttpResponseRedirect(nxt)


def legacy(request, response):
    # ruleid: py-taint-open-redirect
    response["Location"] = request.GET["to"]
    return response
