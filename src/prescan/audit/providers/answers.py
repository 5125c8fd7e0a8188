"""Answers: a model's JSON answer checked against the requested schema, and the
token estimate for providers without a counting endpoint."""
from __future__ import annotations

import json
import math
import re
from typing import Any

from prescan.audit.transport import MALFORMED, OK, ProviderError

FENCE = re.compile(r"^\s*```(?:json)?\s*\n(.*?)\n?```\s*$", re.S)


def check_answer(value: Any, schema: dict | None) -> tuple[str, dict | None, str]:
    """(status, data, error) of a parsed answer against the requested schema."""
    if not isinstance(value, dict):
        return MALFORMED, None, "the answer is not a JSON object"
    if schema:
        from jsonschema import exceptions, validators   # lazy: only an audit validates

        cls = validators.validator_for(schema)
        try:
            error = exceptions.best_match(cls(schema).iter_errors(value))
        except exceptions.SchemaError as exc:
            raise ProviderError("the audit's answer schema is not a valid JSON schema",
                                detail=exc.message) from None
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            return MALFORMED, None, f"the answer does not match the schema at {where}: {error.message}"[:300]
    return OK, value, ""


def parse_answer(text: str, schema: dict | None) -> tuple[str, dict | None, str]:
    """(status, data, error) of an answer given as text (JSON, possibly fenced)."""
    m = FENCE.match(text)
    try:
        value = json.loads(m.group(1) if m else text)
    except ValueError as exc:
        return MALFORMED, None, f"the answer is not JSON: {exc}"
    return check_answer(value, schema)


def estimate_tokens(*texts: str) -> int:
    """Errs high: ~3.5 characters a token, rounded up, plus 10 % and a per-message overhead."""
    n = math.ceil(sum(len(t) for t in texts) / 3.5)
    return n + math.ceil(n / 10) + 8 * len(texts)
