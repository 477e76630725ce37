"""Dialogs as data: a StrEnum of states, one function per state, one transition table.

A state is two small functions: `ask` runs when the dialog enters the state (it returns the
question, or an `Outcome` to move straight on when there is nothing to ask, e.g. a slot already
given in the first message) and `on` handles the shopper's answer and returns an `Outcome` whose
event the table turns into the next state. The table holds only forward moves; four events are
implicit because every state has them:

* `RETRY`: stay and ask again (invalid input; the reason is in the outcome's replies);
* `STAY`: stay and say only the outcome's replies (e.g. "got your photo, send more");
* `UNCLEAR`: the answer fits nothing here. An off-topic question is answered and the state
  asks again (a form never loses its place because the shopper asked about shipping);
* 返回: back along the trail of states this pass went through (kept in the slots), clearing the
  slots of the state it returns to so that it asks again. A `checkpoint` state cuts the trail
  behind it, so "back" never walks into work already committed (a cart line).

The session keeps `"<dialog>:<state>"` and the slots, so a dialog survives restarts and moves
between workers; nothing lives in process memory.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

from bot.dialogs.turn import Turn
from bot.protocol import Inbound, Reply, TextReply
from bot.step import KEEP, Context, Step

S = TypeVar("S", bound=StrEnum)

END: Final = "[*]"
RETRY: Final = "retry"
STAY: Final = "stay"
UNCLEAR: Final = "unclear"
IMPLICIT_EVENTS: Final = frozenset({RETRY, STAY, UNCLEAR})
TRAIL = "_trail"
MAX_HOPS = 32  # states skipped in one message; more means a loop in a table (a bug)


@dataclass(frozen=True)
class Outcome:
    """What a state function decided: an event for the table, what to say, slots for a hand-over."""

    event: str
    replies: tuple[Reply, ...] = ()
    seed: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def say(cls, event: str, *texts: str, seed: Mapping[str, Any] | None = None) -> Outcome:
        return cls(event, tuple(TextReply(t) for t in texts), seed or {})


@dataclass(frozen=True)
class Goto:
    """A table target that hands the shopper over to another dialog (browse → order)."""

    dialog: str


Prompt = tuple[Reply, ...]


def prompt(*texts: str) -> Prompt:
    """A question (or a note and a question) as text replies."""
    return tuple(TextReply(t) for t in texts)


AskFn = Callable[[Turn], Awaitable[Prompt | Outcome]]
OnFn = Callable[[Turn], Awaitable[Outcome]]
Target = str | Goto


@dataclass(frozen=True)
class StateDef:
    ask: AskFn
    on: OnFn
    owns: tuple[str, ...] = ()  # slots this state fills; cleared when "back" returns to it
    checkpoint: bool = False
    again: AskFn | None = None  # a shorter question for asking again (a card is not re-sent)


UnclearFn = Callable[["Dialog[Any]", Turn, str], Awaitable[Step | None]]
InterruptFn = Callable[["Dialog[Any]", Turn, str], Awaitable[Step | None]]


class Dialog(Generic[S]):
    """One state machine. Checked when built: every state defined, every target known."""

    def __init__(
        self,
        name: str,
        start: S,
        states: Mapping[S, StateDef],
        table: Mapping[tuple[S, str], Target],
        *,
        title: str,
        cancelled: str,
        form: bool = True,
        exit_on_first_back: bool = False,
    ) -> None:
        self.name = name
        self.title = title  # what the shopper is doing, for "您正在{title}…"
        self.start = start
        self.states = dict(states)
        self.table = dict(table)
        self.cancelled = cancelled
        self.form = form  # a form keeps the shopper on its question; browsing follows new asks
        self.exit_on_first_back = exit_on_first_back
        self.peers: dict[str, Dialog[Any]] = {}
        self.interrupt: InterruptFn | None = None
        self.unclear: UnclearFn | None = None
        self._check()

    def _check(self) -> None:
        kinds = type(self.start)
        missing = [s for s in kinds if s not in self.states]
        if missing:
            raise ValueError(f"{self.name}: no definition for {missing}")
        for (source, event), target in self.table.items():
            if event in IMPLICIT_EVENTS:
                raise ValueError(f"{self.name}: {event} is implicit, not a table entry")
            known = isinstance(target, Goto) or target == END or target in set(kinds)
            if not known:
                raise ValueError(f"{self.name}: {source} --{event}--> unknown {target!r}")

    def state_of(self, ctx: Context) -> S | None:
        """The current state from the session ("order:phone" → OrderState.PHONE)."""
        raw = (ctx.session.state or "").partition(":")[2]
        kinds = type(self.start)
        return kinds(raw) if raw in kinds.__members__.values() else None

    # ------------------------------------------------------------------ entry points

    async def begin(
        self,
        msg: Inbound,
        ctx: Context,
        seed: Mapping[str, Any] | None = None,
        *,
        before: tuple[Reply, ...] = (),
    ) -> Step:
        """Start (or restart) at the start state with `seed` slots already filled."""
        turn = Turn(msg, ctx, {k: v for k, v in (seed or {}).items() if v is not None})
        return await self._enter(turn, self.start, list(before))

    async def handle(self, msg: Inbound, ctx: Context) -> Step:
        """The router's handler for "<name>:*" sessions."""
        state = self.state_of(ctx)
        turn = Turn(msg, ctx, dict(ctx.session.slots))
        if state is None:  # a state renamed by an upgrade: start over rather than guess
            return await self.begin(
                msg, ctx, before=(TextReply("抱歉，刚才的流程已失效，我们重新开始。"),)
            )
        if self.interrupt is not None:
            step = await self.interrupt(self, turn, state)
            if step is not None:
                return step
        outcome = await self.states[state].on(turn)
        if outcome.event == UNCLEAR and self.unclear is not None:
            step = await self.unclear(self, turn, state)
            if step is not None:
                return step
        return await self._advance(turn, state, outcome)

    # ------------------------------------------------------------------ global moves

    def cancel(self) -> Step:
        return self.finish((TextReply(self.cancelled),))

    async def restart(self, turn: Turn) -> Step:
        return await self.begin(turn.msg, turn.ctx, before=(TextReply("好的，我们重新开始。"),))

    async def back(self, turn: Turn, state: str) -> Step:
        """返回: to the previous state on the trail, asking its question again.

        States passed on the way here because their slot was already filled are on the trail
        too (so "我要两件黑色M码的T恤" then 返回 asks the quantity); a state with nothing to ask
        even with its slots cleared (a product without specs) is passed over, further back.
        """
        trail = list(turn.slots.get(TRAIL) or [state])
        if trail and trail[-1] == state:
            trail.pop()
        for slot in self.states[self._kind(state)].owns:
            turn.slots.pop(slot, None)
        while trail:
            previous = self._kind(trail.pop())
            for slot in self.states[previous].owns:
                turn.slots.pop(slot, None)
            turn.slots[TRAIL] = trail
            asked = await self.states[previous].ask(turn)
            if not isinstance(asked, Outcome):
                return self._wait(turn, previous, list(asked))
        if self.exit_on_first_back:
            return self.cancel()
        turn.slots[TRAIL] = [state]
        return await self.reask(turn, state, (TextReply("已经是第一步了，回复“取消”可以退出。"),))

    async def reask(self, turn: Turn, state: str, before: tuple[Reply, ...]) -> Step:
        """Say `before`, then ask the current state's question again (an interjection)."""
        return await self._advance(turn, self._kind(state), Outcome(RETRY, before))

    @staticmethod
    def finish(replies: tuple[Reply, ...]) -> Step:
        return Step(replies=merge_texts(replies), next_state=None, reset_slots=True)

    # ------------------------------------------------------------------ the engine

    def _kind(self, raw: str) -> S:
        kind: S = type(self.start)(raw)
        return kind

    async def _advance(self, turn: Turn, state: S, outcome: Outcome) -> Step:
        replies: list[Reply] = list(outcome.replies)
        if outcome.event == STAY:
            return self._wait(turn, state, replies)
        if outcome.event in (RETRY, UNCLEAR):
            return await self._enter(turn, state, replies, again=True)
        if self.states[state].checkpoint:
            turn.slots[TRAIL] = [state.value]
        target = await self._follow(turn, state, outcome, replies)
        return target if isinstance(target, Step) else await self._enter(turn, target, replies)

    async def _follow(
        self, turn: Turn, state: S, outcome: Outcome, replies: list[Reply]
    ) -> S | Step:
        """The table's target for `outcome`: the next state, or the step that ends this dialog
        (its end, or the other dialog's first question after a hand-over)."""
        if outcome.event in IMPLICIT_EVENTS:
            raise RuntimeError(f"{self.name}:{state} cannot move on {outcome.event}")
        target = self.table[(state, outcome.event)]
        if isinstance(target, Goto):
            peer = self.peers[target.dialog]
            return await peer.begin(turn.msg, turn.ctx, outcome.seed, before=tuple(replies))
        if target == END:
            return self.finish(tuple(replies))
        return self._kind(target)

    async def _enter(
        self, turn: Turn, state: S, replies: list[Reply], *, again: bool = False
    ) -> Step:
        """Ask `state`'s question; a state with nothing to ask moves on through the table."""
        for _ in range(MAX_HOPS):
            definition = self.states[state]
            asked = await (definition.again if again and definition.again else definition.ask)(turn)
            again = False
            if not isinstance(asked, Outcome):
                replies.extend(asked)
                return self._wait(turn, state, replies)
            replies.extend(asked.replies)
            _mark(turn, state.value)
            target = await self._follow(turn, state, asked, replies)
            if isinstance(target, Step):
                return target
            state = target
        raise RuntimeError(f"{self.name}: more than {MAX_HOPS} states skipped in one message")

    def _wait(self, turn: Turn, state: S, replies: list[Reply]) -> Step:
        """Stop at `state` until the shopper answers, and put it on the trail for 返回.

        Coming round to a state already on the trail (a loop) cuts the trail back to it.
        """
        _mark(turn, state.value)
        return Step(
            replies=merge_texts(replies),
            next_state=f"{self.name}:{state.value}",
            slots=dict(turn.slots),
            reset_slots=True,
        )


def _mark(turn: Turn, state: str) -> None:
    """Put `state` on the trail (cutting a loop back to its first visit)."""
    trail = list(turn.slots.get(TRAIL) or [])
    turn.slots[TRAIL] = trail[: trail.index(state) + 1] if state in trail else [*trail, state]


def merge_texts(replies: Sequence[Reply]) -> tuple[Reply, ...]:
    """Adjacent texts become one message: fewer bubbles, and each one after the first costs
    customer-service quota (5 per shopper message, PLATFORM.md)."""
    merged: list[Reply] = []
    for reply in replies:
        last = merged[-1] if merged else None
        if isinstance(reply, TextReply) and isinstance(last, TextReply):
            merged[-1] = TextReply(f"{last.text}\n\n{reply.text}")
        else:
            merged.append(reply)
    return tuple(merged)


def ended(step: Step) -> Step:
    """A non-dialog handler's step used to leave a dialog: KEEP would keep the old state."""
    if step.next_state is KEEP:
        return replace(step, next_state=None, reset_slots=True)
    return step
