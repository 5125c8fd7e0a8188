import os
import shutil
import zipfile
from pathlib import Path

from flask import abort, request, send_file
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"


def download():
    name = request.args.get("name", "")
    path = os.path.join(UPLOADS, name)
    # ruleid: py-taint-path-traversal
    return send_file(path)


def download_basename():
    name = os.path.basename(request.args.get("name", ""))
    # ok: py-taint-path-traversal
    return send_file(os.path.join(UPLOADS, name))


def download_contained():
    target = os.path.realpath(os.path.join(UPLOADS, request.args.get("name", "")))
    if os.path.commonpath([UPLOADS, target]) != UPLOADS:
        abort(404)
    # ok: py-taint-path-traversal
    return send_file(target)


def download_exists_only():
    target = os.path.join(UPLOADS, request.args.get("name", ""))
    if not os.path.exists(target):
        abort(404)
    # ruleid: py-taint-path-traversal
    return send_file(target)


def unpack(bundle_path, dest):
    with zipfile.ZipFile(bundle_path) as bundle:
        for info in bundle.infolist():
            target = os.path.realpath(os.path.join(dest, info.filename))
            if info.filename.startswith("/"):
                raise ValueError("absolute entry")
            with bundle.open(info) as src:
                # ruleid: py-taint-path-traversal
                with open(target, "wb") as out:
                    shutil.copyfileobj(src, out)


def unpack_checked(bundle_path, dest):
    with zipfile.ZipFile(bundle_path) as bundle:
        for info in bundle.infolist():
            target = os.path.realpath(os.path.join(dest, info.filename))
            if os.path.commonpath([dest, target]) != dest:
                raise ValueError("entry outside the bundle")
            # ok: py-taint-path-traversal
            with open(target, "wb") as out:
                out.write(bundle.read(info))


def save_upload():
    upload = request.files["doc"]
    # ok: py-taint-path-traversal
    upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))


def report():
    name = request.args.get("report", "")
    # ok: py-taint-path-traversal
    if Path(name).is_absolute():
        abort(400)
    return name


def report_text():
    name = request.args.get("report", "")
    # ruleid: py-taint-path-traversal
    return Path(UPLOADS, "reports", name + ".txt").read_text() + Path(name).read_text()
