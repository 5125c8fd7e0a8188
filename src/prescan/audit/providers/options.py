"""Provider options (from the audit config), the API key lookup and the lazy
SDK import: what a provider checks when it is built, before any request."""
from __future__ import annotations

import dataclasses
import importlib
import ipaddress
import os
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

from prescan.audit.transport import AuthFailed
from prescan.errors import ConfigError, InstallError

# Config keys, as the audit config or the CLI passes them ("_" and "-" alike).
KNOWN_KEYS = {"api-key-env", "base-url", "timeout-s", "max-retries", "max-retry-wait-s", "backoff-s",
              "concurrency", "response-format", "strict", "cache-ttl", "max-tokens-param", "batch"}


@dataclass(frozen=True)
class Options:
    api_key_env: str | None = None
    base_url: str | None = None
    timeout_s: float = 120.0          # per attempt
    max_retries: int = 2              # attempts = 1 + max_retries
    max_retry_wait_s: float | None = None   # a server asking to wait longer: give up (provider default)
    backoff_s: float = 0.5            # first backoff without a retry-after; 529 backs off 4x longer
    response_format: str = "json_schema"    # openai: json_schema | json_object
    strict: bool = True               # strict structured output (schemas must be strict-compatible)
    cache_ttl: str = "5m"             # anthropic prompt cache: 5m | 1h
    max_tokens_param: str | None = None     # openai: max_completion_tokens | max_tokens
    batch: bool | None = None         # openai: force batch support on/off instead of probing

    @classmethod
    def parse(cls, config: Mapping[str, Any] | None) -> "Options":
        values: dict[str, Any] = {}
        for key, value in (config or {}).items():
            norm = key.lower().replace("_", "-")
            norm = "timeout-s" if norm == "timeout" else norm
            if norm not in KNOWN_KEYS:
                raise ConfigError(f"unknown model provider option {key!r}",
                                  hint="known: " + ", ".join(sorted(KNOWN_KEYS)))
            if norm != "concurrency" and value is not None:    # concurrency: the caller's limit
                values[norm.replace("-", "_")] = value
        try:
            opts = dataclasses.replace(cls(), **{k: _coerce(cls, k, v) for k, v in values.items()})
        except (TypeError, ValueError) as exc:
            raise ConfigError("invalid model provider option", detail=str(exc)) from None
        if opts.response_format not in ("json_schema", "json_object"):
            raise ConfigError(f"response-format {opts.response_format!r} is not json_schema or json_object")
        if opts.cache_ttl not in ("5m", "1h"):
            raise ConfigError(f"cache-ttl {opts.cache_ttl!r} is not 5m or 1h")
        return opts


def import_sdk(name: str):
    """The vendor SDK, imported only when a provider is built (a scan without --audit never pays for it)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise InstallError(f"the {name} package is not installed",
                           hint="pip install 'prescan[audit]'") from None


def api_key(var: str, *, base_url: str | None = None) -> str:
    key = os.environ.get(var, "").strip()
    if key:
        return key
    if base_url and is_loopback(base_url):
        # Local servers (Ollama, vLLM, llama.cpp, on either API) want a key in
        # the header but ignore its value: a placeholder keeps them usable.
        return "local-no-key"
    raise AuthFailed(f"{var} is not set", hint=f"export {var}=<your API key> to audit with the model")


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _coerce(cls, name: str, value: Any) -> Any:
    """A config file's value ("30", "false") as the option's type."""
    kind = {f.name: f.type for f in dataclasses.fields(cls)}[name]
    if isinstance(value, bool) and "bool" in kind:
        return value
    if "bool" in kind:
        text = str(value).strip().lower()
        if text not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"{name.replace('_', '-')}: {value!r} is not true or false")
        return text in ("true", "1", "yes")
    try:
        if kind.startswith("float"):
            return float(value)
        if kind.startswith("int"):
            return int(value)
    except ValueError:
        raise ValueError(f"{name.replace('_', '-')}: {value!r} is not a number") from None
    return str(value)

