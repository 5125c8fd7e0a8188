"""The report stage at the sizes where the formats' caps act: a scan with more
findings than GitHub accepts in one SARIF run (25,000), rendered in each CI
format. Findings are synthetic (made here, at the report level)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROUNDS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from report.helpers import finding, rule, scan_result  # noqa: E402

from prescan.report import FORMATS  # noqa: E402
from prescan.report.options import ReportOptions  # noqa: E402

N = 27_100
SEVERITIES = ("info", "low", "medium", "high", "critical")


@pytest.fixture(scope="module")
def big_result():
    return scan_result([finding(i, SEVERITIES[i % 5], path=f"pkg/f{i % 97}.py") for i in range(N)], [rule()])


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit", "github", "markdown"])
def test_render_more_findings_than_a_sarif_run_holds(benchmark, big_result, fmt):
    text = benchmark.pedantic(lambda: FORMATS[fmt](big_result, ReportOptions()), rounds=ROUNDS, iterations=1)
    benchmark.extra_info.update({"findings": N, "output_kib": len(text.encode()) // 1024})
