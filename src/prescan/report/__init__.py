"""The report stage: one module per format, all reading a ScanResult."""
from __future__ import annotations

from prescan.report import jsonfmt, sarif, text

FORMATS = {"text": text.render, "json": jsonfmt.render, "sarif": sarif.render}


def render(fmt: str, result, options) -> str:
    return FORMATS[fmt](result, options)
