"""A shopper's conversation state (dialog state + slots), kept in the state store with a TTL.

Beside each session sits a marker (`…:seen`, the time of the last save) that outlives it by a
day, so a message after the session ran out can be told "your last step expired" instead of
being misread. The two keys are written and deleted together in one step (`write_many`): a worker
killed between two separate commands once left the marker without its session, and the shopper
was told an expired form submitted nothing when their order had just been placed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.protocol import Inbound
from bot.state import StateStore, jsonbytes, keys

if TYPE_CHECKING:
    from bot.storage import Database

SESSION_TTL_S = keys.SESSION.life_s


@dataclass(frozen=True)
class Session:
    state: str | None = None
    slots: Mapping[str, Any] = field(default_factory=dict)
    updated_at: float = 0.0
    expired: bool = False  # a dialog was under way but its session ran out before this message
    # For an expired session: the database shows no order or after-sales request of this
    # shopper since the dialog's last step. Only then may a reply say nothing was submitted.
    nothing_submitted: bool = False
    last_step_at: float = 0.0  # when the expired dialog was last saved (0: unknown)

    def to_json(self) -> bytes:
        data = {"state": self.state, "slots": dict(self.slots), "updated_at": self.updated_at}
        return jsonbytes.dumps_compact(data)

    @classmethod
    def from_json(cls, raw: bytes) -> Session:
        data = jsonbytes.loads(raw)
        return cls(data.get("state"), data.get("slots") or {}, float(data.get("updated_at", 0)))


def session_key(msg: Inbound) -> str:
    return keys.SESSION.key(msg.channel, msg.user)


class SessionStore:
    def __init__(
        self, store: StateStore, ttl_s: float = SESSION_TTL_S, clock: Clock | None = None
    ) -> None:
        self._store = store
        self.ttl_s = ttl_s
        self.clock = clock or store.clock  # the saved step's time, compared with orders' times

    async def load(self, msg: Inbound) -> Session:
        return (await self.load_beside(msg, None))[0]

    async def load_beside(self, msg: Inbound, other: str | None) -> tuple[Session, bytes | None]:
        """The session, and the value of the key `other` read in the same state-store call
        (one round trip to Redis instead of two)."""
        key = session_key(msg)
        wanted = [key, key + ":seen"] if other is None else [key, key + ":seen", other]
        raw, seen, *rest = await self._store.get_many(wanted)
        beside = rest[0] if rest else None
        if raw is not None:
            return Session.from_json(raw), beside
        if seen is None:
            return Session(), beside
        return Session(expired=True, last_step_at=_float(seen)), beside

    async def save(self, msg: Inbound, session: Session) -> None:
        key = session_key(msg)
        if session.state is None and not session.slots:
            await self._store.write_many({key: None, key + ":seen": None})
            return
        now = self.clock.time()
        stamped = Session(session.state, session.slots, now)
        await self._store.write_many(
            {
                key: (stamped.to_json(), self.ttl_s),
                key + ":seen": (repr(now).encode(), self.ttl_s + keys.SESSION_SEEN_EXTRA_S),
            }
        )


async def check_nothing_submitted(session: Session, msg: Inbound, db: Database) -> Session:
    """An expired session, marked `nothing_submitted` only when the database says so: no order
    and no after-sales request of this shopper since the dialog's last step."""
    if not session.expired or not session.last_step_at:
        return session
    # Workers stamp both times from their own (NTP-synchronised) clocks; an order placed by the
    # lost step was created after the step before it was saved, at least a message later.
    since = session.last_step_at
    channel = str(msg.channel)
    orders = await db.orders.list_orders(msg.user, 1, channel=channel)
    tickets = await db.tickets.list_tickets(msg.user, 1, channel=channel)
    newest = [o.created_at.timestamp() for o in orders] + [
        t.created_at.timestamp() for t in tickets
    ]
    if any(moment > since for moment in newest):
        return session
    return Session(expired=True, nothing_submitted=True, last_step_at=session.last_step_at)


def _float(raw: bytes) -> float:
    """The marker's save time; 0 for a marker written before it carried one ("1")."""
    try:
        value = float(raw)
    except ValueError:
        return 0.0
    return value if value > 1e9 else 0.0
