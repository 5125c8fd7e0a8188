"""Executors run independent per-file jobs. The stages only see `map`, so a
distributed executor can be added without touching them."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], jobs: Iterable[T]) -> Iterator[R]: ...
    def close(self) -> None: ...


class SerialExecutor:
    """Runs jobs in this process: cheapest for small changes."""

    def map(self, fn, jobs):
        return map(fn, jobs)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """A local process pool. Workers are forked so they inherit the loaded
    rules; results come back in job order."""

    def __init__(self, workers: int, initializer: Callable | None = None, initargs: tuple = ()) -> None:
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                         initializer=initializer, initargs=initargs)
        self.workers = workers

    def map(self, fn, jobs):
        jobs = list(jobs)
        chunk = max(1, min(16, len(jobs) // (self.workers * 4) or 1))
        return self._pool.map(fn, jobs, chunksize=chunk)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def make_executor(jobs: int | None, n_tasks: int, task_bytes: int,
                  initializer: Callable | None = None, initargs: tuple = ()) -> Executor:
    """A pool only pays for itself on more than a handful of files."""
    jobs = jobs or default_jobs()
    if jobs <= 1 or n_tasks < 8 or task_bytes < 256 * 1024:
        if initializer:
            initializer(*initargs)
        return SerialExecutor()
    return ProcessExecutor(min(jobs, n_tasks), initializer, initargs)
