"""The --store option shared by scan, diff and history, and where the store
is when it is not given: .prescan/ at the root of the git work tree."""
from __future__ import annotations

import os
import re

import click

from prescan.errors import UsageError
from prescan.store.location import STORE_DIR, Location

ENV = "PRESCAN_STORE"


def store_option(fn):
    return click.option("--store", "store_uri", metavar="URI", envvar=ENV,
                        help="Result store: a folder or a pyarrow filesystem URI (s3://..., gs://...). "
                             f"Default: {STORE_DIR}/ at the repository root (also ${ENV}).")(fn)


def repository(repo_dir: str | None):
    """The git work tree around repo_dir, or None."""
    from prescan.change.git import find_repo
    return find_repo(repo_dir)


def locate(store_uri: str | None, repo_dir: str | None, *, required: bool) -> Location | None:
    """The store to use; None (when not required) outside a git work tree."""
    if store_uri:
        return Location.open(store_uri)
    repo = repository(repo_dir)
    if repo is None:
        if required:
            raise UsageError("no result store: not inside a git work tree", path=repo_dir or os.getcwd(),
                             hint="run in a repository or pass --store URI")
        return None
    return Location.open(os.path.join(repo.root, STORE_DIR))


def existing(store_uri: str | None, repo_dir: str | None) -> Location:
    """The store for commands that only read it: it must exist."""
    loc = locate(store_uri, repo_dir, required=True)
    if not loc.exists():
        raise UsageError("the result store does not exist yet", path=loc.display,
                         hint="record scans with `prescan scan --all --release NAME` first")
    return loc


def repository_name(repo) -> str:
    """The origin remote's URL without credentials, else the work tree's path."""
    if repo is None:
        return ""
    code, out, _ = repo.git.run_status("config", "--get", "remote.origin.url", ok=(0, 1))
    url = os.fsdecode(out.strip()) if code == 0 else ""
    return re.sub(r"//[^/@]*@", "//", url) if url else repo.root
