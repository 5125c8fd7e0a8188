"""Fixtures for the audit tests: a loopback fake of the model APIs, and the
provider environment pointed at it (never at a real endpoint)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# fakeserver is a package beside this file, imported as `fakeserver` by the tests
# here and by the benches (appended: nothing else here may shadow a module)
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

from fakeserver import FakeServer  # noqa: E402


@pytest.fixture
def fake_server():
    with FakeServer() as server:
        yield server


@pytest.fixture
def model_env(fake_server, monkeypatch):
    """Keys and base URLs of both providers pointed at the fake server."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_server.openai_url)
    return fake_server
