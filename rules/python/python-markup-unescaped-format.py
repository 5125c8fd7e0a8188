from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from flask import Flask, request
from markupsafe import Markup

app = Flask(__name__)


def user_badge(user):
    # ruleid: python-markup-unescaped-format
    return Markup(f"<span class='badge'>{user.nickname}</span>")


def user_badge_safe(user):
    # ok: python-markup-unescaped-format
    return Markup("<span class='badge'>{}</span>").format(user.nickname)


def user_badge_safe2(user):
    # ok: python-markup-unescaped-format
    return Markup("<span class='badge'>%s</span>") % user.nickname


@app.route("/search")
def search():
    term = request.args.get("q", "")
    # ruleid: python-markup-unescaped-format
    heading = Markup("<h2>Results for " + term + "</h2>")
    return str(heading)


def comment_html(comment):
    # ruleid: python-markup-unescaped-format
    return mark_safe("<p class='comment'>%s</p>" % comment.body)


def comment_html_safe(comment):
    # ok: python-markup-unescaped-format
    return mark_safe("<p class='comment'>%s</p>" % escape(comment.body))


def link(url, label):
    # ok: python-markup-unescaped-format
    return format_html('<a href="{}">{}</a>', url, label)


def icon():
    # ok: python-markup-unescaped-format
    return mark_safe('<i class="icon-ok"></i>')
