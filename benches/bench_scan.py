"""Full-scan throughput and diff-scan latency: prescan against a plain
py-tree-sitter floor and, when installed, semgrep, bandit and ast-grep."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import tree_sitter as ts
import tree_sitter_python

import prescan
from conftest import ROUNDS, RULES, SLOW_ROUNDS, record_rate
from prescan.change.tree import collect_directory
from prescan.cli.bench import build_diff_repo
from prescan.execute import default_jobs
from prescan.pipeline import ScanOptions, run_scan
from prescan.rules.loader import load_rules

# the same ten checks as benches/rules/{prescan,semgrep,astgrep}
FLOOR_QUERIES = [
    '(call function: (identifier) @f (#eq? @f "eval")) @m',
    '(call function: (identifier) @f (#eq? @f "exec")) @m',
    *(f'(call function: (attribute object: (identifier) @o attribute: (identifier) @a)'
      f' (#eq? @o "{mod}") (#eq? @a "{fn}")) @m'
      for mod, fn in (("os", "system"), ("os", "popen"), ("pickle", "loads"), ("marshal", "loads"),
                      ("yaml", "load"), ("hashlib", "md5"), ("tempfile", "mktemp"))),
    '(call function: (attribute object: (identifier) @o) arguments: (argument_list (keyword_argument'
    ' name: (identifier) @k value: (true))) (#eq? @o "subprocess") (#eq? @k "shell")) @m',
]
TOOL_TIMEOUT = 3600


@pytest.fixture(scope="session")
def builtin_rules():
    return load_rules()


@pytest.fixture(scope="session")
def ten_rules():
    return load_rules([str(RULES / "prescan")], builtin=False)


def _prescan(benchmark, corpus, ruleset, jobs, rounds, depth=2):
    def run():
        return run_scan(ScanOptions(repo=corpus.root, all_files=True, jobs=jobs, depth=depth), ruleset)
    result = benchmark.pedantic(run, rounds=rounds, iterations=1, warmup_rounds=0)
    s = result.stats
    benchmark.extra_info.update({"rules": len(ruleset.rules), "rules_digest": ruleset.digest, "jobs": jobs,
                                 "depth": depth, "findings": len(result.findings),
                                 "cross_file_findings": s.get("cross_file_findings", 0),
                                 "prescan_files": s["files_scanned"], "prescan_lines": s["lines_scanned"],
                                 "stages_s_last_round": {k: round(v, 3) for k, v in result.timings.items()}})
    record_rate(benchmark, s["lines_scanned"], s["files_scanned"], s["bytes_scanned"], cores=jobs)


# (a) prescan over the whole corpus: the built-in pack, and the same ten rules the other tools run

def test_prescan_builtin_pack_1_job(benchmark, corpus, builtin_rules):
    _prescan(benchmark, corpus, builtin_rules, 1, SLOW_ROUNDS)


def test_prescan_builtin_pack_depth_0_1_job(benchmark, corpus, builtin_rules):
    """The same without following calls across functions and files: the cost of attacker depth."""
    _prescan(benchmark, corpus, builtin_rules, 1, SLOW_ROUNDS, depth=0)


def test_prescan_builtin_pack_all_cores(benchmark, corpus, builtin_rules):
    _prescan(benchmark, corpus, builtin_rules, default_jobs(), SLOW_ROUNDS)


def test_prescan_ten_rules_1_job(benchmark, corpus, ten_rules):
    _prescan(benchmark, corpus, ten_rules, 1, ROUNDS)


def test_prescan_ten_rules_all_cores(benchmark, corpus, ten_rules):
    _prescan(benchmark, corpus, ten_rules, default_jobs(), ROUNDS)


def test_prescan_cli_ten_rules_1_job(benchmark, corpus):
    """As a user runs it: interpreter start, rule loading and the JSON report included."""
    cmd = [sys.executable, "-m", "prescan", "scan", "--all", "-C", corpus.root, "--no-builtin-rules",
           "--rules", str(RULES / "prescan"), "-j", "1", "--format", "json", "--fail-on", "never", "-q"]
    src = os.path.dirname(os.path.dirname(os.path.abspath(prescan.__file__)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    out = _tool(benchmark, cmd, corpus.root, ROUNDS, env=env)
    benchmark.extra_info["findings"] = len(json.loads(out)["findings"])
    record_rate(benchmark, corpus.py_lines, len(corpus.py_files), corpus.py_bytes)


# (b) the floor: parse every .py file and run ten queries, nothing else

def floor_scan(paths, combined: bool = True) -> int:
    """Parse each file and run the ten queries: compiled into one ts.Query (one
    cursor pass, the cheapest way) or as ten queries (ten passes)."""
    lang = ts.Language(tree_sitter_python.language())
    parser = ts.Parser(lang)
    queries = [ts.Query(lang, "\n".join(FLOOR_QUERIES))] if combined else \
        [ts.Query(lang, q) for q in FLOOR_QUERIES]
    hits = 0
    for path in paths:
        with open(path, "rb") as fh:
            tree = parser.parse(fh.read())
        for q in queries:
            hits += len(ts.QueryCursor(q).matches(tree.root_node))
    return hits


@pytest.mark.parametrize("queries", ["one_query", "ten_queries"])
def test_floor_py_tree_sitter(benchmark, corpus, queries):
    hits = benchmark.pedantic(floor_scan, args=(corpus.py_files, queries == "one_query"), rounds=ROUNDS,
                              iterations=1)
    benchmark.extra_info["findings"] = hits
    record_rate(benchmark, corpus.py_lines, len(corpus.py_files), corpus.py_bytes)


# (c) the tools users would pick instead, on the same corpus, one core where they allow

def _need(tool: str) -> str:
    path = shutil.which(tool) or shutil.which(tool, path=os.path.dirname(sys.executable))
    if path is None:
        pytest.skip(f"{tool} is not installed (pip install '.[bench]')")
    return path


def _tool(benchmark, cmd: list[str], cwd: str, rounds: int, ok=(0, 1), out_file: str | None = None,
          env: dict | None = None) -> str:
    """Run cmd `rounds` times under the benchmark; its stdout (or out_file) of the last round."""
    def run():
        proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, env=env,
                              timeout=TOOL_TIMEOUT)
        assert proc.returncode in ok, f"{cmd[0]} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}"
        return proc.stdout
    out = benchmark.pedantic(run, rounds=rounds, iterations=1, warmup_rounds=0)
    if out_file:
        with open(out_file, encoding="utf-8") as fh:
            return fh.read()
    return out.decode("utf-8", "replace")


def _semgrep_cmd(out: str, *extra: str) -> list[str]:
    # --max-target-bytes=0: semgrep skips files over 1 MB by default; the others read them
    return [_need("semgrep"), "scan", "--config", str(RULES / "semgrep"), "--metrics=off", "-j", "1",
            "--disable-version-check", "-q", "--max-target-bytes=0", "--json", "-o", out, *extra, "."]


def test_semgrep_ten_rules_1_job(benchmark, corpus, tmp_path):
    out = str(tmp_path / "semgrep.json")
    doc = json.loads(_tool(benchmark, _semgrep_cmd(out), corpus.root, ROUNDS, out_file=out))
    benchmark.extra_info.update({"findings": len(doc["results"]), "tool_files": len(doc["paths"]["scanned"]),
                                 "tool_errors": len(doc["errors"])})
    record_rate(benchmark, corpus.py_lines, len(corpus.py_files), corpus.py_bytes)


def test_bandit_builtin_checks(benchmark, corpus, tmp_path):
    out = str(tmp_path / "bandit.json")
    cmd = [_need("bandit"), "-r", "-q", "-f", "json", "-o", out, "."]
    doc = json.loads(_tool(benchmark, cmd, corpus.root, SLOW_ROUNDS, out_file=out))
    benchmark.extra_info.update({"findings": len(doc["results"]), "tool_errors": len(doc["errors"]),
                                 "tool_files": len(doc["metrics"]) - 1})
    record_rate(benchmark, corpus.py_lines, len(corpus.py_files), corpus.py_bytes)


def test_ast_grep_ten_rules_1_thread(benchmark, corpus):
    cmd = [_need("ast-grep"), "scan", "-c", str(RULES / "astgrep" / "sgconfig.yml"), "-j", "1",
           "--json=compact", "."]
    hits = json.loads(_tool(benchmark, cmd, corpus.root, ROUNDS) or "[]")
    benchmark.extra_info.update({"findings": len(hits), "tool_files_with_findings": len({h["file"] for h in hits})})
    record_rate(benchmark, corpus.py_lines, len(corpus.py_files), corpus.py_bytes)


# (d) diff-scan latency on a ~200-line, 5-file commit in a git copy of the corpus

@pytest.fixture(scope="session")
def diff_repo(corpus, tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    cs, _ = collect_directory(corpus.root)
    return build_diff_repo(corpus.root, [fc.path for fc in cs.files], str(tmp_path_factory.mktemp("diff") / "repo"))


def _diff_info(benchmark, repo) -> None:
    benchmark.extra_info.update({"files_changed": len(repo.files), "lines_added": repo.lines_added,
                                 "repo_files": repo.repo_files, "changed_paths": list(repo.files)})


@pytest.mark.parametrize("depth", [0, 2])
@pytest.mark.parametrize("rules", ["builtin_rules", "ten_rules"])
def test_prescan_diff_scan(benchmark, diff_repo, rules, depth, request):
    ruleset = request.getfixturevalue(rules)

    def run():
        return run_scan(ScanOptions(repo=diff_repo.root, base=diff_repo.base, head=diff_repo.head, depth=depth),
                        ruleset)
    result = benchmark.pedantic(run, rounds=max(ROUNDS, 5), iterations=1, warmup_rounds=1)
    _diff_info(benchmark, diff_repo)
    benchmark.extra_info.update({"rules": len(ruleset.rules), "depth": depth,
                                 "versions_scanned": result.stats["versions_scanned"],
                                 "context_files": result.stats.get("context_files", 0),
                                 "new_findings": len(result.findings),
                                 "stages_s_last_round": {k: round(v, 3) for k, v in result.timings.items()}})


def test_semgrep_baseline_commit(benchmark, diff_repo, tmp_path):
    out = str(tmp_path / "semgrep.json")
    cmd = _semgrep_cmd(out, "--baseline-commit", diff_repo.base)
    doc = json.loads(_tool(benchmark, cmd, diff_repo.root, ROUNDS, out_file=out))
    _diff_info(benchmark, diff_repo)
    benchmark.extra_info.update({"tool_files": len(doc["paths"]["scanned"]), "findings": len(doc["results"])})
