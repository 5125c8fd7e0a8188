"""Secrets out of everything sent to a model: each credential the static
detectors find becomes a placeholder `<<SECRET_<id>:<detector>>>` whose id is
an HMAC of the secret under a key that never leaves the machine, so the same
secret reads the same everywhere (and cache keys stay stable) while the map
back to the secret stays local."""
from __future__ import annotations

import hashlib
import hmac
import re

from prescan.analyze.secrets import substitute

VERSION = "redact-1"


class Redactor:
    def __init__(self, key: bytes) -> None:
        self._key = key
        self.found: dict[str, str] = {}         # placeholder -> masked secret (for local display only)

    def placeholder(self, secret: bytes, detector: str) -> str:
        tag = hmac.new(self._key, secret, hashlib.sha256).hexdigest()[:10]
        kind = detector.removeprefix("secret-")
        return f"<<SECRET_{tag}:{kind}>>"

    def __call__(self, text: str, language: str = "") -> str:
        """text with every credential replaced by its placeholder."""
        return substitute(text, self._replace, language)

    def _replace(self, data: bytes, h) -> tuple[int, str]:
        end = _key_block_end(data, h.end) if h.detector.id == "secret-private-key" else h.end
        secret = data[h.start:end]
        ph = self.placeholder(secret, h.detector.id)
        self.found[ph] = h.masked
        # a key block spans lines: keep them, so that line numbers stay true
        return end, ph + "\n" * secret.count(b"\n")


_KEY_END = re.compile(rb"-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----")
_KEY_BODY = re.compile(rb"(?:[\sA-Za-z0-9+/=:\-]|\\[rn])*")


def _key_block_end(data: bytes, start: int) -> int:
    """The detector matches a key's header; the whole block is the secret."""
    m = _KEY_END.search(data, start, start + 16384)
    if m is not None:
        return m.end()
    return _KEY_BODY.match(data, start).end()
