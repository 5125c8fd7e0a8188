"""What every format needs to know besides the scan result itself."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportOptions:
    fail_on: str = "high"
    min_confidence: str = "low"
    color: bool = False
    show_fixed: bool = True
    exit_code: int = 0
