"""The policy file: `.prescan.toml` or `[tool.prescan]` in `pyproject.toml`,
parsed and validated into a frozen Policy (docs/policy.md has the schema)."""
from __future__ import annotations

import difflib
import fnmatch
import tomllib
from dataclasses import dataclass, field

from prescan.errors import ConfigError
from prescan.policy.tomlines import key_line
from prescan.rules.model import CONFIDENCES, SEVERITIES, SEVERITY_RANK

FAIL_ON = (*SEVERITIES, "never")
ADDED_MODES = ("info", "block")
SELECTOR_KINDS = ("language", "tag", "cwe", "category")


@dataclass(frozen=True)
class PathRule:
    """`[[paths]]`: settings for the files matching `glob`."""
    glob: str
    severity_offset: int = 0
    fail_on: str | None = None
    ignore_rules: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class AuditSettings:
    """`[audit]`: read here, used by the model-audit stage."""
    provider: str | None = None
    model: str | None = None
    budget: float | str | None = None   # tokens, or a string such as "200k" or "$5"
    concurrency: int | None = None
    mode: str | None = None
    validator: str | None = None
    base_url: str | None = None         # the provider's address (a local server); keys stay in the environment
    api_key_env: str | None = None      # the variable holding the key, when not the provider's usual one


@dataclass(frozen=True)
class Policy:
    fail_on: str | None = None              # None: not set (the CLI default applies)
    min_confidence: str | None = None
    select: tuple[str, ...] = ()            # empty: every rule
    ignore_rules: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()            # path globs not scanned
    paths: tuple[PathRule, ...] = ()
    baseline: str | None = None
    require_reason: bool = True
    suppressions_added: str = "info"
    audit: AuditSettings = field(default_factory=AuditSettings)
    source: str = ""                        # where it was read: "base:.prescan.toml", a file path, ""
    file: str = ""                          # the file's path in the repository ("" for none)

    # -- what the pipeline asks --------------------------------------------------------------
    def rule_enabled(self, rule) -> bool:
        if self.select and not any(_selects(s, rule) for s in self.select):
            return False
        return not any(_selects(s, rule) for s in self.ignore_rules)

    def path_ignored(self, path: str) -> bool:
        return any(path_matches(g, path) for g in self.ignore)

    def for_path(self, path: str) -> list[PathRule]:
        return [p for p in self.paths if path_matches(p.glob, path)]


DEFAULT = Policy()


def path_matches(glob: str, path: str) -> bool:
    """gitignore-like: `dir/**` is everything under dir, a glob without a
    slash matches a file name in any folder, `*` does not cross a slash."""
    glob = glob.lstrip("/")
    if glob.endswith("/"):
        glob += "**"
    if "/" not in glob:
        return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], glob) or fnmatch.fnmatchcase(path, glob)
    return _glob_match(glob.split("/"), path.split("/"))


def _glob_match(parts: list[str], names: list[str]) -> bool:
    if not parts:
        return not names
    if parts[0] == "**":
        return any(_glob_match(parts[1:], names[i:]) for i in range(len(names) + 1))
    return bool(names) and fnmatch.fnmatchcase(names[0], parts[0]) and _glob_match(parts[1:], names[1:])


def _selects(selector: str, rule) -> bool:
    kind, sep, value = selector.partition(":")
    if sep and kind in SELECTOR_KINDS:
        if kind == "language":
            return value.lower() in rule.languages
        if kind == "tag":
            return value in rule.tags
        if kind == "cwe":
            want = value.upper() if value.upper().startswith("CWE-") else f"CWE-{value}"
            return want in rule.cwe
        return rule.category == value
    return fnmatch.fnmatchcase(rule.id, selector)


# -- parsing ----------------------------------------------------------------------------------

_TOP = ("fail-on", "min-confidence", "ignore", "baseline", "rules", "paths", "suppressions", "audit")
_RULES = ("select", "ignore")
_PATHS = ("glob", "severity-offset", "fail-on", "ignore-rules")
_SUPPRESSIONS = ("require-reason", "added")
_AUDIT = ("provider", "model", "budget", "concurrency", "mode", "validator", "base-url", "api-key-env")


@dataclass(frozen=True)
class PolicyWarning:
    path: str
    line: int
    message: str


class _Reader:
    def __init__(self, text: str, path: str, prefix: tuple) -> None:
        self.text, self.path, self.prefix = text, path, prefix
        self.warnings: list[PolicyWarning] = []

    def line(self, keys: tuple) -> int:
        return key_line(self.text, self.prefix + keys)

    def fail(self, keys: tuple, message: str, hint: str = "") -> ConfigError:
        return ConfigError(message, path=self.path, line=self.line(keys) or None, hint=hint)

    def table(self, value, keys: tuple, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(keys, f"'{_dotted(keys)}' must be a table")
        for k in value:
            if k not in allowed:
                close = difflib.get_close_matches(k, allowed, n=1, cutoff=0.5)
                hint = f"; did you mean '{_dotted(keys + (close[0],))}'?" if close else \
                    f"; known keys: {', '.join(allowed)}"
                self.warnings.append(PolicyWarning(
                    self.path, self.line(keys + (k,)), f"unknown key '{_dotted(keys + (k,))}' ignored{hint}"))
        return value

    def choice(self, table: dict, key: str, keys: tuple, choices: tuple[str, ...]) -> str | None:
        v = table.get(key)
        if v is None:
            return None
        if not isinstance(v, str) or v not in choices:
            close = difflib.get_close_matches(v, choices, n=1) if isinstance(v, str) else []
            raise self.fail(keys + (key,), f"'{_dotted(keys + (key,))}' must be one of {', '.join(choices)}, "
                            f"not {v!r}", hint=f"did you mean '{close[0]}'?" if close else "")
        return v

    def strings(self, table: dict, key: str, keys: tuple) -> tuple[str, ...]:
        v = table.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise self.fail(keys + (key,), f"'{_dotted(keys + (key,))}' must be a list of non-empty strings")
        return tuple(v)

    def typed(self, table: dict, key: str, keys: tuple, kind, name: str):
        v = table.get(key)
        if v is None:
            return None
        if not isinstance(v, kind) or isinstance(v, bool) and kind is not bool:
            raise self.fail(keys + (key,), f"'{_dotted(keys + (key,))}' must be {name}, not {v!r}")
        return v


def _dotted(keys: tuple) -> str:
    return ".".join(str(k) for k in keys if not isinstance(k, int))


def parse_policy(text: str, path: str, *, pyproject: bool = False, source: str = "") -> tuple[Policy | None, list]:
    """(Policy, warnings) from a file's text; (None, []) when a pyproject.toml
    has no [tool.prescan]. ConfigError names the file and line of a bad value."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        line = None
        if "(at end of document)" in msg:
            line = max(text.count("\n"), 1)
        if "(at line " in msg:
            try:
                line = int(msg.rsplit("(at line ", 1)[1].split(",")[0])
            except ValueError:
                line = None
        raise ConfigError(f"invalid TOML: {msg.split(' (at ')[0]}", path=path, line=line,
                          hint="fix the syntax of the policy file") from None
    prefix: tuple = ()
    if pyproject:
        doc = doc.get("tool", {}).get("prescan") if isinstance(doc.get("tool"), dict) else None
        if doc is None:
            return None, []
        prefix = ("tool", "prescan")
    r = _Reader(text, path, prefix)
    top = r.table(doc, (), _TOP)
    rules = r.table(top.get("rules", {}), ("rules",), _RULES)
    sup = r.table(top.get("suppressions", {}), ("suppressions",), _SUPPRESSIONS)
    audit = r.table(top.get("audit", {}), ("audit",), _AUDIT)
    raw_paths = top.get("paths", [])
    if not isinstance(raw_paths, list):
        raise r.fail(("paths",), "'paths' must be an array of tables: [[paths]]")
    paths = []
    for i, p in enumerate(raw_paths):
        keys = ("paths", i)
        p = r.table(p, keys, _PATHS)
        glob = r.typed(p, "glob", keys, str, "a path glob")
        if not glob:
            raise r.fail(keys, "each [[paths]] needs a 'glob'")
        offset = r.typed(p, "severity-offset", keys, int, "an integer from -4 to 4") or 0
        if not -4 <= offset <= 4:
            raise r.fail(keys + ("severity-offset",), "'paths.severity-offset' must be from -4 to 4")
        paths.append(PathRule(glob, offset, r.choice(p, "fail-on", keys, FAIL_ON),
                              r.strings(p, "ignore-rules", keys), r.line(keys + ("glob",))))
    baseline = r.typed(top, "baseline", (), str, "a release name")
    budget = r.typed(audit, "budget", ("audit",), (int, float, str), "tokens (a number or '200k') or money ('$5')")
    concurrency = r.typed(audit, "concurrency", ("audit",), int, "a positive integer")
    if concurrency is not None and concurrency < 1:
        raise r.fail(("audit", "concurrency"), "'audit.concurrency' must be a positive integer")
    if isinstance(budget, (int, float)) and budget < 0:
        raise r.fail(("audit", "budget"), "'audit.budget' must not be negative")
    require = r.typed(sup, "require-reason", ("suppressions",), bool, "true or false")
    policy = Policy(
        fail_on=r.choice(top, "fail-on", (), FAIL_ON),
        min_confidence=r.choice(top, "min-confidence", (), CONFIDENCES),
        select=r.strings(rules, "select", ("rules",)), ignore_rules=r.strings(rules, "ignore", ("rules",)),
        ignore=r.strings(top, "ignore", ()), paths=tuple(paths),
        baseline=baseline.strip() if baseline else None,
        require_reason=True if require is None else require,
        suppressions_added=r.choice(sup, "added", ("suppressions",), ADDED_MODES) or "info",
        audit=AuditSettings(*(r.typed(audit, k, ("audit",), str, "a string") for k in ("provider", "model")),
                            budget, concurrency,
                            *(r.typed(audit, k, ("audit",), str, "a string")
                              for k in ("mode", "validator", "base-url", "api-key-env"))),
        source=source or path, file=path)
    return policy, sorted(r.warnings, key=lambda w: w.line)


def resolve_gate(policy: Policy | None, fail_on: str | None, min_confidence: str | None) -> tuple[str, str]:
    """The gate's settings: an explicit command-line value, else the policy's, else the default."""
    policy = policy or DEFAULT
    return (fail_on or policy.fail_on or "high", min_confidence or policy.min_confidence or "low")


def shift_severity(severity: str, offset: int) -> str:
    rank = min(max(SEVERITY_RANK[severity] + offset, 0), len(SEVERITIES) - 1)
    return SEVERITIES[len(SEVERITIES) - 1 - rank]
