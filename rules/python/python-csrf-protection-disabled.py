from django.http import JsonResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)
# ruleid: python-csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = False
# ok: python-csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = True


class ProductionConfig:
    # ruleid: python-csrf-protection-disabled
    WTF_CSRF_ENABLED = False


class TestingConfig:
    # ok: python-csrf-protection-disabled
    WTF_CSRF_ENABLED = False


# ruleid: python-csrf-protection-disabled
@csrf_exempt
def change_email(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})


# ok: python-csrf-protection-disabled
@csrf_protect
def change_password(request):
    return JsonResponse({"ok": True})


# ruleid: python-csrf-protection-disabled
@method_decorator(csrf_exempt, name="dispatch")
class TransferView(View):
    def post(self, request):
        return JsonResponse({"ok": True})


# ruleid: python-csrf-protection-disabled
@csrf.exempt
@app.route("/api/settings", methods=["POST"])
def settings_api():
    return {"ok": True}


def hook(request):
    return JsonResponse({})


urlpatterns = [
    # ruleid: python-csrf-protection-disabled
    path("hook/", csrf_exempt(hook)),
    # ok: python-csrf-protection-disabled
    path("email/", change_email),
]


def as_view(view):
    # ok: python-csrf-protection-disabled
    return csrf_exempt(view)
