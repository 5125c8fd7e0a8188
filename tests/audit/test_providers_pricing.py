"""The price table: snapshots priced as their family, cache and batch rates, and
unknown models priced as unknown."""
from __future__ import annotations

import pytest

from prescan.audit.pricing import PRICES_VERSION, cost, cost_usd, price_of
from prescan.audit.transport import Usage

MTOK = 1_000_000


@pytest.mark.parametrize("model, family", [
    ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"), ("claude-haiku-4-5", "claude-haiku-4-5"),
    ("claude-sonnet-4-20250514", "claude-sonnet-4"), ("gpt-4o-2024-08-06", "gpt-4o"),
    ("gpt-5-mini-2025-08-07", "gpt-5-mini"), ("GPT-4o-mini", "gpt-4o-mini"),
])
def test_snapshots_cost_what_their_family_costs(model, family):
    assert price_of(model) == price_of(family) is not None


@pytest.mark.parametrize("model", ["llama3", "gpt-5.2", "gpt-4o-audio-preview", "claude-opus-9", ""])
def test_unknown_models_have_unknown_cost(model):
    assert cost(Usage(10, 10), model) is None


def test_anthropic_cache_rates_and_batch_half_price():
    usage = Usage(input_tokens=MTOK, output_tokens=MTOK, cache_read_tokens=MTOK, cache_write_tokens=MTOK)
    # Sonnet 4.5: $3 input, $15 output, $3.75 cache write (5 min), $0.30 cache read
    assert cost(usage, "claude-sonnet-4-5-20250929") == pytest.approx(3 + 15 + 3.75 + 0.30)
    assert cost(usage, "claude-sonnet-4-5-20250929", batch=True) == pytest.approx((3 + 15 + 3.75 + 0.30) / 2)


def test_openai_cached_input_rate():
    assert cost(Usage(input_tokens=MTOK, cache_read_tokens=MTOK), "gpt-4o") == pytest.approx(2.50 + 1.25)


def test_cost_usd_for_the_audit_side():
    assert cost_usd("openai", "gpt-4o", Usage(output_tokens=MTOK)) == pytest.approx(10.0)
    assert cost_usd("command", "gpt-4o", Usage(output_tokens=MTOK)) is None
    assert PRICES_VERSION
