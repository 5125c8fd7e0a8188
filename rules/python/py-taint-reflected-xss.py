from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: py-taint-reflected-xss
    return f"<h1>Results for {q}</h1>"


@app.route("/search-escaped")
def search_escaped():
    q = request.args.get("q", "")
    # ok: py-taint-reflected-xss
    return f"<h1>Results for {escape(q)}</h1>"


@app.route("/search-template")
def search_template():
    # ok: py-taint-reflected-xss
    return render_template("search.html", q=request.args.get("q", ""))


@app.route("/api/echo")
def echo_json():
    # ok: py-taint-reflected-xss
    return jsonify(q=request.args.get("q", ""))


@app.route("/hello")
def hello():
    name = request.args["name"]
    # ruleid: py-taint-reflected-xss
    resp = make_response("<p>Hello " + name + "</p>")
    return resp


@app.route("/banner")
def banner():
    # ruleid: py-taint-reflected-xss
    html = Markup("<b>%s</b>" % request.cookies.get("motd", ""))
    return render_template("page.html", banner=html)


def django_greet(request):
    who = request.GET.get("who", "")
    # ruleid: py-taint-reflected-xss
    return HttpResponse("<p>Hi " + who + "</p>")


def django_greet_plain(request):
    who = request.GET.get("who", "")
    # ok: py-taint-reflected-xss
    return HttpResponse("Hi " + who, content_type="text/plain")


def django_greet_json(request):
    # ok: py-taint-reflected-xss
    return JsonResponse({"who": request.GET.get("who", "")})


def django_greet_escaped(request):
    # ok: py-taint-reflected-xss
    return HttpResponse("<p>Hi " + escape(request.GET.get("who", "")) + "</p>")


def drf_echo(request):
    from rest_framework.response import Response
    # ok: py-taint-reflected-xss
    return Response({"echo": request.data.get("msg")}, status=201)
