"""What the audit spends: every call's tokens, latency and cost, and the
--audit-budget that stops sending before it is exceeded. Requests reserve an
estimate before they are sent (several run at once) and settle with what
the provider reports."""
from __future__ import annotations

import threading

from prescan.audit.model import CallRecord
from prescan.audit.options import Budget
from prescan.audit.transport import ModelResponse, Usage

# USD per million tokens (input, output), used only until prescan.audit.pricing
# (the providers' table) is there; cache reads 0.1x, cache writes 1.25x, batch 0.5x
_LOCAL_PRICES = {
    "claude-opus": (15.0, 75.0), "claude-sonnet": (3.0, 15.0), "claude-haiku": (0.8, 4.0),
    "gpt-4o-mini": (0.15, 0.6), "gpt-4o": (2.5, 10.0), "gpt-4.1-mini": (0.4, 1.6), "gpt-4.1": (2.0, 8.0),
}
OUTPUT_RESERVE = 1000                   # output tokens reserved per request until it answers


def cost_usd(provider: str, model: str, usage: Usage, batch: bool) -> float | None:
    try:
        from prescan.audit.pricing import cost_usd as table_cost
    except ImportError:
        table_cost = None
    if table_cost is not None:
        return table_cost(provider, model, usage, batch)
    if provider == "command":
        return 0.0
    price = next((p for prefix, p in sorted(_LOCAL_PRICES.items(), key=lambda kv: -len(kv[0]))
                  if model.startswith(prefix)), None)
    if price is None:
        return None
    pin, pout = price
    total = (usage.input_tokens * pin + usage.cache_read_tokens * pin * 0.1 + usage.cache_write_tokens * pin * 1.25
             + usage.output_tokens * pout) / 1e6
    return total * (0.5 if batch else 1.0)


class Ledger:
    def __init__(self, budget: Budget, provider: str, model: str) -> None:
        self.budget, self.provider, self.model = budget, provider, model
        self.calls: list[CallRecord] = []
        self.tokens = 0
        self.usd = 0.0
        self._reserved_tokens = 0
        self._reserved_usd = 0.0
        self._lock = threading.Lock()
        self.exhausted = False

    def _estimate_usd(self, tokens: int) -> float:
        return cost_usd(self.provider, self.model, Usage(tokens, OUTPUT_RESERVE), False) or 0.0

    def reserve(self, input_tokens: int) -> bool:
        """May a request of about this many input tokens be sent? Reserves it."""
        tokens = input_tokens + OUTPUT_RESERVE
        usd = self._estimate_usd(input_tokens) if self.budget.usd is not None else 0.0
        with self._lock:
            if self.exhausted:
                return False
            if self.budget.tokens is not None and self.tokens + self._reserved_tokens + tokens > self.budget.tokens:
                self.exhausted = True
                return False
            if self.budget.usd is not None and self.usd + self._reserved_usd + usd > self.budget.usd:
                self.exhausted = True
                return False
            self._reserved_tokens += tokens
            self._reserved_usd += usd
            return True

    def settle(self, input_tokens: int, response: ModelResponse | None, purpose: str) -> None:
        """Release a reservation and record the call (None: it was never answered)."""
        tokens = input_tokens + OUTPUT_RESERVE
        usd = self._estimate_usd(input_tokens) if self.budget.usd is not None else 0.0
        with self._lock:
            self._reserved_tokens -= tokens
            self._reserved_usd -= usd
            if response is not None:
                self.record(response, purpose)

    def record(self, r: ModelResponse, purpose: str) -> None:
        u = r.usage
        cost = cost_usd(self.provider, r.model or self.model, u, r.batch)
        self.calls.append(CallRecord(purpose, r.custom_id, r.status, r.model, u.input_tokens, u.output_tokens,
                                     u.cache_read_tokens, u.cache_write_tokens, r.latency_s, cost, r.batch,
                                     r.retries, r.request_id))
        self.tokens += u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_write_tokens
        self.usd += cost or 0.0

    def stop(self) -> None:
        with self._lock:
            self.exhausted = True

    def totals(self) -> dict[str, int]:
        """Flat integer counters for the scan's stats (recorded with the scan)."""
        s = lambda attr: sum(getattr(c, attr) for c in self.calls)   # noqa: E731
        return {"model_calls": len(self.calls), "model_input_tokens": s("input_tokens"),
                "model_output_tokens": s("output_tokens"), "model_cache_read_tokens": s("cache_read_tokens"),
                "model_cache_write_tokens": s("cache_write_tokens"),
                "model_latency_ms": int(s("latency_s") * 1000),
                "model_cost_microusd": int(round(sum(c.cost_usd or 0.0 for c in self.calls) * 1e6))}
