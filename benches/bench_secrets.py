"""The secret detectors over hostile shapes of input: one long minified line
full of the words a secret's name holds. Time must grow with the length of
the line, not its square (a 20 KB line took 42 s before the detectors matched
outwards from each word with bounded runs)."""
from __future__ import annotations

import random
import string

import pytest
from conftest import ROUNDS

from prescan.analyze.secrets import find_secrets


def _minified(n: int) -> bytes:
    rnd = random.Random(7)
    blob = "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(n)).encode()
    return b"var a='" + blob[: n // 2] + b"token" + blob[n // 2:] + b"';" + b"token-token." * (n // 24) + b"\n"


@pytest.mark.parametrize("kb", [20, 80, 320])
def test_secrets_on_one_long_line(benchmark, kb):
    data = _minified(kb * 1024)
    benchmark.pedantic(find_secrets, args=(data, "javascript"), rounds=max(3, ROUNDS), iterations=1)
    benchmark.extra_info["bytes"] = len(data)
