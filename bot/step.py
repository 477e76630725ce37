"""What a handler receives (`Context`) and returns (`Step`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from bot.protocol import Reply, TextReply
from bot.session import Session

if TYPE_CHECKING:
    from bot.services import Services


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()


@dataclass(frozen=True)
class Step:
    """The result of one handler: replies, the next dialog state and slot changes.

    `next_state=KEEP` leaves the state as it was, None ends the dialog. A slot set to None in
    `slots` is removed; `reset_slots` clears all slots before applying `slots`.
    """

    replies: tuple[Reply, ...] = ()
    next_state: str | _Keep | None = KEEP
    slots: Mapping[str, Any] = field(default_factory=dict)
    reset_slots: bool = False

    @classmethod
    def say(cls, *texts: str, **changes: Any) -> Step:
        return cls(replies=tuple(TextReply(t) for t in texts), **changes)

    def apply(self, session: Session) -> Session:
        state = session.state if isinstance(self.next_state, _Keep) else self.next_state
        slots = {} if self.reset_slots or state is None else dict(session.slots)
        for name, value in self.slots.items():
            if value is None:
                slots.pop(name, None)
            else:
                slots[name] = value
        return Session(state, slots, session.updated_at)


@dataclass(frozen=True)
class Context:
    """What a handler may use: the sender's session and the app's services."""

    session: Session
    services: Services
    match_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
