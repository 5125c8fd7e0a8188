"""The one door to git: runs it so that nothing the scanned repository
configures (hooks, fsmonitor, filters, external diffs, pagers, transports) can execute."""
from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, replace

from prescan.errors import GitError, UsageError

# Config that pins every behaviour able to start a program or change the plumbing
# output we parse. Passed through GIT_CONFIG_COUNT (not `-c`) so that keys such as
# filter driver names containing "=" cannot be mis-split.
SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    ("core.fsmonitor", "false"),          # a hook program run on every index read
    ("core.untrackedCache", "false"),
    ("core.splitIndex", "false"),         # writing our private index must not drop shared files in .git
    ("core.hooksPath", os.devnull),       # post-index-change fires when we write our private index
    ("core.quotePath", "true"),
    ("core.pager", "cat"),
    ("protocol.allow", "never"),          # see also GIT_ALLOW_PROTOCOL below
)

# Variables naming another repository: dropped when the caller names the
# repository explicitly, kept otherwise so that prescan run from a git hook
# (which sets GIT_DIR and GIT_INDEX_FILE) sees what the hook sees.
LOCATION_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_PREFIX",
                  "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE")

NOT_A_REPO = "not a git repository"
SHALLOW_HINT = ("the clone is shallow and lacks that history: fetch it with "
                "`git fetch --deepen=200 origin` (or `git fetch --unshallow`) and re-run, "
                "or let prescan do it with --fetch-base")


def safe_env(*, keep_location: bool, filters: tuple[str, ...] = ()) -> dict[str, str]:
    """The environment for every git child: the user's, minus what could run code."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("GIT_CONFIG_KEY_") or k.startswith("GIT_CONFIG_VALUE_"))}
    # The system and global config are the user's own (safe.directory can only
    # live there), so they stay; only the repository's config is distrusted.
    for var in ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS",
                "GIT_PROXY_COMMAND", "GIT_CONFIG_COUNT"):
        env.pop(var, None)
    if not keep_location:
        for var in LOCATION_VARS:
            env.pop(var, None)
    env.update({
        "GIT_PAGER": "cat", "PAGER": "cat", "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",        # no opportunistic index refresh written back
        # A missing object in a partial clone triggers a fetch from a URL the repo
        # chooses (ext:: runs a command). The first blocks every transport, even
        # against protocol.<name>.allow in the repo; the second (git >= 2.39.4) skips the fetch.
        "GIT_ALLOW_PROTOCOL": "",
        "GIT_NO_LAZY_FETCH": "1",
        "LC_ALL": "C",                    # English messages, matched below
    })
    pairs = list(_inherited_config()) + list(SAFE_CONFIG)
    for name in filters:
        # An empty command disables a driver; required=false keeps git from failing on it.
        pairs += [(f"filter.{name}.clean", ""), (f"filter.{name}.smudge", ""),
                  (f"filter.{name}.process", ""), (f"filter.{name}.required", "false")]
    for i, (key, value) in enumerate(pairs):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    env["GIT_CONFIG_COUNT"] = str(len(pairs))
    return env


def _inherited_config() -> list[tuple[str, str]]:
    # Keep command-level config the user's shell already set; ours is appended and wins.
    try:
        count = int(os.environ.get("GIT_CONFIG_COUNT", "0"))
    except ValueError:
        return []
    return [(os.environ.get(f"GIT_CONFIG_KEY_{i}", ""), os.environ.get(f"GIT_CONFIG_VALUE_{i}", ""))
            for i in range(count) if os.environ.get(f"GIT_CONFIG_KEY_{i}")]


@dataclass(frozen=True)
class Git:
    """A git command line bound to a directory and a safe environment (picklable)."""
    cwd: str
    env: tuple[tuple[str, str], ...]

    def with_env(self, **extra: str) -> Git:
        return replace(self, env=tuple({**dict(self.env), **extra}.items()))

    def run(self, *args: str, input: bytes | None = None, ok: tuple[int, ...] = (0,)) -> bytes:
        return self.run_status(*args, input=input, ok=ok)[1]

    def run_status(self, *args: str, input: bytes | None = None,
                   ok: tuple[int, ...] = (0,)) -> tuple[int, bytes, str]:
        try:
            proc = subprocess.run(["git", "--no-pager", *args], cwd=self.cwd, env=dict(self.env),
                                  input=input, stdin=None if input is not None else subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        except FileNotFoundError:
            raise GitError("git is not installed", hint="install git or put it on PATH") from None
        stderr = proc.stderr.decode("utf-8", "replace")
        if proc.returncode not in ok:
            raise git_failure(args, stderr, self.cwd)
        return proc.returncode, proc.stdout, stderr


def git_failure(args: tuple[str, ...] | list[str], stderr: str, where: str) -> GitError:
    """Turn a failed git command into a one-line GitError."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    message = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[0] if lines else "")
    message = message.removeprefix("fatal: ").removeprefix("error: ")
    if "not a git repository" in message:
        return GitError(NOT_A_REPO, path=where,
                        hint="run prescan inside a git work tree, or pass --patch")
    if "dubious ownership" in stderr:
        return GitError("git refuses a repository owned by another user", path=where,
                        hint=f"if you trust it: git config --global --add safe.directory {where}")
    if "must be run in a work tree" in message:
        return GitError("the repository has no work tree", path=where,
                        hint="pass --base and --head to scan commits of a bare repository")
    return GitError(f"git {args[0] if args else ''} failed", detail=message or "no message", path=where)


@dataclass(frozen=True)
class Repo:
    """What collect() needs to know about one repository."""
    root: str               # absolute work-tree path
    git: Git
    objects_dir: str        # absolute path of the object store (worktree-aware)
    index_path: str         # absolute path of the index file
    shallow: bool
    algo: str               # "sha1" or "sha256"
    filemode: bool          # core.fileMode: whether the exec bit is tracked
    symlinks: bool          # core.symlinks

    @property
    def null_id(self) -> str:
        return "0" * hashlib.new(self.algo).digest_size * 2

    @property
    def empty_tree(self) -> str:
        return object_id(b"tree", b"", self.algo)


def open_repo(repo_dir: str | None) -> Repo:
    """Find the work tree containing repo_dir (default: the current directory)."""
    start = os.path.abspath(repo_dir or os.curdir)
    if not os.path.isdir(start):
        raise UsageError("no such directory", path=start)
    git = Git(start, tuple(safe_env(keep_location=repo_dir is None).items()))
    out = git.run("rev-parse", "--show-toplevel", "--git-path", "objects", "--git-path", "index",
                  "--is-shallow-repository", "--show-object-format")
    top, objects, index, shallow, algo = os.fsdecode(out).split("\n")[:5]
    root = os.path.realpath(top)
    # core.worktree in a hostile .git/config could point the "work tree" at any
    # directory of the user's; only accept one that contains where we started.
    user_work_tree = repo_dir is None and "GIT_WORK_TREE" in os.environ
    if not user_work_tree and os.path.commonpath([root, os.path.realpath(start)]) != root:
        raise GitError("the repository's work tree lies outside the directory given", path=start,
                       detail=f"core.worktree points to {top}")
    config = _read_config(git)
    git = Git(root, tuple(safe_env(keep_location=repo_dir is None,
                                   filters=tuple(sorted(config["filters"]))).items()))
    return Repo(root=root, git=git, objects_dir=os.path.join(start, objects),
                index_path=os.path.join(start, index), shallow=shallow == "true",
                algo=algo if algo in ("sha1", "sha256") else "sha1",
                filemode=config.get("core.filemode", "true") != "false",
                symlinks=config.get("core.symlinks", "true") != "false")


def find_repo(repo_dir: str | None) -> Repo | None:
    """Like open_repo, but None when the directory is not inside a git work tree."""
    try:
        return open_repo(repo_dir)
    except GitError as exc:
        if exc.title == NOT_A_REPO:
            return None
        raise


def _read_config(git: Git) -> dict:
    code, out, _ = git.run_status(
        "config", "-z", "--get-regexp", r"^(filter\..*\.(clean|smudge|process)|core\.filemode|core\.symlinks)$",
        ok=(0, 1))
    found: dict = {"filters": set()}
    for record in out.split(b"\0"):
        if not record:
            continue
        key, _, value = os.fsdecode(record).partition("\n")
        if key.startswith("filter."):
            found["filters"].add(key[len("filter."):].rsplit(".", 1)[0])
        else:
            found[key] = _bool_text(value)
    return found


def _bool_text(value: str) -> str:
    return "false" if value.strip().lower() in ("false", "no", "off", "0") else "true"


def resolve_commit(repo: Repo, rev: str) -> str:
    """The full commit id of a revision, or GitError naming it."""
    if not rev or rev.startswith("-") or "\n" in rev or "\0" in rev:
        raise GitError(f"unknown revision '{rev}'")
    code, out, _ = repo.git.run_status("rev-parse", "-q", "--verify", "--end-of-options",
                                       f"{rev}^{{commit}}", ok=(0, 1, 128))
    if code != 0:
        hint = SHALLOW_HINT if repo.shallow else "check the name with `git log --oneline --all`"
        raise GitError(f"unknown revision '{rev}'", path=repo.root, hint=hint)
    return out.decode().strip()


def try_commit(repo: Repo, rev: str) -> str | None:
    code, out, _ = repo.git.run_status("rev-parse", "-q", "--verify", "--end-of-options",
                                       f"{rev}^{{commit}}", ok=(0, 1, 128))
    return out.decode().strip() if code == 0 else None


def merge_base(repo: Repo, a: str, b: str, names: tuple[str, str]) -> str:
    code, out, _ = repo.git.run_status("merge-base", a, b, ok=(0, 1))
    if code == 0 and out.strip():
        return out.decode().split()[0]
    if repo.shallow:
        raise GitError(f"no merge-base of {names[0]} and {names[1]} in this shallow clone",
                       path=repo.root, hint=SHALLOW_HINT)
    raise GitError(f"{names[0]} and {names[1]} have no common history", path=repo.root,
                   hint="pass a --base that shares history with the head")


def object_id(kind: bytes, data: bytes, algo: str = "sha1") -> str:
    """Git's object id of data, computed here so that no clean filter ever runs."""
    h = hashlib.new(algo)
    h.update(b"%s %d\0" % (kind, len(data)))
    h.update(data)
    return h.hexdigest()


def blob_id(data: bytes, algo: str = "sha1") -> str:
    return object_id(b"blob", data, algo)


class BlobReader:
    """Reads many objects through one `git cat-file --batch` (which never runs filters)."""

    def __init__(self, git: Git) -> None:
        self._git = git
        self._proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self._proc is None:
            try:
                self._proc = subprocess.Popen(
                    ["git", "--no-pager", "cat-file", "--batch"], cwd=self._git.cwd, env=dict(self._git.env),
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except FileNotFoundError:
                raise GitError("git is not installed", hint="install git or put it on PATH") from None
        return self._proc

    def lookup(self, name: str) -> tuple[str, str, bytes] | None:
        """(full id, type, content) of an object named by a full or abbreviated
        hex id; None if missing or ambiguous."""
        if not name or any(c not in "0123456789abcdefABCDEF" for c in name):
            return None
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(name.encode() + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline()
        except (BrokenPipeError, OSError):
            header = b""
        if not header:
            self.close()
            raise GitError("git cat-file stopped unexpectedly", path=self._git.cwd)
        fields = header.split()
        if len(fields) != 3:           # "<name> missing" / "<name> ambiguous"
            return None
        size = int(fields[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)            # the newline after the content
        return fields[0].decode(), fields[1].decode(), data

    def read(self, oid: str) -> bytes | None:
        found = self.lookup(oid)
        return found[2] if found and found[1] == "blob" else None

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()       # type: ignore[union-attr]
                except OSError:
                    pass
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
