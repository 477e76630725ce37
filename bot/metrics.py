"""Prometheus metrics, one registry per app so tests can run several apps in one process."""

from __future__ import annotations

from typing import Self

import prometheus_client
from prometheus_client import CollectorRegistry, generate_latest

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


class _KeptChildren:
    """`labels(...)` answered from a dict of the children already made: prometheus_client checks
    and converts the values and takes a lock each time, and the pipeline asks three or four
    times per message for the same few children. (No metric here ever removes a child.)"""

    def labels(self, *values: object, **named: object) -> Self:
        if named:
            return super().labels(*values, **named)  # type: ignore[misc, no-any-return]
        kept: dict[tuple[object, ...], Self] = self.__dict__.setdefault("_kept_children", {})
        child = kept.get(values)
        if child is None:
            made: Self = super().labels(*values)  # type: ignore[misc]
            child = kept[values] = made
        return child


class Counter(_KeptChildren, prometheus_client.Counter):
    pass


class Histogram(_KeptChildren, prometheus_client.Histogram):
    pass


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.inbound = Counter(
            "shopbot_inbound", "Callbacks accepted", ["channel", "kind"], registry=self.registry
        )
        self.rejected = Counter(
            "shopbot_rejected", "Callbacks refused", ["channel", "status"], registry=self.registry
        )
        self.duplicates = Counter(
            "shopbot_duplicates",
            "Retries answered from the dedup record",
            ["channel"],
            registry=self.registry,
        )
        self.replies = Counter(
            "shopbot_replies",
            "Replies by how they went out",
            ["channel", "mode"],
            registry=self.registry,
        )
        self.store_unavailable = Counter(
            "shopbot_store_unavailable",
            "Callbacks answered with an apology because the state store did not answer",
            ["channel"],
            registry=self.registry,
        )
        self.takeovers = Counter(
            "shopbot_dedup_takeovers",
            "Retries that found a claim whose owner had stopped renewing it, and ran the handler",
            ["channel"],
            registry=self.registry,
        )
        self.claims_lost = Counter(
            "shopbot_dedup_claims_lost",
            "First attempts whose claim had been taken over before they answered",
            ["channel"],
            registry=self.registry,
        )
        self.handler_errors = Counter(
            "shopbot_handler_errors", "Handlers that raised", ["channel"], registry=self.registry
        )
        self.api_calls = Counter(
            "shopbot_api_calls",
            "Outbound WeChat / WeCom API calls by API and errcode (0 = ok, none = no answer)",
            ["api", "errcode"],
            registry=self.registry,
        )
        self._business()
        self.handle_seconds = Histogram(
            "shopbot_handle_seconds",
            "Time to the first reply",
            ["channel"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )

    def _business(self) -> None:
        registry = self.registry
        self.orders = Counter(
            "shopbot_orders",
            "Order events: created, paid, shipped, done, cancelled, expired, changed",
            ["event"],
            registry=registry,
        )
        self.tickets = Counter(
            "shopbot_tickets",
            "After-sales tickets opened and moved, by the state they moved to",
            ["event"],
            registry=registry,
        )
        self.handoffs = Counter(
            "shopbot_handoffs", "Hand-offs to a human: start, end", ["event"], registry=registry
        )
        self.intents = Counter(
            "shopbot_intents",
            "Shopper messages by the intent the bot acted on",
            ["channel", "intent"],
            registry=registry,
        )
        self.fallbacks = Counter(
            "shopbot_fallbacks",
            "Shopper messages the bot did not understand (answered honestly, a human offered)",
            ["channel"],
            registry=registry,
        )
        self.broadcast_sends = Counter(
            "shopbot_broadcast_sends",
            "Broadcast API calls by kind (group_task, mass, customer_service) and errcode",
            ["kind", "errcode"],
            registry=registry,
        )
        self.token_refreshes = Counter(
            "shopbot_token_refreshes", "access_token fetches", ["token"], registry=registry
        )

    def count_committed(self, action: str) -> None:
        """An audit action that committed (bot/storage/core.py): the business events it counts."""
        kind, _, event = action.partition(".")
        if kind == "order":
            self.orders.labels("changed" if event.startswith("change") else event).inc()
        elif kind == "ticket":
            self.tickets.labels(event).inc()
        elif kind == "handoff":
            self.handoffs.labels(event).inc()

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))
