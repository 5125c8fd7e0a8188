from flask import Flask, request

from app.forms import ProfileForm
from app.models import User, db

app = Flask(__name__)
EDITABLE = {"name", "email", "bio"}


@app.route("/signup", methods=["POST"])
def signup():
    # ruleid: py-taint-mass-assignment
    user = User(**request.get_json())
    db.session.add(user)
    db.session.commit()
    return {"id": user.id}


@app.route("/signup-safe", methods=["POST"])
def signup_safe():
    data = request.get_json()
    # ok: py-taint-mass-assignment
    user = User(name=data["name"], email=data["email"])
    db.session.add(user)
    return {"id": user.id}


@app.route("/me", methods=["PATCH"])
def update_me():
    user = current_user()
    for key, value in request.json.items():
        # ruleid: py-taint-mass-assignment
        setattr(user, key, value)
    db.session.commit()
    return {"ok": True}


@app.route("/me-safe", methods=["PATCH"])
def update_me_safe():
    user = current_user()
    changes = {k: v for k, v in request.json.items() if k in EDITABLE}
    for key, value in changes.items():
        # ok: py-taint-mass-assignment
        setattr(user, key, value)
    return {"ok": True}


def django_profile(request):
    # ruleid: py-taint-mass-assignment
    User.objects.filter(pk=request.user.pk).update(**request.POST.dict())
    form = ProfileForm(request.POST)
    if form.is_valid():
        # ok: py-taint-mass-assignment
        User.objects.filter(pk=request.user.pk).update(**form.cleaned_data)


def rebuild(defaults):
    # ok: py-taint-mass-assignment
    return User(**defaults)


def current_user():
    return User.query.first()
