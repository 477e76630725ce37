"""A shopper's conversation state (dialog state + slots), kept in the state store with a TTL."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.protocol import Inbound
from bot.state import StateStore

SESSION_TTL_S = (
    30 * 60
)  # an unfinished order or after-sales form is forgotten after 30 idle minutes


@dataclass(frozen=True)
class Session:
    state: str | None = None
    slots: Mapping[str, Any] = field(default_factory=dict)
    updated_at: float = 0.0
    expired: bool = False  # a dialog was under way but its session ran out before this message

    def to_json(self) -> bytes:
        data = {"state": self.state, "slots": dict(self.slots), "updated_at": self.updated_at}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Session:
        data = json.loads(raw)
        return cls(data.get("state"), data.get("slots") or {}, float(data.get("updated_at", 0)))


def session_key(msg: Inbound) -> str:
    return f"session:{msg.channel}:{msg.user}"


class SessionStore:
    def __init__(self, store: StateStore, ttl_s: float = SESSION_TTL_S) -> None:
        self._store = store
        self.ttl_s = ttl_s

    async def load(self, msg: Inbound) -> Session:
        raw = await self._store.get(session_key(msg))
        if raw is not None:
            return Session.from_json(raw)
        # A marker that outlives the session by a day tells "expired" apart from "never started".
        had_dialog = await self._store.get(session_key(msg) + ":seen") is not None
        return Session(expired=had_dialog)

    async def save(self, msg: Inbound, session: Session) -> None:
        key = session_key(msg)
        if session.state is None and not session.slots:
            await self._store.delete(key)
            await self._store.delete(key + ":seen")
            return
        stamped = Session(session.state, session.slots, time.time())
        await self._store.set(key, stamped.to_json(), self.ttl_s)
        await self._store.set(key + ":seen", b"1", self.ttl_s + 86400)
