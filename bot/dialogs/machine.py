"""Dialogs as data: a StrEnum of states, one function per state, one transition table.

A state is two small functions: `ask` runs when the dialog enters the state (it returns the
question, or an `Outcome` to move straight on when there is nothing to ask, e.g. a slot already
given in the first message) and `on` handles the shopper's answer and returns an `Outcome` whose
event the table turns into the next state. The table holds only forward moves; four events are
implicit because every state has them:

* `RETRY`: stay and ask again (invalid input; the reason is in the outcome's replies);
* `STAY`: stay and say only the outcome's replies (e.g. "got your photo, send more");
* `UNCLEAR`: the answer fits nothing here. The dialog's global moves decide (an off-topic question
  is answered and the state asks again; browsing follows a new request);
* 返回: back along the trail of states this pass went through (kept in the slots), clearing the
  slots of the state it returns to so that it asks again. A `checkpoint` state cuts the trail
  behind it, so "back" never walks into work already committed.

The global words (取消, 返回, 人工 …) are the `GlobalMoves` the dialog gets when it is built. The
session keeps `"<dialog>:<state>"` and the dialog's slots under its name, so a dialog survives
restarts and moves between workers; nothing lives in process memory. Forms (slots filled in any
order) are form.py; this machine suits paths through lists and cards (browsing).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

from bot.dialogs.conversation import (
    END,
    Conversation,
    GlobalMoves,
    Goto,
    Target,
    is_chat,
    leave,
    own,
    slots_with,
    texts,
    waiting,
)
from bot.dialogs.turn import Turn
from bot.protocol import Inbound, Reply, TextReply
from bot.session import Session
from bot.step import KEEP, Context, Step

S = TypeVar("S", bound=StrEnum)

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


Prompt = tuple[Reply, ...]


AskFn = Callable[[Turn], Awaitable[Prompt | Outcome]]
OnFn = Callable[[Turn], Awaitable[Outcome]]


@dataclass(frozen=True)
class StateDef:
    ask: AskFn
    on: OnFn
    owns: tuple[str, ...] = ()  # slots this state fills; cleared when "back" returns to it
    checkpoint: bool = False
    again: AskFn | None = None  # a shorter question for asking again (a card is not re-sent)


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
        moves: GlobalMoves,
        exit_on_first_back: bool = False,
    ) -> None:
        self.name = name
        self.title = title  # what the shopper is doing, for "您正在{title}…"
        self.start = start
        self.states = dict(states)
        self.transitions = dict(table)
        self.cancelled = cancelled
        self.moves = moves
        self.exit_on_first_back = exit_on_first_back
        self.peers: dict[str, Conversation] = {}
        self._check()

    @property
    def table(self) -> Mapping[tuple[str, str], Target]:
        return {(state.value, event): target for (state, event), target in self.transitions.items()}

    @property
    def state_names(self) -> tuple[str, ...]:
        return tuple(s.value for s in type(self.start))

    @property
    def notes(self) -> tuple[str, ...]:
        return (
            "In every state: 取消 ends the dialog, 返回 goes back to the",
            "previous state the shopper answered, 重新开始 starts the",
            "conversation over, 人工 hands the shopper to a human.",
            "Invalid or off-topic input is answered and the state asks again.",
        )

    def holds(self, session: Session) -> bool:
        return bool(own(session, self.name))

    def summary(self, session: Session) -> str | None:
        return None

    def _check(self) -> None:
        kinds = type(self.start)
        missing = [s for s in kinds if s not in self.states]
        if missing:
            raise ValueError(f"{self.name}: no definition for {missing}")
        for (source, event), target in self.transitions.items():
            if event in IMPLICIT_EVENTS:
                raise ValueError(f"{self.name}: {event} is implicit, not a table entry")
            known = isinstance(target, Goto) or target == END or target in set(kinds)
            if not known:
                raise ValueError(f"{self.name}: {source} --{event}--> unknown {target!r}")

    def state_of(self, ctx: Context) -> S | None:
        """The current state from the session ("browse:list" → BrowseState.LIST)."""
        dialog, _, raw = (ctx.session.state or "").partition(":")
        kinds = type(self.start)
        return kinds(raw) if dialog == self.name and raw in kinds.__members__.values() else None

    def _turn(self, msg: Inbound, ctx: Context) -> Turn:
        return Turn(msg, ctx, dict(own(ctx.session, self.name)))

    # ------------------------------------------------------------------ entry points

    async def begin(
        self,
        msg: Inbound,
        ctx: Context,
        seed: Mapping[str, Any] | None = None,
        *,
        before: Sequence[Reply] = (),
    ) -> Step:
        """Start (or restart) at the start state with `seed` slots already filled."""
        turn = Turn(msg, ctx, {k: v for k, v in (seed or {}).items() if v is not None})
        return await self._enter(turn, self.start, list(before))

    async def enter(
        self,
        msg: Inbound,
        ctx: Context,
        seed: Mapping[str, Any],
        before: Sequence[Reply] = (),
    ) -> Step:
        return await self.begin(msg, ctx, seed, before=before)

    def showing(
        self,
        msg: Inbound,
        ctx: Context,
        state: S,
        seed: Mapping[str, Any],
        replies: Sequence[Reply],
    ) -> Step:
        """Wait at `state` with `seed`, saying `replies` instead of the state's own prompt: an
        answer about one product puts it on screen without its card (on the trail for 返回)."""
        return self._wait(Turn(msg, ctx, dict(seed)), state, list(replies))

    async def resume(self, msg: Inbound, ctx: Context, before: Sequence[Reply] = ()) -> Step:
        state = self.state_of(ctx)
        turn = self._turn(msg, ctx)
        if state is None:
            return await self._enter(turn, self.start, list(before))
        return await self._advance(turn, state, Outcome(RETRY, tuple(before)))

    async def handle(self, msg: Inbound, ctx: Context) -> Step:
        """The router's handler for "<name>:*" sessions."""
        state = self.state_of(ctx)
        turn = self._turn(msg, ctx)
        if state is None:  # a state renamed by an upgrade: start over rather than guess
            return await self.begin(
                msg, ctx, before=texts("抱歉，刚才的流程已失效，我们重新开始。")
            )
        move = self.moves.word(turn.word) if turn.word else None
        if move is not None:
            return await move(self, msg, ctx)
        # 挺智能的 / 我回来了 on a card is small talk, never a question about the product
        outcome = Outcome(UNCLEAR) if is_chat(msg) else await self.states[state].on(turn)
        if outcome.event == UNCLEAR:
            aside = await self.moves.unclear(self, msg, ctx)
            if isinstance(aside, Step):
                return aside
            if aside:
                outcome = Outcome(UNCLEAR, texts(aside))
            else:
                ctx.note_not_understood()  # the state's own "没太明白" stands
        return await self._advance(turn, state, outcome)

    # ------------------------------------------------------------------ global moves

    async def cancel(self, msg: Inbound, ctx: Context) -> Step:
        return await leave(self, msg, ctx, texts(self.cancelled))

    async def back(self, msg: Inbound, ctx: Context) -> Step:
        """返回: to the previous state on the trail, asking its question again.

        States passed on the way here because their slot was already filled are on the trail
        too; a state with nothing to ask even with its slots cleared is passed over, further back.
        """
        state = self.state_of(ctx) or self.start
        turn = self._turn(msg, ctx)
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
            return await self.cancel(msg, ctx)
        turn.slots[TRAIL] = [state]
        return await self._advance(
            turn, state, Outcome(RETRY, texts("已经是第一步了，回复“取消”可以退出。"))
        )

    async def reask(self, msg: Inbound, ctx: Context, before: str) -> Step:
        """Say `before`, then ask the current state's question again (an interjection)."""
        state = self.state_of(ctx) or self.start
        return await self._advance(self._turn(msg, ctx), state, Outcome(RETRY, texts(before)))

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
        target = self.transitions[(state, outcome.event)]
        if isinstance(target, Goto):  # a hand-over: this dialog's slots go, the peer's stay
            session = turn.ctx.session
            handed = Session(
                session.state, slots_with(session, self.name, None), session.updated_at
            )
            ctx = turn.ctx.with_session(handed)
            return await self.peers[target.dialog].enter(turn.msg, ctx, outcome.seed, replies)
        if target == END:
            return await leave(self, turn.msg, turn.ctx, replies)
        return self._kind(target)

    async def _enter(
        self, turn: Turn, state: S, replies: list[Reply], *, again: bool = False
    ) -> Step:
        """Ask `state`'s question; a state with nothing to ask moves on through the table."""
        for _ in range(MAX_HOPS):
            definition = self.states[state]
            asked = await (definition.again if again and definition.again else definition.ask)(turn)
            if again and not asked and not replies:  # a silent re-ask with nothing said before it
                asked = await definition.ask(turn)
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
        return waiting(turn.ctx.session, self.name, state.value, turn.slots, replies)


def _mark(turn: Turn, state: str) -> None:
    """Put `state` on the trail (cutting a loop back to its first visit)."""
    trail = list(turn.slots.get(TRAIL) or [])
    turn.slots[TRAIL] = trail[: trail.index(state) + 1] if state in trail else [*trail, state]


def ended(step: Step) -> Step:
    """A non-dialog handler's step used to leave a dialog: KEEP would keep the old state."""
    if step.next_state is KEEP:
        return replace(step, next_state=None, reset_slots=True)
    return step
