"""Sending requests: synchronously, several at once under the concurrency
limit, each first reserved against the budget; or through a provider's
batch API, with the batch id and the request -> unit mapping persisted in
the store before polling, so that an interrupted scan resumes the batch
instead of paying for it twice."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from prescan.audit.ledger import Ledger
from prescan.audit.transport import AuthFailed, ModelRequest, ModelResponse, SpendLimit

BATCH_FOLDER = "audit/batches"


@dataclass(frozen=True)
class Job:
    request: ModelRequest
    estimate: int                       # input tokens, for the budget
    purpose: str                        # detect | refute
    units: tuple[str, ...] = ()         # the unit ids a detection request covers


@dataclass(frozen=True)
class Outcome:
    response: ModelResponse | None      # None: never sent
    skipped: str = ""                   # why it was not sent: "budget", "spend limit: ...", "auth: ..."


class Sender:
    def __init__(self, provider, ledger: Ledger, concurrency: int) -> None:
        self.provider, self.ledger, self.concurrency = provider, ledger, concurrency
        self.stopped = ""               # set by a spend limit or a refused key: nothing more is sent
        self._lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0

    def _one(self, job: Job) -> Outcome:
        if self.stopped:
            return Outcome(None, self.stopped)
        if not self.ledger.reserve(job.estimate):
            return Outcome(None, "budget")
        response = None
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            response = self.provider.complete(job.request)
            return Outcome(response)
        except SpendLimit as exc:
            self.stopped = f"spend limit: {exc.one_line()}"
            self.ledger.stop()
            return Outcome(None, self.stopped)
        except AuthFailed as exc:
            self.stopped = f"auth: {exc.one_line()}"
            return Outcome(None, self.stopped)
        except Exception as exc:  # noqa: BLE001 - one request's failure is its units' failure, not the scan's
            return Outcome(None, f"failed: {type(exc).__name__}: {exc}"[:300])
        finally:
            with self._lock:
                self.in_flight -= 1
            self.ledger.settle(job.estimate, response, job.purpose)

    def run(self, jobs: list[Job]) -> dict[str, Outcome]:
        """Every job's outcome by custom id; results received are kept
        whatever happens to the others."""
        if not jobs:
            return {}
        if len(jobs) == 1 or self.concurrency == 1:
            return {j.request.custom_id: self._one(j) for j in jobs}
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(jobs)),
                                thread_name_prefix="prescan-audit") as pool:
            outcomes = list(pool.map(self._one, jobs))
        return {j.request.custom_id: o for j, o in zip(jobs, outcomes)}


def batch_state_name(provider, jobs: list[Job]) -> str:
    ids = sorted(j.request.custom_id for j in jobs)
    digest = hashlib.sha256(json.dumps([provider.name, provider.model, ids]).encode()).hexdigest()[:24]
    return f"{BATCH_FOLDER}/{digest}.json"


def _read_state(loc, name: str) -> dict | None:
    if loc is None:
        return None
    try:
        with loc.fs.open_input_stream(loc.path(name)) as fh:
            return json.loads(fh.read().decode())
    except (FileNotFoundError, OSError, ValueError):
        return None


def run_batch(sender: Sender, jobs: list[Job], loc, poll_s: float, wait_s: float,
              note=lambda text: None) -> tuple[dict[str, Outcome], bool]:
    """(outcomes by custom id, finished). Not finished: the batch is still
    running after wait_s; its state stays in the store for the next run."""
    provider, ledger = sender.provider, sender.ledger
    name = batch_state_name(provider, jobs)
    state = _read_state(loc, name)
    resumed = state is not None
    out: dict[str, Outcome] = {}
    if resumed:
        batch_id = state["batch_id"]
        note(f"resuming batch {batch_id} submitted at {state.get('submitted_at', '?')}")
        sent = [j for j in jobs if j.request.custom_id in state["requests"]]
    else:
        sent = []
        for j in jobs:                  # the budget decides what is submitted at all (held until the results)
            if ledger.reserve(j.estimate):
                sent.append(j)
            else:
                out[j.request.custom_id] = Outcome(None, "budget")
        if not sent:
            return out, True
        batch_id = provider.submit_batch([j.request for j in sent])
        state = {"batch_id": batch_id, "provider": provider.name, "model": provider.model,
                 "submitted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "requests": {j.request.custom_id: list(j.units) for j in sent}}
        if loc is not None:             # persisted before the first poll: an interruption loses nothing
            loc.ensure()
            loc.put_bytes(name, json.dumps(state, indent=1, sort_keys=True).encode())
        note(f"submitted batch {batch_id} ({len(sent)} requests)")
    deadline = time.monotonic() + wait_s
    polls = 0
    while True:
        results = provider.batch_results(batch_id)
        if results is not None:
            break
        if time.monotonic() >= deadline:
            return out, False
        # a small batch often ends in seconds: poll soon, then back off to poll_s
        time.sleep(min(poll_s, 0.5 * 2 ** polls, max(0.0, deadline - time.monotonic())))
        polls += 1
    for j in sent:
        r = results.get(j.request.custom_id)
        if resumed:
            if r is not None:
                ledger.record(r, j.purpose)
        else:
            ledger.settle(j.estimate, r, j.purpose)
        out[j.request.custom_id] = Outcome(r) if r is not None else Outcome(None, "missing from the batch results")
    if loc is not None:
        loc.remove(loc.path(name))
    return out, True
