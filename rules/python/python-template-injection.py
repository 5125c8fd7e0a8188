from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

app = Flask(__name__)
env = Environment(autoescape=select_autoescape())

GREETING = "<h1>Hello {{ name }}</h1>"


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    # ruleid: python-template-injection
    return render_template_string("<h1>Hello %s</h1>" % name)


@app.route("/hello2")
def hello2():
    name = request.args.get("name", "guest")
    # ok: python-template-injection
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)


@app.route("/hello3")
def hello3():
    # ok: python-template-injection
    return render_template_string(GREETING, name=request.args.get("name"))


@app.route("/page")
def page():
    # ok: python-template-injection
    return render_template("page.html", title=request.args.get("title"))


def render_signature(user):
    # ruleid: python-template-injection
    tpl = Template(f"Regards, {user.display_name}\n{{{{ company }}}}")
    return tpl.render(company="ACME")


def preview_email(body_source, context):
    # ruleid: python-template-injection
    return env.from_string(body_source).render(**context)


def preview_email_sandboxed(body_source, context):
    sandbox_env = SandboxedEnvironment(autoescape=True)
    # ok: python-template-injection
    return sandbox_env.from_string(body_source).render(**context)
