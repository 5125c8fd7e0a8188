"""The fake server: state, control and logging (the routes are in handler.py)."""
from __future__ import annotations

import random
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any, Callable

from .outcomes import Outcome, rule_model, tokens


@dataclass
class Logged:
    method: str
    path: str
    headers: dict           # lower-cased names
    body: Any               # parsed JSON, raw bytes for uploads, None for GET
    at: float


class FakeServer:
    """Start with `with FakeServer() as server:` (or the `fake_server` fixture); `server.url`."""

    def __init__(self, *, latency_s: float = 0.0, batch_polls: int = 1, no_batch: bool = False,
                 reject_json_schema: bool = False, ollama: bool = False, seed: int = 7) -> None:
        self.latency_s = latency_s              # added to every model call
        self.batch_polls = batch_polls          # retrieves a batch answers in_progress before it ends
        self.no_batch = no_batch                # a local server: no batch or file routes (404)
        self.reject_json_schema = reject_json_schema    # a local server that only knows json_object
        # Ollama's Anthropic side: tool_choice ignored (JSON comes as text), no
        # count_tokens, no batches (A5)
        self.ollama = ollama
        self.no_batch = no_batch or ollama
        self.valid_key: str | None = None       # when set, any other key gets a 401
        self.answer: Callable[[dict], dict] = rule_model
        self.batch_outcomes: dict[str, str] = {}    # custom_id -> errored | expired | canceled | truncated
        self.log: list[Logged] = []
        self.inflight = 0
        self.max_inflight = 0
        self.rate_remaining = 1000
        self._script: deque[Outcome] = deque()
        self._lock = threading.Lock()
        self._cached_prefixes: set[str] = set()
        self._batches: dict[str, dict] = {}
        self._files: dict[str, dict] = {}
        self._random = random.Random(seed)
        self._httpd: ThreadingHTTPServer | None = None

    # -- control ---------------------------------------------------------------------------------
    def script(self, *outcomes: Outcome) -> None:
        with self._lock:
            self._script.extend(outcomes)

    def requests(self, path: str | None = None, method: str | None = None) -> list[Logged]:
        with self._lock:
            return [r for r in self.log if (path is None or r.path == path)
                    and (method is None or r.method == method)]

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def openai_url(self) -> str:
        """The OpenAI base URL (the SDK's paths leave out /v1)."""
        return self.url + "/v1"

    def start(self) -> "FakeServer":
        from .handler import Handler as _Handler

        server = self

        class Handler(_Handler):
            fake = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "FakeServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- helpers used by the handler ---------------------------------------------------------------
    def _next_outcome(self) -> Outcome:
        with self._lock:
            return self._script.popleft() if self._script else Outcome()

    def _cache(self, prefix: str) -> tuple[int, int]:
        """(write, read) tokens for a cacheable prefix: written the first time, read after."""
        if not prefix:
            return 0, 0
        with self._lock:
            seen = prefix in self._cached_prefixes
            self._cached_prefixes.add(prefix)
        return (0, tokens(prefix)) if seen else (tokens(prefix), 0)

    def _rate_headers(self, provider: str) -> dict:
        with self._lock:
            self.rate_remaining = max(0, self.rate_remaining - 1)
            left = self.rate_remaining
        if provider == "anthropic":
            return {"request-id": f"req_{uuid.uuid4().hex[:24]}",
                    "anthropic-ratelimit-requests-limit": "1000",
                    "anthropic-ratelimit-requests-remaining": str(left),
                    "anthropic-ratelimit-requests-reset": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        return {"x-request-id": f"req_{uuid.uuid4().hex}", "x-ratelimit-limit-requests": "1000",
                "x-ratelimit-remaining-requests": str(left), "x-ratelimit-reset-requests": "12ms"}

    def _shuffled(self, items: list) -> list:
        items = list(items)
        with self._lock:
            self._random.shuffle(items)
        return items

