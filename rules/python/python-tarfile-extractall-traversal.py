import os
import tarfile
import tempfile

import requests

IMPORT_DIR = "/srv/imports"


def import_bundle(upload_path):
    with tarfile.open(upload_path, "r:gz") as tar:
        # ruleid: python-tarfile-extractall-traversal
        tar.extractall(IMPORT_DIR)


def import_bundle_safe(upload_path):
    with tarfile.open(upload_path, "r:gz") as tar:
        # ok: python-tarfile-extractall-traversal
        tar.extractall(IMPORT_DIR, filter="data")


def fetch_plugin(url):
    resp = requests.get(url, timeout=30)
    tmp = tempfile.NamedTemporaryFile(suffix=".tar", delete=False)
    tmp.write(resp.content)
    tmp.close()
    archive = tarfile.open(tmp.name)
    # ruleid: python-tarfile-extractall-traversal
    archive.extractall(path=os.path.join(IMPORT_DIR, "plugins"))
    archive.close()


def _within(base, member):
    target = os.path.realpath(os.path.join(base, member.name))
    return os.path.commonpath([base, target]) == base and not (member.issym() or member.islnk())


def fetch_plugin_checked(path):
    archive = tarfile.open(path)
    # ok: python-tarfile-extractall-traversal
    archive.extractall(IMPORT_DIR, members=[m for m in archive.getmembers() if _within(IMPORT_DIR, m)])


def quick(path):
    # ruleid: python-tarfile-extractall-traversal
    tarfile.open(path).extractall("/tmp/quick")
