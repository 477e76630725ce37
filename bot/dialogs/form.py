"""A small declarative form engine (in the spirit of Rasa forms): slots, extractors, one question.

A form declares its slots in order. Each slot has extractors (they read a value out of the
message), a validator (is the value acceptable), a question, and says whether it is required. On
**every** message of the form every extractor that may run does, so the shopper can fill or
change any slot at any step, in any order, several at once; then the form asks for the first
required slot still missing, or shows its final step (a confirmation) when none is. Skipping what
is already filled is therefore the engine's doing, not each question's.

Where an extractor may run (`Reach`):

* `ANYWHERE`: every message, even while a free-text answer is asked (a phone number, "地址改成…",
  "改成两件": strong signals). These run first and may take their part of the text, so the
  answer to a free-text question is what is left ("王芳 15812345678" at the name step).
* `NEAR`: every message, except while a slot that takes the shopper's own words (name, address)
  is asked: there "白色" or "两件" is part of the answer, not a spec or a quantity.
* `ASKED` / `AT`: only while this slot (or one of the listed steps) is asked: a bare "2" is the
  quantity only when the quantity was asked.

Optional slots (`required=False`) are never asked: they are taken when the shopper offers them.
A value that changes a filled slot is a correction: the engine says what changed ("已把手机号改成
…"), and a form's `recap` (the new total) follows when the next question does not show it.
At an `asks_first` step (the order's product) what was given ahead of it is kept and said after
the question ("收货人、手机号已经记下…"): the answer the form needs first is asked first.

Values are one dataclass per form (typed slots); `Codec` keeps it as JSON in the session under
the form's name. The session state is `"<form>:<step>"`, the step being asked.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bot.dialogs.codec import Codec, StoredValuesInvalid
from bot.dialogs.conversation import (
    END,
    Conversation,
    GlobalMoves,
    Target,
    is_chat,
    leave,
    own,
    slots_with,
    texts,
    waiting,
)
from bot.dialogs.moving_on import says_go_on
from bot.dialogs.parse import asked_beside
from bot.dialogs.slot import (
    ALL,
    Again,
    Done,
    Exit,
    Extractor,
    FinalStep,
    FormTurn,
    Reach,
    Slot,
)
from bot.protocol import Inbound, Reply, TextReply
from bot.session import Session
from bot.step import Context, Step

if TYPE_CHECKING:
    pass

V = TypeVar("V")

NOT_UNDERSTOOD = "没太明白您的意思～"
NOT_YET = "还差这一步，选好就能继续～"
RESTARTED = "抱歉，刚才的流程已失效，我们重新开始。"
FIRST_STEP = "已经是第一步了，回复“取消”可以退出。"


def _within(part: str, taken: Sequence[str]) -> bool:
    return ALL not in taken and any(part in x for x in taken)


class Form(Generic[V]):
    """A declared form; see the module docstring. Checked when built."""

    def __init__(
        self,
        name: str,
        *,
        title: str,
        values: type[V],
        slots: Sequence[Slot[V]],
        final: FinalStep[V],
        moves: GlobalMoves,
        cancelled: Callable[[V], str],
        summary: Callable[[V], str | None] = lambda values: None,
        recap: Callable[[FormTurn[V]], str] | None = None,
        recap_after: frozenset[str] = frozenset(),
        shows_all: frozenset[str] = frozenset(),
        seed: Callable[[FormTurn[V], Mapping[str, Any]], V] | None = None,
        words: Mapping[frozenset[str], Callable[[FormTurn[V]], str]] | None = None,
        tidy: Callable[[V], V] = lambda values: values,
        asks_first: frozenset[str] = frozenset(),
    ) -> None:
        self.name = name
        self.title = title
        self.codec = Codec(values)
        self.slots = tuple(slots)
        self.final = final
        self.moves = moves
        self.cancelled = cancelled
        self._summary = summary
        self.recap = recap  # said after a change to a `recap_after` slot (the new total)
        self.recap_after = recap_after
        self.shows_all = shows_all | {final.name}  # steps whose question shows every value
        self.seed = seed
        self.words = dict(words or {})
        self.tidy = tidy
        # steps whose question comes before "…记下了" for details given ahead of it: what to buy
        # is the answer the form needs first, the receiver typed early is only kept for later
        self.asks_first = asks_first
        self.peers: dict[str, Conversation] = {}
        self._check()

    def _check(self) -> None:
        names = [s.name for s in self.slots] + [self.final.name]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: two steps share a name")
        if not self.asked_slots:
            raise ValueError(f"{self.name}: no required slot")
        for event, target in self.final.events.items():
            if target != END and target not in names:
                raise ValueError(f"{self.name}: {self.final.name} --{event}--> unknown {target!r}")

    # ------------------------------------------------------------------ the declaration

    @property
    def asked_slots(self) -> tuple[Slot[V], ...]:
        return tuple(s for s in self.slots if s.required)

    @property
    def start(self) -> str:
        return self.asked_slots[0].name

    @property
    def state_names(self) -> tuple[str, ...]:
        return (*(s.name for s in self.asked_slots), self.final.name)

    @property
    def table(self) -> Mapping[tuple[str, str], Target]:
        """The forward moves, drawn from the declaration: each step to the next, then the
        final step's outcomes."""
        steps = self.state_names
        moves: dict[tuple[str, str], Target] = {
            (here, "filled"): there for here, there in itertools.pairwise(steps)
        }
        moves.update({(self.final.name, e): t for e, t in self.final.events.items()})
        return moves

    @property
    def notes(self) -> tuple[str, ...]:
        optional = [s.label for s in self.slots if not s.required]
        lines = [
            "Every message runs every slot's extractors: any slot can be",
            "filled or corrected at any step; a filled step is skipped.",
        ]
        if optional:
            lines.append(f"Optional, taken when offered: {'、'.join(optional)}.")
        lines += [
            "取消 ends the form, 返回 asks the previous slot again, 人工 hands",
            "off (the values are kept); questions are answered in passing.",
        ]
        return tuple(lines)

    # ------------------------------------------------------------------ session

    def holds(self, session: Session) -> bool:
        return bool(own(session, self.name))

    def values_of(self, session: Session) -> V:
        return self.codec.load(own(session, self.name))

    def summary(self, session: Session) -> str | None:
        try:
            return self._summary(self.values_of(session)) if self.holds(session) else None
        except StoredValuesInvalid:
            return None

    def _asked(self, session: Session) -> str | None:
        dialog, _, step = (session.state or "").partition(":")
        return step if dialog == self.name and step in self.state_names else None

    def _turn(self, msg: Inbound, ctx: Context) -> FormTurn[V]:
        asked = self._asked(ctx.session)
        if asked is not None and not self.holds(ctx.session) and ctx.session.slots:
            raise StoredValuesInvalid(f"{self.name}: slots kept the way an older version did")
        return FormTurn(msg, ctx, self.values_of(ctx.session), asked)

    # ------------------------------------------------------------------ entry points

    async def begin(self, msg: Inbound, ctx: Context, *, before: Sequence[Reply] = ()) -> Step:
        """Open the form afresh with this message: whatever it already says is taken."""
        turn = FormTurn(msg, ctx, self.codec.fresh(), None)
        turn.asked = self._next(turn.values).name
        return await self._opening(turn, list(before))

    async def enter(
        self,
        msg: Inbound,
        ctx: Context,
        seed: Mapping[str, Any],
        before: Sequence[Reply] = (),
    ) -> Step:
        """Taken over from a peer: the values this form holds, the peer's `seed`, the message."""
        try:
            turn = self._turn(msg, ctx)
        except StoredValuesInvalid:
            turn = FormTurn(msg, ctx, self.codec.fresh(), None)
        if self.seed is not None:
            turn.values = self.seed(turn, seed)
        turn.asked = None  # the peer used the message to get here: it answers no question
        return await self._opening(turn, [*before, *texts(*turn.seeded)])

    async def resume(self, msg: Inbound, ctx: Context, before: Sequence[Reply] = ()) -> Step:
        try:
            turn = self._turn(msg, ctx)
        except StoredValuesInvalid:
            return await self.begin(msg, ctx, before=(*before, TextReply(RESTARTED)))
        return await self._ask_next(turn, list(before))

    async def handle(self, msg: Inbound, ctx: Context) -> Step:
        """The router's handler for "<name>:*" sessions."""
        try:
            turn = self._turn(msg, ctx)
        except StoredValuesInvalid:  # written by an older version: start over, never guess
            return await self.begin(msg, ctx, before=texts(RESTARTED))
        for words, answer in self.words.items():
            if turn.word in words:
                return await self._ask_next(turn, [TextReply(answer(turn))])
        move = self.moves.word(turn.word) if turn.word else None
        if move is not None and not self._kept_answer(turn):
            return await move(self, msg, ctx)
        if is_chat(msg):  # 挺智能的: no answer to the step (智能 is no product wanted)
            aside = await self.moves.unclear(self, msg, ctx)
            if isinstance(aside, Step):
                return aside
            return await self._ask_next(turn, texts(aside or ""), again=True)
        before = turn.values
        notes = await self._extract(turn)
        if turn.values != before or turn.problems or turn.refusals:
            asked = self._asked_beside(turn)
            if asked and (turn.values != before or turn.problems):  # "…，能开发票吗": too
                answered = await self.moves.aside(self, msg, self._as_taken(turn), asked)
                notes = [*texts(answered or ""), *notes]
            return await self._ask_next(turn, notes)
        if turn.asked == self.final.name:
            decided = await self.final.answer(turn)
            if isinstance(decided, Done):
                return await self._done(turn, decided.text)
            if isinstance(decided, Again):
                return await self._ask_next(turn, texts(decided.note))
        if says_go_on(turn.text):  # "下单吧" with a step still open: what is missing, not an aside
            return await self._ask_next(turn, [], confused=True)
        aside = await self.moves.unclear(self, msg, ctx)
        if isinstance(aside, Step):
            return aside
        if aside:
            return await self._ask_next(turn, texts(aside), again=True)
        return await self._ask_next(turn, [], confused=True)

    def _asked_beside(self, turn: FormTurn[V]) -> str:
        """What the message asks beside what the slots took: its clauses that ask while others
        do not ("想买个加湿器 来一个 声音大吗", "那就要一对 寄沈阳几天到": the city is the question's
        too), those a slot took whole or its fill answers left out ("备注 能周末送吗" is the note,
        "有券吗 用XIAOHE10" the code); else the text the slots left ("浅蓝的41有吗" at the colour
        question)."""
        parts = asked_beside(turn.text).split()
        if not parts:
            return "" if ALL in turn.taken else turn.rest
        answered = [s.answers for s in self.slots if s.name in turn.changed and s.answers]
        return " ".join(
            p
            for p in parts
            if not _within(p, turn.taken) and not any(a.search(p) for a in answered)
        )

    def _as_taken(self, turn: FormTurn[V]) -> Context:
        """The context with what this message put in the form, for the answer said beside it:
        the line just chosen is what "声音大吗" is about."""
        session = turn.ctx.session
        state = f"{self.name}:{turn.asked or self._next(turn.values).name}"
        slots = slots_with(session, self.name, self.codec.dump(turn.values))
        return turn.ctx.with_session(replace(session, state=state, slots=slots))

    def _kept_answer(self, turn: FormTurn[V]) -> bool:
        """Is this message an answer the asked slot keeps, though it reads as a global word?"""
        slot = next((x for x in self.slots if x.name == turn.asked), None)
        return slot is not None and slot.keeps is not None and bool(slot.keeps.search(turn.text))

    # ------------------------------------------------------------------ global moves

    async def cancel(self, msg: Inbound, ctx: Context) -> Step:
        try:
            text = self.cancelled(self.values_of(ctx.session))
        except StoredValuesInvalid:
            text = self.cancelled(self.codec.fresh())
        return await leave(self, msg, ctx, texts(text))

    async def back(self, msg: Inbound, ctx: Context) -> Step:
        """返回: the previous required slot that is filled is cleared and asked again."""
        try:
            turn = self._turn(msg, ctx)
        except StoredValuesInvalid:
            return await self.begin(msg, ctx, before=texts(RESTARTED))
        here = turn.asked or self._next(turn.values).name
        slot = self._slot(here)
        undone = slot.back(turn.values) if slot is not None and slot.back else None
        if undone is not None:
            turn.values = undone
            return await self._ask_next(turn, [])
        steps = [s.name for s in self.asked_slots]
        position = steps.index(here) if here in steps else len(steps)
        for previous in reversed(self.asked_slots[:position]):
            if previous.applies(turn.values) and previous.filled(turn.values):
                cleared = previous.clear(turn.values)
                if await self._alone(previous, turn, cleared):
                    continue  # nothing to choose there: 返回 goes further back
                turn.values = cleared
                return await self._ask_next(turn, [])
        return await self._ask_next(turn, texts(FIRST_STEP))

    async def reask(self, msg: Inbound, ctx: Context, before: str) -> Step:
        try:
            turn = self._turn(msg, ctx)
        except StoredValuesInvalid:
            return await self.begin(msg, ctx, before=texts(before, RESTARTED))
        return await self._ask_next(turn, texts(before), again=True)

    # ------------------------------------------------------------------ the engine

    def _slot(self, name: str) -> Slot[V] | None:
        return next((s for s in self.slots if s.name == name), None)

    def _next(self, values: V) -> Slot[V] | FinalStep[V]:
        """The first required slot that applies and is still empty, else the final step."""
        for slot in self.asked_slots:
            if slot.applies(values) and not slot.filled(values):
                return slot
        return self.final

    async def _next_asked(self, turn: FormTurn[V], out: list[Reply]) -> Slot[V] | FinalStep[V]:
        """The next step to ask, after taking the slots that have only one possible value (their
        notes go to `out`): nobody is asked to pick from a list of one."""
        step = self._next(turn.values)
        while isinstance(step, Slot) and step.only is not None:
            fill = await step.only(turn)
            if fill is None or fill.values == turn.values:
                break
            turn.values = fill.values
            out += texts(fill.note)
            step = self._next(turn.values)
        return step

    async def _alone(self, slot: Slot[V], turn: FormTurn[V], cleared: V) -> bool:
        """Would `slot`, emptied, be taken again without asking (it has one possible value)?"""
        if slot.only is None:
            return False
        probe = FormTurn(turn.msg, turn.ctx, cleared, turn.asked)
        return await slot.only(probe) is not None

    async def _opening(self, turn: FormTurn[V], replies: list[Reply]) -> Step:
        """The first message, read as the answer to `turn.asked` (the first question the form
        would ask, on `begin`)."""
        notes = await self._extract(turn, opening=True)
        asked = self._asked_beside(turn)
        if asked:  # "来一个 声音大吗", "那就要一对 寄沈阳几天到": the order, and asked too
            answered = await self.moves.aside(self, turn.msg, self._as_taken(turn), asked)
            notes = [*texts(answered or ""), *notes]
        return await self._ask_next(turn, [*replies, *notes], opening=True)

    def _runs(self, extractor: Extractor[V], slot: Slot[V], turn: FormTurn[V]) -> bool:
        if extractor.reach is Reach.ASKED:
            # "提交" at the name question moves on: a free-text answer is never a go-on word
            return turn.asked == slot.name and not (slot.free_text and says_go_on(turn.text))
        if extractor.reach is Reach.AT:
            return turn.asked in extractor.steps
        if extractor.reach is Reach.NEAR:
            asked = self._slot(turn.asked) if turn.asked else None
            return asked is None or not asked.free_text
        return True

    async def _extract(self, turn: FormTurn[V], *, opening: bool = False) -> list[Reply]:
        """Run the extractors: strong ones first (they may take their part of the text), then
        the others on what is left, each slot in declaration order. Returns the notes."""
        notes: list[str] = []
        before = turn.values
        # A slot that applies only once this message filled another ("我要两个保温杯 用券…": the
        # coupon, once the cart has a line) and declares `rereads` gets its strong readers last.
        late = [s for s in self.slots if s.rereads and not s.applies(turn.values)]
        for strong, slots in ((True, self.slots), (False, self.slots), (True, late)):
            for slot in slots:
                if not slot.applies(turn.values):
                    continue
                for extractor in slot.extract:
                    if (extractor.reach is Reach.ANYWHERE) != strong:
                        continue
                    if not strong and not turn.rest:
                        break
                    if self._runs(extractor, slot, turn) and await self._apply(
                        slot, extractor, turn, notes
                    ):
                        break
        await self._read_rest(turn, notes)
        turn.values = self.tidy(turn.values)
        corrections = self._corrections(before, turn)
        if not opening:  # the first message's values are the request itself: no "记下了"
            notes += corrections
        return list(texts(*notes))

    async def _read_rest(self, turn: FormTurn[V], notes: list[str]) -> None:
        """The slots declaring `reads_rest` that took nothing read what the others left: the
        "下单" of "下单 备注…" once the note took its part."""
        rest = turn.rest
        if not rest or rest == turn.text:
            return
        for slot in self.slots:
            if not slot.reads_rest or slot.name in turn.changed or not slot.applies(turn.values):
                continue
            probe = FormTurn(replace(turn.msg, text=rest), turn.ctx, turn.values, turn.asked)
            for extractor in slot.extract:
                if self._runs(extractor, slot, probe) and await self._apply(
                    slot, extractor, probe, notes
                ):
                    break
            if probe.values is turn.values and not probe.problems and not probe.refusals:
                continue
            turn.values = probe.values
            turn.problems += probe.problems
            turn.refusals += probe.refusals
            turn.changed |= probe.changed
            turn.told |= probe.told
            turn.taken += probe.taken
            return

    async def _apply(
        self, slot: Slot[V], extractor: Extractor[V], turn: FormTurn[V], notes: list[str]
    ) -> bool:
        """Validate and keep one extractor's fill; True when it filled its slot."""
        fill = extractor.read(turn)
        if fill is None:
            return False
        previous = turn.values
        if fill.values == previous:
            if fill.note:
                turn.refusals.append(fill.note)
                if fill.taken:  # "已经是2件了": the text was that answer, no other slot's
                    turn.taken.append(fill.taken)
            return bool(fill.note)
        turn.values = fill.values
        problem = await slot.validate(turn) if slot.validate else None
        if problem:
            turn.values = previous
            turn.problems.append(problem)
            return True
        if fill.taken:
            turn.taken.append(fill.taken)
        if fill.note:
            notes.append(fill.note)
        if fill.says_itself:
            turn.told.add(slot.name)
        turn.changed.add(slot.name)
        return True

    def _corrections(self, before: V, turn: FormTurn[V]) -> list[str]:
        """ "已把手机号改成…" for slots that had a value and got another one; "手机号记下了" for
        slots filled while another was asked."""
        changed, noted = [], []
        for slot in self.slots:
            if slot.name not in turn.changed or slot.show is None or slot.name in turn.told:
                continue  # a fill that said what it took ("按后面的…记下了") is not said twice
            if slot.filled(before) and slot.filled(turn.values):
                old, new = slot.show(before), slot.show(turn.values)
                if old != new:
                    changed.append(f"已把{slot.label}改成{new}。")
            elif slot.filled(turn.values) and turn.asked not in (None, slot.name):
                noted.append(slot.label)
        asked_answered = turn.asked in turn.changed
        if not noted or asked_answered:
            return changed
        asked = self._slot(turn.asked) if turn.asked in self.asks_first else None
        if asked is not None:  # said after the question it did not answer (_ask_next)
            turn.held = f"{'、'.join(noted)}已经记下，选好{asked.label}后不用再发。"
            return changed
        return [*changed, f"好的，{'、'.join(noted)}记下了。"]

    async def _ask_next(
        self,
        turn: FormTurn[V],
        replies: Sequence[Reply],
        *,
        again: bool = False,
        confused: bool = False,
        opening: bool = False,
    ) -> Step:
        """Say `replies`, then ask what is missing (or show the final step)."""
        out: list[Reply] = list(replies)
        out += texts(*turn.problems, *([] if turn.changed else turn.refusals))
        step = await self._next_asked(turn, out)
        recapped = turn.changed & self.recap_after
        if self.recap and recapped and not opening and step.name not in self.shows_all:
            out += texts(self.recap(turn))
        wants_to_go_on = says_go_on(turn.msg.text)
        if confused and not wants_to_go_on:
            turn.ctx.note_not_understood()  # the retry or 没太明白 below says so
        if confused:
            slot = self._slot(step.name)
            retry = slot.retry if isinstance(slot, Slot) and step.name == turn.asked else None
            if retry and not wants_to_go_on:
                return self._wait(turn, step.name, [*out, TextReply(retry)])
            if wants_to_go_on and step is self.final and step.again:
                again = True  # 结算 at the final step: nothing is left to choose, its question
            elif wants_to_go_on:
                said = slot.not_yet if isinstance(slot, Slot) else None
                not_yet = said(turn.values) if said is not None else None
                out.append(TextReply(not_yet or NOT_YET))
            else:
                out.append(TextReply(NOT_UNDERSTOOD))
        ask = step.ask
        if again and step.again and step.name == turn.asked:
            ask = step.again
        assert ask is not None  # required slots have questions (checked when declared)
        question = await ask(turn)
        if isinstance(question, Exit):
            return await leave(
                self, turn.msg, turn.ctx, [*out, *texts(turn.held), TextReply(question.text)]
            )
        asked = [TextReply(question), *texts(turn.held)]
        if step.name != turn.asked:  # the step was taken after all: the note, then what is next
            asked.reverse()
        return self._wait(turn, step.name, [*out, *asked])

    def _wait(self, turn: FormTurn[V], step: str, replies: Sequence[Reply]) -> Step:
        mine = self.codec.dump(turn.values)
        return waiting(turn.ctx.session, self.name, step, mine, replies)

    async def _done(self, turn: FormTurn[V], *said: str) -> Step:
        return await leave(self, turn.msg, turn.ctx, texts(*said))
