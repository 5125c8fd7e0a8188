"""Where a scan's policy comes from. The gate is configured by the revision
the change is measured against (the base), never by the change under review:
a diff scan reads the policy of its base and compares the head's with it; a
full scan reads the scanned tree's own; an explicit --policy FILE is the
operator's and is read from disk."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from prescan.errors import ConfigError, UsageError
from prescan.policy.config import DEFAULT, Policy, PolicyWarning, parse_policy

POLICY_FILE = ".prescan.toml"
PYPROJECT = "pyproject.toml"
NAMES = (POLICY_FILE, PYPROJECT)
MAX_POLICY_BYTES = 1 << 20


@dataclass(frozen=True)
class PolicySide:
    """The policy files of one revision, and the policy they make."""
    texts: dict                              # name -> bytes | None (absent)
    policy: Policy | None                    # None: the head's files do not parse (error says why)
    warnings: tuple[PolicyWarning, ...] = ()
    error: ConfigError | None = None


@dataclass(frozen=True)
class PolicyView:
    applied: Policy
    warnings: tuple[PolicyWarning, ...] = ()
    base: PolicySide | None = None           # diff scans: the two sides, to report what changed
    head: PolicySide | None = None
    explicit: bool = False
    notes: tuple[str, ...] = field(default=())


def effective(texts: dict, where: str) -> PolicySide:
    """The policy of one revision's files (.prescan.toml wins over pyproject.toml)."""
    warnings: list[PolicyWarning] = []
    found: list[Policy] = []
    for name in NAMES:
        data = texts.get(name)
        if data is None:
            continue
        if len(data) > MAX_POLICY_BYTES:
            raise ConfigError("policy file too large", path=name, hint="keep it under 1 MB")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError("policy file is not UTF-8 text", path=name) from None
        policy, warns = parse_policy(text, name, pyproject=name == PYPROJECT, source=f"{where}{name}")
        if policy is not None:
            found.append(policy)
            warnings += warns
    if len(found) > 1:
        warnings = [w for w in warnings if w.path == POLICY_FILE]
        warnings.append(PolicyWarning(PYPROJECT, 0, f"[tool.prescan] ignored: {POLICY_FILE} is used "
                                      "(when both exist, .prescan.toml wins)"))
    return PolicySide(texts, found[0] if found else DEFAULT, tuple(warnings))


def _lenient(texts: dict, where: str) -> PolicySide:
    try:
        return effective(texts, where)
    except ConfigError as exc:
        return PolicySide(texts, None, (), exc)


def resolve(spec: str, cs, contents) -> PolicyView:
    """spec: "auto" (from the repository, as above) or the path of a policy file."""
    if spec != "auto":
        return _explicit(spec)
    if cs.mode == "all":
        side = effective(_tree_texts(cs), "")
        return PolicyView(side.policy, side.warnings)
    base_texts = _base_texts(cs, contents)
    try:
        base = effective(base_texts, "base:")
    except ConfigError as exc:
        exc.hint = "; ".join(x for x in (exc.hint, "a diff scan reads the policy of its base revision: fix it "
                                         "there, or pass --policy FILE") if x)
        raise
    head = _lenient(_head_texts(cs, contents, base_texts), "head:")
    warnings = base.warnings
    if head.texts != base.texts:          # the edited file's own slips, for its author
        warnings += tuple(replace(w, message=f"{w.message} (in the change's version, not applied)")
                          for w in head.warnings)
    return PolicyView(base.policy, warnings, base, head)


def _explicit(path: str) -> PolicyView:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        raise UsageError("policy file not found", path=path) from None
    except OSError as exc:
        raise UsageError("cannot read the policy file", detail=exc.strerror or str(exc), path=path) from None
    name = PYPROJECT if os.path.basename(path) == PYPROJECT else POLICY_FILE
    try:
        side = effective({name: data}, "")
    except ConfigError as exc:          # name the file given, not its role
        exc.path = path
        raise
    policy = replace(side.policy, source=path, file=path)
    warnings = tuple(replace(w, path=path) for w in side.warnings)
    return PolicyView(policy, warnings, explicit=True)


def _git(cs):
    from prescan.change.git import find_repo
    return find_repo(cs.repo_root) if cs.repo_root else None


def read_at(repo, rev: str, name: str) -> bytes | None:
    """A file of a commit's tree, or None when the tree has no such file."""
    code, out, _ = repo.git.run_status("cat-file", "blob", f"{rev}:{name}", ok=(0, 128))
    return out if code == 0 else None


def _disk(root: str, name: str) -> bytes | None:
    from prescan.change.worktree import read_entry
    entry = read_entry(root, name)
    return entry.data if entry is not None and entry.kind == "file" else None


def _tree_texts(cs) -> dict:
    if cs.head:
        repo = _git(cs)
        return {n: read_at(repo, cs.head, n) for n in NAMES}
    return {n: _disk(cs.repo_root or os.curdir, n) for n in NAMES}


def _base_texts(cs, contents) -> dict:
    out: dict = {}
    unchanged = []
    for name in NAMES:
        old = next((fc for fc in cs.files if fc.old_path == name), None)
        if old is not None:
            out[name] = contents.old(old)
        elif any(fc.path == name for fc in cs.files):
            out[name] = None                  # the change adds it
        else:
            unchanged.append(name)
    if unchanged:
        rev, repo = cs.base, _git(cs) if cs.repo_root else None
        if rev is None and cs.mode == "patch" and repo is not None:
            from prescan.change.git import try_commit
            rev = try_commit(repo, "HEAD")    # a patch applies to the checkout's commit
        for name in unchanged:
            if rev is not None and repo is not None:
                out[name] = read_at(repo, rev, name)
            elif cs.mode == "patch":
                out[name] = _disk(cs.repo_root or os.curdir, name)
            else:
                out[name] = None              # no commit yet: there is no base policy
    return out


def _head_texts(cs, contents, base_texts: dict) -> dict:
    out = {}
    for name in NAMES:
        new = next((fc for fc in cs.files if fc.path == name), None)
        if new is not None:
            out[name] = contents.new(new)
        elif any(fc.old_path == name for fc in cs.files):
            out[name] = None                  # deleted (or renamed away) by the change
        else:
            out[name] = base_texts.get(name)
    return out
