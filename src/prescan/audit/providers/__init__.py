"""Model providers behind the transport interface, built from an `--audit` spec:
`anthropic:MODEL`, `openai:MODEL` or `command:PROGRAM [ARGS]`. Each provider
module imports its SDK only when built, so a scan without --audit loads none."""
from __future__ import annotations

import importlib

from prescan.audit.transport import Provider
from prescan.errors import UsageError

PROVIDERS = {"anthropic": ("prescan.audit.providers.anthropic", "AnthropicProvider"),
             "openai": ("prescan.audit.providers.openai", "OpenAIProvider"),
             "command": ("prescan.audit.providers.command", "CommandProvider")}


def make_provider(spec: str, config: dict | None = None) -> Provider:
    """The provider a spec names. Raises UsageError for a bad spec, AuthFailed for a
    missing key, before any request is made."""
    name, sep, rest = spec.partition(":")
    name, rest = name.strip().lower(), rest.strip()
    if not sep or name not in PROVIDERS:
        raise UsageError(f"unknown model provider {spec!r}",
                         hint="use anthropic:MODEL, openai:MODEL or command:PROGRAM")
    if not rest:
        what = "PROGRAM" if name == "command" else "MODEL"
        raise UsageError(f"--audit {name}: needs a {what.lower()}", hint=f"use {name}:{what}")
    module, cls = PROVIDERS[name]
    return getattr(importlib.import_module(module), cls)(rest, config)
