"""The one place that picks compiled modules or their pure-Python twins.

The compiled backend is the default and its absence is an error; the twin
is used only when PRESCAN_PURE=1 is set, never as a silent fallback."""
from __future__ import annotations

import os

from prescan.errors import InstallError

PURE = os.environ.get("PRESCAN_PURE", "") not in ("", "0")

if PURE:
    from prescan._native import _lineindex_py as lineindex
else:
    try:
        from prescan._native import _lineindex as lineindex  # type: ignore[attr-defined]
    except ImportError as exc:  # pragma: no cover - depends on the build
        raise InstallError(
            "the compiled extension prescan._native._lineindex is missing",
            detail=str(exc),
            hint="reinstall with `pip install .` (needs a C compiler), or set PRESCAN_PURE=1 to run the pure-Python twin",
        ) from exc

BACKEND: str = lineindex.BACKEND

__all__ = ["BACKEND", "PURE", "lineindex"]
