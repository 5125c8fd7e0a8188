"""Running many model requests: synchronously under a concurrency limit, or as a
batch that can be submitted now and collected later (even by another process)."""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Callable, Iterable, Iterator

from prescan.audit.transport import ModelRequest, ModelResponse, Provider, ProviderError


def run_concurrently(provider: Provider, requests: Iterable[ModelRequest], limit: int) -> Iterator[ModelResponse]:
    """Each request's response, in the order they complete (match them by custom_id),
    with never more than `limit` requests in flight.

    A ProviderError (SpendLimit, AuthFailed) stops submitting new requests; the ones
    already in flight are waited for and yielded, then the error is raised, with
    `error.partial` holding every response received (by custom_id). Requests
    absent from the results were not sent."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pending = iter(requests)
    received: dict[str, ModelResponse] = {}
    stop: BaseException | None = None
    with ThreadPoolExecutor(max_workers=limit, thread_name_prefix="prescan-audit") as pool:
        running: set[Future] = set()
        try:
            while True:
                while stop is None and len(running) < limit:
                    request = next(pending, None)
                    if request is None:
                        break
                    running.add(pool.submit(provider.complete, request))
                if not running:
                    break
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        response = future.result()
                    except Exception as exc:    # noqa: BLE001 - the first one is raised after the drain
                        stop = stop or exc
                        continue
                    received[response.custom_id] = response
                    yield response
        finally:
            for future in running:      # the caller stopped early: do not start what is queued
                future.cancel()
    if stop is not None:
        if isinstance(stop, ProviderError):
            stop.partial = received     # type: ignore[attr-defined]
        raise stop


def submit_batch(provider: Provider, requests: Iterable[ModelRequest]) -> str:
    """Submit a batch; the returned id is what to persist to collect it after an interruption."""
    if not provider.supports_batch():
        raise ProviderError(f"{provider.name}: no batch API here", hint="send the requests with run_concurrently")
    return provider.submit_batch(requests)


def wait_for_batch(provider: Provider, batch_id: str, *, poll_s: float = 30.0, deadline_s: float | None = None,
                   requests: Iterable[ModelRequest] | None = None,
                   sleep: Callable[[float], None] = time.sleep) -> dict[str, ModelResponse] | None:
    """Poll a batch (by a saved id: a new provider object will do) until it ends: every
    response by custom_id, or None when `deadline_s` passed first (the batch keeps
    running; call again later with the same id). `requests`, when given, lets the
    provider validate answers of a batch it did not submit itself."""
    end = None if deadline_s is None else time.monotonic() + deadline_s
    kwargs = {"requests": list(requests)} if requests is not None else {}
    while True:
        results = provider.batch_results(batch_id, **kwargs)
        if results is not None:
            return results
        if end is not None and time.monotonic() + poll_s > end:
            return None
        sleep(poll_s)
