import asyncio
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify(status="ok")


def create_app():
    application = Flask("orders")
    # ruleid: python-flask-debug-enabled
    application.config["DEBUG"] = True
    # ok: python-flask-debug-enabled
    application.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"
    return application


async def warmup():
    await asyncio.sleep(0)


def dev():
    # ok: python-flask-debug-enabled
    asyncio.run(warmup(), debug=True)
    # ok: python-flask-debug-enabled
    app.run(host="127.0.0.1", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")


if __name__ == "__main__":
    # ruleid: python-flask-debug-enabled
    app.run(host="0.0.0.0", port=8080, debug=True)
