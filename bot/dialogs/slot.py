"""What a form is declared with: its slots, their extractors and validators, the final step.

The engine that runs a declaration is form.py; this module holds only the vocabulary a form's
declaration is written in (see form.py for how and when each part runs).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from bot.dialogs.turn import fold, word_of
from bot.protocol import Inbound
from bot.step import Context

if TYPE_CHECKING:
    from bot.services import Services

V = TypeVar("V")

ALL: Final = "\x00all"  # an extractor that used the whole message


class Reach(Enum):
    ASKED = "asked"
    AT = "at"
    NEAR = "near"
    ANYWHERE = "anywhere"


@dataclass
class FormTurn(Generic[V]):
    """One message as the form's functions see it; `values` changes as extractors fill slots."""

    msg: Inbound
    ctx: Context
    values: V
    asked: str | None
    taken: list[str] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # slots filled or changed by this message
    problems: list[str] = field(default_factory=list)  # values refused by a validator: why
    refusals: list[str] = field(default_factory=list)  # "这款没有“紫色”": said if nothing fits
    held: str = ""  # details given ahead of an `asks_first` step: said after its question
    told: set[str] = field(default_factory=set)  # slots whose fill said what it took itself
    seeded: list[str] = field(default_factory=list)  # what a peer's seed put in, said first

    @property
    def services(self) -> Services:
        return self.ctx.services

    @property
    def text(self) -> str:
        """The message text with full-width forms folded (１２３ → 123) and trimmed."""
        return fold(self.msg.text)

    @property
    def word(self) -> str:
        """The text as short answers are compared: no spaces or punctuation, lower case."""
        return word_of(self.msg.text)

    @property
    def rest(self) -> str:
        """The text without the parts extractors have already used."""
        if ALL in self.taken:
            return ""
        rest = self.text
        for part in self.taken:
            rest = rest.replace(part, " ", 1)
        return " ".join(rest.split())

    @property
    def channel(self) -> str:
        return str(self.msg.channel)

    @property
    def user(self) -> str:
        return self.msg.user


@dataclass(frozen=True)
class Fill(Generic[V]):
    """What an extractor found: the values with its slot filled (or changed), the part of the text
    it used (`ALL`: the whole message), and anything to tell the shopper about it. A fill that
    changes nothing but has a note is a refusal ("这款没有“紫色”"): the note is the answer."""

    values: V
    taken: str = ""
    note: str = ""
    says_itself: bool = False  # the note says the new value: no "已把…改成" / "…记下了" besides


Read = Callable[[FormTurn[V]], "Fill[V] | None"]


@dataclass(frozen=True)
class Extractor(Generic[V]):
    read: Read[V]
    reach: Reach = Reach.ASKED
    steps: frozenset[str] = frozenset()  # for Reach.AT


def asked(read: Read[V]) -> Extractor[V]:
    return Extractor(read, Reach.ASKED)


def near(read: Read[V]) -> Extractor[V]:
    return Extractor(read, Reach.NEAR)


def anywhere(read: Read[V]) -> Extractor[V]:
    return Extractor(read, Reach.ANYWHERE)


def at(*steps: str) -> Callable[[Read[V]], Extractor[V]]:
    def make(read: Read[V]) -> Extractor[V]:
        return Extractor(read, Reach.AT, frozenset(steps))

    return make


@dataclass(frozen=True)
class Exit:
    """A question that cannot be asked ends the form with this text (nothing to choose from)."""

    text: str


Ask = Callable[[FormTurn[V]], Awaitable["str | Exit"]]
Check = Callable[[FormTurn[V]], Awaitable[str | None]]
Only = Callable[[FormTurn[V]], Awaitable["Fill[V] | None"]]


def _always(values: Any) -> bool:
    return True


@dataclass(frozen=True)
class Slot(Generic[V]):
    """One slot of a form.

    `filled`/`clear` read and reset it in the values; `show` is how its value reads in a
    correction ("已把{label}改成{show}"; None: its fills say what changed themselves); `back` is
    what 返回 at this step does instead of going to the previous slot (None: the default).
    """

    name: str
    label: str
    filled: Callable[[V], bool]
    clear: Callable[[V], V]
    extract: tuple[Extractor[V], ...]
    ask: Ask[V] | None = None
    validate: Check[V] | None = None
    required: bool = True
    applies: Callable[[V], bool] = _always
    show: Callable[[V], str] | None = None
    free_text: bool = False
    retry: str | None = None  # said instead of the question when a message fits nothing here
    back: Callable[[V], V | None] | None = None
    again: Ask[V] | None = None  # a shorter question after an answer to something else
    keeps: re.Pattern[str] | None = None
    """Answers to this slot that also read as a global word: asked why they want a refund,
    "不想要了" is the reason, not 不要了 (leave)."""
    rereads: bool = False
    """A slot that does not apply when a message arrives reads it again once the other slots
    have, if it applies then: the coupon code given with the product that makes it apply."""
    answers: re.Pattern[str] | None = None
    """Questions this slot's fill answers itself: "有券吗 用XIAOHE10" asks nothing besides the code
    taken, so no how-to is said beside it."""
    reads_rest: bool = False
    """A slot that reads the message as a whole (a go-on word: "下单", "结算") reads what the other
    slots left of it once more, when it took nothing the first time: "下单 备注…", "嗯 下单 寄杭州"
    are the go-on word beside a note or a city, not a message that answers nothing."""
    only: Only[V] | None = None
    """The one value the slot can take, when there is only one (the shopper's only order that
    can have after-sales): taken instead of asking, its note saying what was taken."""
    not_yet: Callable[[V], str | None] | None = None
    """Said before the question again when the shopper wants to move on (结算, 确认) while this
    step is open, in its own words ("还没选商品"); None: the form's general 还差这一步."""

    def __post_init__(self) -> None:
        if self.required and self.ask is None:
            raise ValueError(f"required slot {self.name} has no question")


@dataclass(frozen=True)
class Done:
    """The final step finished the form (an order placed); `text` is the last word."""

    text: str


@dataclass(frozen=True)
class Again:
    """The final step stays (or the form moves back to a slot its answer emptied)."""

    note: str


Answer = Callable[[FormTurn[V]], Awaitable["Done | Again | None"]]


@dataclass(frozen=True)
class FinalStep(Generic[V]):
    """The step shown when no required slot is missing: the summary and what it accepts.

    `events` name its outcomes for the diagram (event → step name or END)."""

    name: str
    ask: Ask[V]
    answer: Answer[V]
    events: Mapping[str, str] = field(default_factory=dict)
    again: Ask[V] | None = None  # a shorter question after an answer to something else
