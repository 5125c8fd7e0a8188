"""Django settings for the shop project."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False

# ruleid: python-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["shop.example.com", "*"]

INSTALLED_APPS = ["django.contrib.auth", "shop"]
ROOT_URLCONF = "shop.urls"

if os.environ.get("STAGING"):
    # ok: python-django-allowed-hosts-wildcard
    ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")


class Config:
    # ok: python-django-allowed-hosts-wildcard
    ALLOWED_HOSTS = ["*"]
    TESTING = True


def hosts():
    # ok: python-django-allowed-hosts-wildcard
    ALLOWED_HOSTS = ["*.example.com"]
    return ALLOWED_HOSTS
