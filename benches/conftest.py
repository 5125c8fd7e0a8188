"""Shared benchmark fixtures: the corpus (a copy of this machine's Python standard
library), its provenance in every benchmark's extra_info, and round counts."""
from __future__ import annotations

import os
import platform
import shutil
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

BENCHES = Path(__file__).resolve().parent
RULES = BENCHES / "rules"
# PRESCAN_BENCH_ROUNDS for the quick benchmarks; the ones that take minutes a
# round (the whole built-in pack over the corpus, bandit) use the SLOW count
ROUNDS = int(os.environ.get("PRESCAN_BENCH_ROUNDS", "3"))
SLOW_ROUNDS = int(os.environ.get("PRESCAN_BENCH_SLOW_ROUNDS", "1"))
# site-packages is not the standard library (and is 7x its size in a pyenv
# Python); __pycache__ holds compiled bytecode nobody scans
SKIP = ("site-packages", "__pycache__")


def pytest_collect_file(parent, file_path):
    # pyproject only collects test_*.py (for tests/); the benches are bench_*.py.
    # A file named on the command line is collected by pytest itself already.
    if file_path.suffix == ".py" and file_path.name.startswith("bench_") \
            and not parent.session.isinitpath(file_path):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


@dataclass(frozen=True)
class Corpus:
    root: str                       # the copy every tool scans
    source: str                     # where it was copied from
    files: int                      # every regular file
    py_files: tuple[str, ...]       # absolute paths of the .py files
    py_lines: int
    py_bytes: int

    def provenance(self) -> dict:
        return {"corpus_source": self.source, "corpus_copy": self.root, "corpus_skipped": list(SKIP),
                "corpus_files": self.files, "corpus_py_files": len(self.py_files),
                "corpus_py_lines": self.py_lines, "corpus_py_mb": round(self.py_bytes / 1e6, 2)}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    """The stdlib (or PRESCAN_BENCH_CORPUS) copied to a temp folder, so that
    every tool reads the same files, none of them inside a git work tree."""
    source = os.path.realpath(os.environ.get("PRESCAN_BENCH_CORPUS") or sysconfig.get_paths()["stdlib"])
    root = tmp_path_factory.mktemp("corpus") / "stdlib"
    shutil.copytree(source, root, symlinks=True, ignore=shutil.ignore_patterns(*SKIP))
    # without a .semgrepignore semgrep applies a default one that skips test/
    # folders, a third of the stdlib; an empty one makes it read what the others read
    (root / ".semgrepignore").write_text("")
    files, py, lines, size = 0, [], 0, 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            files += 1
            if name.endswith(".py"):
                data = Path(full).read_bytes()
                py.append(full)
                lines += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
                size += len(data)
    return Corpus(str(root), source, files, tuple(sorted(py)), lines, size)


@pytest.fixture(autouse=True)
def _provenance(request):
    """Machine and corpus facts in extra_info, so a saved run explains itself."""
    if "benchmark" not in request.fixturenames:
        return
    bm = request.getfixturevalue("benchmark")
    from prescan._native import BACKEND
    bm.extra_info.update({"python": platform.python_version(), "cpus": os.cpu_count(),
                          "native_backend": BACKEND, "load_average_before": list(os.getloadavg())})
    if "corpus" in request.fixturenames:
        bm.extra_info.update(request.getfixturevalue("corpus").provenance())


def record_rate(benchmark, lines: int, files: int, nbytes: int, cores: int = 1) -> None:
    """lines/s (and files/s, MB/s) of the fastest and of the mean round."""
    stats = getattr(benchmark.stats, "stats", None)
    if stats is None:               # --benchmark-disable: one plain call, nothing timed
        return
    for label, secs in (("best", stats.min), ("mean", stats.mean)):
        benchmark.extra_info[f"lines_per_s_{label}"] = round(lines / secs)
        benchmark.extra_info[f"files_per_s_{label}"] = round(files / secs, 1)
        benchmark.extra_info[f"mb_per_s_{label}"] = round(nbytes / 1e6 / secs, 3)
    benchmark.extra_info["lines_per_s_per_core"] = round(lines / stats.min / cores)
    benchmark.extra_info["cores"] = cores
