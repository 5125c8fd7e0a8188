"""GitHub code scanning's limits on an uploaded SARIF file, and the trimming
that keeps prescan's SARIF inside them (most severe, then most confident
findings kept; a run-level notification says what was left out).

The numbers are GitHub's documented hard limits, past which an upload is
rejected: "SARIF results exceed one or more limits",
https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
(runs per file 20, results per run 25,000, rules per run 25,000, tool
extensions per run 100, thread flow locations per result 10,000, locations
per result 1,000, tags per rule 20), and "SARIF results file is too large",
https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/file-too-large
(10 MB, gzip-compressed). GitHub then stores only the first 5,000 results of a
run; prescan writes results most important first so that those are the ones.
"""
from __future__ import annotations

import gzip
import json

from prescan.report.common import by_importance

MAX_RUNS = 20
MAX_RESULTS_PER_RUN = 25_000
MAX_RULES_PER_RUN = 25_000
MAX_EXTENSIONS_PER_RUN = 100
MAX_THREAD_FLOW_LOCATIONS = 10_000
MAX_LOCATIONS_PER_RESULT = 1_000
MAX_TAGS_PER_RULE = 20
MAX_GZIP_BYTES = 10 * 1024 * 1024
STORED_RESULTS_PER_RUN = 5_000          # GitHub keeps this many of a run's results


def keep_most_important(findings: list, limit: int = MAX_RESULTS_PER_RUN) -> tuple[list, int]:
    """The findings in report order (most important first), at most `limit`
    of them, and how many were left out."""
    ordered = sorted(findings, key=by_importance)
    return ordered[:limit], max(0, len(ordered) - limit)


def cap_steps(steps: tuple, limit: int = MAX_THREAD_FLOW_LOCATIONS) -> tuple[tuple, int]:
    """A trace of at most `limit` steps: its start and, always, its last step
    (the sink); the middle is what goes. Returns the steps and how many went."""
    if len(steps) <= limit:
        return steps, 0
    return (*steps[:limit - 1], steps[-1]), len(steps) - limit


def cap_tags(tags: list[str], limit: int = MAX_TAGS_PER_RULE) -> list[str]:
    """Distinct tags, the first `limit` (callers put the ones that matter first)."""
    return list(dict.fromkeys(tags))[:limit]


def gzip_size(text: str) -> int:
    # level 1: several times faster than the upload's own compression and never
    # smaller than it, so a file that fits here fits there
    return len(gzip.compress(text.encode("utf-8"), compresslevel=1))


def fit_size(doc: dict, limit: int = MAX_GZIP_BYTES) -> tuple[str, int]:
    """Serialize doc; while its gzip-compressed size is over the limit, drop
    the least important results (the tail: they are written most important
    first). Returns the text and how many results were dropped. The
    uncompressed size is a cheap first check: text no longer than the limit
    cannot compress to more than it."""
    text = dump(doc)
    results = doc["runs"][0]["results"]
    dropped = 0
    while len(text.encode("utf-8")) > limit:
        size = gzip_size(text)
        if size <= limit or not results:
            break
        keep = min(len(results) - 1, int(len(results) * limit / size * 0.9))
        dropped += len(results) - keep
        del results[keep:]
        text = dump(doc)
    return text, dropped


PRETTY_UP_TO = 1_000


def dump(doc: dict) -> str:
    """Indented for a report a person may open; compact past PRETTY_UP_TO
    results, where json's indenting (pure-Python) encoder costs seconds."""
    pretty = len(doc["runs"][0]["results"]) <= PRETTY_UP_TO
    return json.dumps(doc, indent=2 if pretty else None, ensure_ascii=False) + "\n"
