"""A live status line on stderr while a scan runs on a person's terminal: the
stage (changes, analyzing, impact, cross-file, recording) and files done of
total. It appears only once a scan has taken a moment, and is erased when the
scan ends, so the report that follows starts on a clean line. Warnings
written to stderr meanwhile print above it."""
from __future__ import annotations

import os
import sys
import time

# seconds; a quicker scan never flickers a status line (PRESCAN_PROGRESS_AFTER changes it)
SHOW_AFTER = float(os.environ.get("PRESCAN_PROGRESS_AFTER") or 0.25)

STAGES = {"changes": "reading the change", "analyzing": "parsing and analyzing", "impact": "following the impact",
          "cross-file": "following data across files", "auditing": "auditing with the model",
          "recording": "recording the scan"}


class Progress:
    """Callable as the pipeline's progress(done, total, path), with stage(name)."""

    def __init__(self, stream=None) -> None:
        from rich.console import Console
        self._console = Console(file=stream or sys.stderr, highlight=False)
        self._live = None
        self._started = time.monotonic()
        self._stage = "changes"
        self._files = ""

    def stage(self, name: str) -> None:
        self._stage, self._files = name, ""
        self._update()

    def __call__(self, done: int, total: int, path: str) -> None:
        self._files = f"{done}/{total} files  {path[-50:]}"
        self._update()

    def _update(self) -> None:
        if self._live is None:
            if time.monotonic() - self._started < SHOW_AFTER:
                return
            from rich.live import Live
            self._live = Live(self._render(), console=self._console, transient=True, refresh_per_second=8,
                              redirect_stdout=False, redirect_stderr=True)
            self._live.start()
        else:
            self._live.update(self._render())

    def _render(self):
        from rich.spinner import Spinner
        from rich.text import Text
        label = Text.assemble(("prescan: ", "bold"), STAGES.get(self._stage, self._stage),
                              (f"  {self._files}" if self._files else "", "dim"))
        return Spinner("dots", text=label)

    def close(self) -> None:
        """Erase the status line (a transient Live clears what it drew)."""
        if self._live is not None:
            self._live.stop()
            self._live = None
