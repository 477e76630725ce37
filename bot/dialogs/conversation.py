"""What every dialog is to the rest of the app, and the global moves the app gives each one.

Two kinds of dialog implement `Conversation`: state machines (machine.py: browsing, a path
through lists and cards) and forms (form.py: ordering and after-sales, slots filled in any order).
Both get a `GlobalMoves` when they are built: the words that mean the same in every step (取消,
返回, 重新开始, 人工, 我的订单 …) and what to do with a message a step cannot use (a question is
answered and the step asks again). The app decides those moves (bot/handlers/interrupts.py); the
dialogs only call them, so nothing is patched onto a dialog after it is built.

Each dialog keeps its values under its own name in the session's slots (`{"order": {...}}`), so
one dialog can hold its values while another is active: the order's cart stays while the shopper
browses for another product, and comes back when browsing ends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from bot.protocol import Inbound, Reply, TextReply
from bot.session import Session
from bot.step import Context, Step

END: Final = "[*]"


@dataclass(frozen=True)
class Goto:
    """A table target that hands the shopper over to another dialog (browse → order)."""

    dialog: str


Target = str | Goto


class Conversation(Protocol):
    """A dialog as the router, the global moves and its peers see it."""

    name: str
    title: str  # what the shopper is doing, for "您正在{title}…"
    peers: dict[str, Conversation]

    @property
    def start(self) -> str: ...

    @property
    def table(self) -> Mapping[tuple[str, str], Target]: ...

    @property
    def state_names(self) -> tuple[str, ...]: ...

    @property
    def notes(self) -> tuple[str, ...]:
        """What the diagram's note says about every state."""
        ...

    def holds(self, session: Session) -> bool:
        """The session keeps values of this dialog (it is active or waits to be resumed)."""
        ...

    def summary(self, session: Session) -> str | None:
        """What is under way, in a line or two for staff ("购物车：…"), or None."""
        ...

    async def handle(self, msg: Inbound, ctx: Context) -> Step: ...

    async def cancel(self, msg: Inbound, ctx: Context) -> Step:
        """取消: end this dialog and say what was dropped."""
        ...

    async def back(self, msg: Inbound, ctx: Context) -> Step:
        """返回: the previous question."""
        ...

    async def reask(self, msg: Inbound, ctx: Context, before: str) -> Step:
        """Say `before` (an answer to something else), then ask the current question again."""
        ...

    async def enter(
        self,
        msg: Inbound,
        ctx: Context,
        seed: Mapping[str, Any],
        before: Sequence[Reply] = (),
    ) -> Step:
        """Take the shopper over from a peer, with what the peer already knows (`seed`)."""
        ...

    async def resume(self, msg: Inbound, ctx: Context, before: Sequence[Reply] = ()) -> Step:
        """Become the active dialog again with the values it holds, asking where it stopped."""
        ...


WordMove = Callable[[Conversation, Inbound, Context], Awaitable[Step]]
"""What a global word does inside a dialog (cancel, back, hand-off, an answer in passing …)."""

Interject = Callable[[Conversation, Inbound, Context], Awaitable[str | Step | None]]
"""For a message the step cannot use: a text to say before asking again, a step that leaves the
dialog (a new request while browsing), or None (the dialog says it did not understand)."""


Aside = Callable[[Conversation, Inbound, Context, str], Awaitable[str | None]]
"""For a message a step did use that asks something besides (the unused part is given): the
answer to say before going on, or None."""


async def _nothing(conversation: Conversation, msg: Inbound, ctx: Context) -> None:
    return None


async def _no_aside(conversation: Conversation, msg: Inbound, ctx: Context, rest: str) -> None:
    return None


@dataclass(frozen=True)
class GlobalMoves:
    """The moves every dialog has besides its own questions, given at construction."""

    word: Callable[[str], WordMove | None] = lambda word: None
    unclear: Interject = _nothing
    aside: Aside = _no_aside


# ---------------------------------------------------------------------- the session's slots


DROPPED_CART = "dropped_cart"
"""Session slot: the order form's values that 算了 / 不买了 just dropped (kept for the next
message only: a step that ends the dialogs keeps no slot it does not set), so that "还是买吧"
brings the cart back as it was."""


def own(session: Session, name: str) -> Mapping[str, Any]:
    """This dialog's part of the session's slots."""
    raw = session.slots.get(name)
    return raw if isinstance(raw, Mapping) else {}


def slots_with(session: Session, name: str, mine: Mapping[str, Any] | None) -> dict[str, Any]:
    """All the session's slots with this dialog's part replaced (None: removed)."""
    slots = {k: v for k, v in session.slots.items() if isinstance(v, Mapping) and k != name}
    if mine is not None:
        slots[name] = dict(mine)
    return slots


def waiting(
    session: Session, name: str, state: str, mine: Mapping[str, Any], replies: Sequence[Reply]
) -> Step:
    """Stop at `state` of dialog `name` until the shopper answers."""
    return Step(
        replies=merge_texts(replies),
        next_state=f"{name}:{state}",
        slots=slots_with(session, name, mine),
        reset_slots=True,
    )


async def leave(
    conversation: Conversation, msg: Inbound, ctx: Context, replies: Sequence[Reply]
) -> Step:
    """End `conversation`. A peer still holding values (the cart, while browsing) takes over."""
    rest = slots_with(ctx.session, conversation.name, None)
    remaining = Session(None, rest, ctx.session.updated_at)
    for peer in conversation.peers.values():
        if peer.name != conversation.name and peer.holds(remaining):
            return await peer.resume(msg, ctx.with_session(remaining), replies)
    return Step(replies=merge_texts(replies), next_state=None, reset_slots=True)


def merge_texts(replies: Sequence[Reply]) -> tuple[Reply, ...]:
    """Adjacent texts become one message: fewer bubbles, and each one after the first costs
    customer-service quota (5 per shopper message, PLATFORM.md). An empty text is dropped."""
    merged: list[Reply] = []
    for reply in replies:
        if isinstance(reply, TextReply) and not reply.text.strip():
            continue
        last = merged[-1] if merged else None
        if isinstance(reply, TextReply) and isinstance(last, TextReply):
            merged[-1] = TextReply(f"{last.text}\n\n{reply.text}")
        else:
            merged.append(reply)
    return tuple(merged)


def texts(*parts: str) -> tuple[Reply, ...]:
    return tuple(TextReply(p) for p in parts if p)


def is_chat(msg: Inbound) -> bool:
    """Is the message small talk said in a phrase (挺智能的, 今天好冷啊, 我回来了)? No dialog step
    reads it as an answer; the unclear move replies in kind and the step's question follows."""
    from bot.handlers import smalltalk  # the handlers import the dialogs

    return bool(msg.text) and smalltalk.kind(msg.text) in smalltalk.CHAT_KINDS
