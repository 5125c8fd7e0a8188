"""What a model request cost, in USD, from its token usage and a small price
table (list prices per million tokens; batch requests at half price)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from prescan.audit.transport import Usage

# Bump when a price changes: the result store records it beside each cost.
PRICES_VERSION = "2025-11-list-prices"
BATCH_FACTOR = 0.5


@dataclass(frozen=True)
class Price:
    """USD per million tokens."""
    input: float
    output: float
    cache_write: float      # Anthropic: a 5-minute cache write (1.25x input); OpenAI: not billed
    cache_read: float       # a cache hit (Anthropic 0.1x input; OpenAI's cached-input price)


def _claude(inp: float, out: float) -> Price:
    return Price(inp, out, inp * 1.25, inp * 0.1)


# A model family and its dated snapshots share a price. Only prices we could
# check are here: any other model's cost is unknown (None), never a guess.
PRICES: dict[str, Price] = {
    "claude-opus-4-5": _claude(5.0, 25.0),
    "claude-opus-4-1": _claude(15.0, 75.0),
    "claude-opus-4": _claude(15.0, 75.0),
    "claude-sonnet-4-5": _claude(3.0, 15.0),
    "claude-sonnet-4": _claude(3.0, 15.0),
    "claude-3-7-sonnet": _claude(3.0, 15.0),
    "claude-haiku-4-5": _claude(1.0, 5.0),
    "claude-3-5-haiku": _claude(0.80, 4.0),
    "gpt-4o": Price(2.50, 10.0, 0.0, 1.25),
    "gpt-4o-2024-05-13": Price(5.0, 15.0, 0.0, 5.0),     # the first snapshot, before the price cut
    "gpt-4o-mini": Price(0.15, 0.60, 0.0, 0.075),
    "gpt-4.1": Price(2.0, 8.0, 0.0, 0.50),
    "gpt-4.1-mini": Price(0.40, 1.60, 0.0, 0.10),
    "gpt-4.1-nano": Price(0.10, 0.40, 0.0, 0.025),
    "gpt-5": Price(1.25, 10.0, 0.0, 0.125),
    "gpt-5-mini": Price(0.25, 2.0, 0.0, 0.025),
    "gpt-5-nano": Price(0.05, 0.40, 0.0, 0.005),
}
# the alias, or the alias and a snapshot date (-20250929, -2024-08-06, -0-…)
SNAPSHOT = re.compile(r"^(?P<family>.+?)(?:-(?:\d{8}|\d{4}-\d{2}-\d{2}|0))?$")
ALIASES = {"claude-opus-4-0": "claude-opus-4", "claude-sonnet-4-0": "claude-sonnet-4"}


def price_of(model: str) -> Price | None:
    model = model.strip().lower()
    if model in PRICES:
        return PRICES[model]
    m = SNAPSHOT.match(model)
    family = m.group("family") if m else model
    return PRICES.get(ALIASES.get(family, family))


def cost(usage: Usage, model: str, batch: bool = False) -> float | None:
    """USD of one request's usage; None when the model's price is unknown."""
    price = price_of(model)
    if price is None:
        return None
    usd = (usage.input_tokens * price.input + usage.output_tokens * price.output
           + usage.cache_write_tokens * price.cache_write + usage.cache_read_tokens * price.cache_read) / 1e6
    return usd * BATCH_FACTOR if batch else usd


def cost_usd(provider: str, model: str, usage: Usage, batch: bool = False) -> float | None:
    """cost(), for a provider: a local command's answers have no price."""
    return None if provider == "command" else cost(usage, model, batch)
