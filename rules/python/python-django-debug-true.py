"""Django settings for the shop project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# ruleid: python-django-debug-true
DEBUG = True

ALLOWED_HOSTS = ["shop.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "shop",
]

ROOT_URLCONF = "shop.urls"


class TestSettings:
    # ok: python-django-debug-true
    DEBUG = True
    TESTING = True


def configure(settings):
    # ok: python-django-debug-true
    DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
    settings.DEBUG = DEBUG
