"""What a handler receives (`Context`) and returns (`Step`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Final

from bot.protocol import Reply, TextReply
from bot.session import Session

if TYPE_CHECKING:
    from bot.services import Services
    from knowledge import KnowledgeSnapshot
    from knowledge.model import KnowledgeBase


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
    """What a handler may use: the sender's session, the app's services and the knowledge this
    message is answered from.

    `knowledge` is taken from the holder once, when the message arrives (`Context.begin`), and
    every handler, dialog and catalogue helper of the message reads it from here: a staff
    /reload while the message is being answered cannot mix two catalogues in one reply; the
    next message sees the new one.
    """

    session: Session
    services: Services
    knowledge: KnowledgeSnapshot
    match_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    not_understood_marks: list[bool] = field(default_factory=list, compare=False, repr=False)
    """Marked when a reply to this message says it was not understood, wherever it was said
    (`note_not_understood`); one list, shared by every context derived from the message's."""
    gap_reasons: list[str] = field(default_factory=list, compare=False, repr=False)
    """Why the reply to this message could not answer it (`bot.gaps.record_gap`: no such
    product, a missing fact); shared like `not_understood_marks`."""

    @classmethod
    def begin(cls, session: Session, services: Services) -> Context:
        """The context of a message that just arrived, with the knowledge serving now."""
        return cls(session, services, services.knowledge.current)

    def with_session(self, session: Session, *, fresh_cache: bool = False) -> Context:
        """The same message seen with another session (a dialog handed on, a state restored);
        `fresh_cache` forgets what was worked out of the text (it is read as another text)."""
        return replace(self, session=session, match_cache={} if fresh_cache else self.match_cache)

    def note_not_understood(self) -> None:
        """The reply to this message says it was not understood (the fallback, 没太明白 in a list
        or a form, 答不上来): the `count_stats` middleware counts it once for /stats 未识别 and
        keeps the question for /unanswered."""
        if not self.not_understood_marks:
            self.not_understood_marks.append(True)

    @property
    def said_not_understood(self) -> bool:
        return bool(self.not_understood_marks)

    @property
    def kb(self) -> KnowledgeBase:
        return self.knowledge.kb
