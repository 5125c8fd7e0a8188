# settings/production.py of a Django project
ALLOWED_HOSTS = ["api.shop.example"]

# ruleid: python-cors-any-origin-with-credentials
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
SESSION_COOKIE_SECURE = True


def flask_app():
    from flask import Flask
    from flask_cors import CORS

    app = Flask(__name__)
    # ruleid: python-cors-any-origin-with-credentials
    CORS(app, supports_credentials=True)
    # ok: python-cors-any-origin-with-credentials
    CORS(app, origins=["https://shop.example"], supports_credentials=True)
    # ok: python-cors-any-origin-with-credentials
    CORS(app)
    return app


def fastapi_app():
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    # ruleid: python-cors-any-origin-with-credentials
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_credentials=True)
    # ok: python-cors-any-origin-with-credentials
    app.add_middleware(CORSMiddleware, allow_origins=["https://shop.example"], allow_credentials=True)
    # ok: python-cors-any-origin-with-credentials
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    return app
