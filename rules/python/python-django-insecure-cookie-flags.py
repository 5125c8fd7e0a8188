"""Production settings."""
import os

INSTALLED_APPS = ["django.contrib.sessions", "shop"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]

# ruleid: python-django-insecure-cookie-flags
SESSION_COOKIE_SECURE = False
# ok: python-django-insecure-cookie-flags
CSRF_COOKIE_SECURE = True
# ruleid: python-django-insecure-cookie-flags
SESSION_COOKIE_HTTPONLY = False
# ok: python-django-insecure-cookie-flags
CSRF_COOKIE_HTTPONLY = False
# ok: python-django-insecure-cookie-flags
SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "1") == "1"


class LocalDevelopment:
    # ok: python-django-insecure-cookie-flags
    SESSION_COOKIE_SECURE = False
