"""The report stage: one module per format, all reading a ScanResult."""
from __future__ import annotations

from prescan.report import github, gitlab, jsonfmt, junit, markdown, sarif, text

FORMATS = {"text": text.render, "json": jsonfmt.render, "sarif": sarif.render, "github": github.render,
           "gitlab": gitlab.render, "junit": junit.render, "markdown": markdown.render}


def render(fmt: str, result, options) -> str:
    return FORMATS[fmt](result, options)
