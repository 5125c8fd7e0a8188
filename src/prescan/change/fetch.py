"""--fetch-base: deepen a shallow clone (a CI checkout made with `--depth 1`)
until the base revision and its merge-base with the head are present."""
from __future__ import annotations

from prescan.change.git import Repo, try_commit
from prescan.errors import GitError

DEEPEN_STEPS = (50, 200, 1000, 5000)      # then --unshallow
# transports a fetch may use: not ext:: (runs a command), nor git:// (core.gitProxy runs one)
FETCH_PROTOCOLS = "file:http:https:ssh"
# repository config that could start a program during a fetch, pinned
FETCH_CONFIG = ("core.sshCommand=ssh", "credential.helper=", "core.askPass=", "gc.auto=0",
                "maintenance.auto=false", "fetch.recurseSubmodules=false", "fetch.writeCommitGraph=false",
                "submodule.recurse=false")


def fetch_base(repo: Repo, base: str | None, head: str, default_base) -> str | None:
    """Fetch what a diff of base...head needs; returns the name to use for the
    base (a branch `main` the clone lacks is fetched as `origin/main`).
    default_base(repo) -> (name, commit) names the base when none is given.
    Does nothing in a full clone."""
    if not repo.shallow:
        return base
    remote = _remote(repo)
    if base is not None and try_commit(repo, base) is None:
        _fetch_named(repo, remote, base)
        tracking = f"{remote}/{base.removeprefix(f'{remote}/')}"
        if try_commit(repo, base) is None and try_commit(repo, tracking) is not None:
            base = tracking
    base_commit = try_commit(repo, base) if base is not None else default_base(repo)[1]
    head_commit = try_commit(repo, head)
    if base_commit is None or head_commit is None:
        return base                     # the usual unknown-revision error follows, with its hint
    for step in DEEPEN_STEPS:
        if _has_merge_base(repo, base_commit, head_commit):
            return base
        _fetch(repo, f"--deepen={step}", remote)
    if not _has_merge_base(repo, base_commit, head_commit):
        _fetch(repo, "--unshallow", remote)
    return base


def _remote(repo: Repo) -> str:
    names = repo.git.run("remote").decode().split()
    if "origin" in names:
        return "origin"
    if len(names) == 1:
        return names[0]
    raise GitError("--fetch-base needs a remote to fetch from", path=repo.root,
                   detail=f"remotes: {', '.join(names) or 'none'}", hint="add one named origin")


def _fetch_named(repo: Repo, remote: str, base: str) -> None:
    """A base the clone lacks entirely: a branch of the remote, else a commit id or tag."""
    name = base.removeprefix(f"{remote}/")
    if not name or name.startswith("-") or any(c in name for c in " \t\n\0~^:?*[\\"):
        return
    if not _fetch(repo, "--depth=50", remote, f"+refs/heads/{name}:refs/remotes/{remote}/{name}", check=False):
        _fetch(repo, "--depth=50", remote, name, check=False)


def _fetch(repo: Repo, *args: str, check: bool = True) -> bool:
    git = repo.git.with_env(GIT_ALLOW_PROTOCOL=FETCH_PROTOCOLS)
    config = [x for pair in FETCH_CONFIG for x in ("-c", pair)]
    code, _, err = git.run_status(*config, "fetch", "--quiet", "--no-tags", "--upload-pack=git-upload-pack",
                                  *args, ok=(0, 1, 128))
    if code != 0 and check:
        line = next((ln.strip() for ln in err.splitlines() if ln.strip().startswith(("fatal:", "error:"))),
                    err.strip().splitlines()[0] if err.strip() else "no message")
        raise GitError("--fetch-base could not fetch the base's history", path=repo.root,
                       detail=line.removeprefix("fatal: ").removeprefix("error: "),
                       hint="fetch it yourself (git fetch --unshallow) and re-run without --fetch-base")
    return code == 0


def _has_merge_base(repo: Repo, a: str, b: str) -> bool:
    code, out, _ = repo.git.run_status("merge-base", a, b, ok=(0, 1))
    return code == 0 and bool(out.strip())
