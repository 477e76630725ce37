"""What the 微信客服 channel counts, on the app's Prometheus registry (GET /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter


class KfMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.pulls = Counter(
            "shopbot_kf_pulls",
            "kf/sync_msg calls by result (ok, error, unknown, token_stale, cursor_moved)",
            ["result"],
            registry=registry,
        )
        self.pulled = Counter(
            "shopbot_kf_pulled",
            "Pulled messages by origin (3 customer, 4 event, 5 servicer) and claim (new, seen)",
            ["origin", "claim"],
            registry=registry,
        )
        self.events = Counter(
            "shopbot_kf_events", "kf events handled, by event_type", ["event"], registry=registry
        )
        self.sends = Counter(
            "shopbot_kf_sends",
            "kf sends by API and result (ok, session_state, window_expired, count_limit, "
            "not_allowed, error, unknown)",
            ["api", "result"],
            registry=registry,
        )
        self.send_failures = Counter(
            "shopbot_kf_send_failures",
            "msg_send_fail events by fail_type (4 past 48 h, 6 over 5 messages, 10 refused ...)",
            ["fail_type"],
            registry=registry,
        )
        self.silenced = Counter(
            "shopbot_kf_silenced",
            "Customer messages left to a human, by session state (2 queued, 3 human)",
            ["state"],
            registry=registry,
        )
        self.skipped = Counter(
            "shopbot_kf_skipped",
            "Pulled messages not answered, by reason (expired: past 48 h; malformed; busy; error; "
            "welcome_late)",
            ["reason"],
            registry=registry,
        )
        self.handoffs = Counter(
            "shopbot_kf_handoffs",
            "Hand-offs by result (servicer, queue, failed) and hand-backs (released)",
            ["result"],
            registry=registry,
        )
