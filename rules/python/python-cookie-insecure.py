from flask import Flask, make_response

app = Flask(__name__)
# ruleid: python-cookie-insecure
app.config["SESSION_COOKIE_SECURE"] = False
# ok: python-cookie-insecure
app.config["SESSION_COOKIE_SECURE"] = True
# ruleid: python-cookie-insecure
app.config.update(SESSION_COOKIE_HTTPONLY=False, SECRET_KEY_FALLBACKS=[])

# Django settings module
# ruleid: python-cookie-insecure
CSRF_COOKIE_SECURE = False
# ok: python-cookie-insecure
SESSION_COOKIE_SECURE = True
# ok: python-cookie-insecure
USE_TZ = False


@app.route("/login", methods=["POST"])
def login():
    resp = make_response("ok")
    # ruleid: python-cookie-insecure
    resp.set_cookie("session_id", new_session())
    # ruleid: python-cookie-insecure
    resp.set_cookie("remember_token", new_session(), secure=True)
    # ok: python-cookie-insecure
    resp.set_cookie("session_id", new_session(), secure=True, httponly=True, samesite="Lax")
    # ok: python-cookie-insecure
    resp.set_cookie("theme", "dark")
    # ruleid: python-cookie-insecure
    resp.set_cookie("theme", "dark", secure=False)
    return resp


def django_view(request, response):
    # ruleid: python-cookie-insecure
    response.set_signed_cookie("auth", request.user.pk, httponly=False, secure=True)
    return response


def new_session():
    return "x"
