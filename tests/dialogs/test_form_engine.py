"""The form engine on a toy form (a drink order): slots in any order, several at once,
corrections, optional slots taken only when offered, validators, 返回, moves given at build."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from bot.dialogs.codec import Codec, StoredValuesInvalid
from bot.dialogs.conversation import END, Conversation, GlobalMoves, WordMove
from bot.dialogs.form import Form
from bot.dialogs.slot import (
    ALL,
    Again,
    Done,
    Fill,
    FinalStep,
    FormTurn,
    Slot,
    anywhere,
    asked,
    near,
)
from bot.protocol import Channel, Inbound, Kind, TextReply
from bot.session import Session
from bot.step import Context, Step


@dataclass
class Drink:
    size: str | None = None
    sugar: str | None = None
    name: str | None = None
    note: str | None = None  # optional: only when the customer offers it
    extras: list[str] = dataclasses.field(default_factory=list)


SIZES = re.compile(r"(大杯|中杯|小杯)")
SUGARS = re.compile(r"(无糖|少糖|半糖|全糖)")


def _field(name: str) -> tuple[Any, Any]:
    return (
        lambda v: getattr(v, name) is not None,
        lambda v: dataclasses.replace(v, **{name: None}),
    )


def _size(turn: FormTurn[Drink]) -> Fill[Drink] | None:
    found = SIZES.search(turn.text)
    return (
        Fill(dataclasses.replace(turn.values, size=found.group(1)), found.group(1))
        if found
        else None
    )


def _sugar(turn: FormTurn[Drink]) -> Fill[Drink] | None:
    found = SUGARS.search(turn.rest)
    return Fill(dataclasses.replace(turn.values, sugar=found.group(1))) if found else None


def _sugar_by_number(turn: FormTurn[Drink]) -> Fill[Drink] | None:
    options = ("无糖", "少糖", "半糖", "全糖")
    if turn.rest.isdigit() and 1 <= int(turn.rest) <= len(options):
        return Fill(dataclasses.replace(turn.values, sugar=options[int(turn.rest) - 1]), ALL)
    return None


def _name(turn: FormTurn[Drink]) -> Fill[Drink] | None:
    rest = turn.rest
    if len(rest) < 2 or re.search(r"[?？]", rest) or rest.isdigit():
        return None
    return Fill(dataclasses.replace(turn.values, name=rest), ALL)


def _note(turn: FormTurn[Drink]) -> Fill[Drink] | None:
    found = re.search(r"备注[:：]?(\S+)", turn.text)
    if not found:
        return None
    return Fill(dataclasses.replace(turn.values, note=found.group(1)), found.group(0))


async def _no_small_cups(turn: FormTurn[Drink]) -> str | None:
    return "小杯卖完了，请选大杯或中杯。" if turn.values.size == "小杯" else None


def _ask(text: str) -> Any:
    async def ask(turn: FormTurn[Drink]) -> str:
        return text

    return ask


async def _summary(turn: FormTurn[Drink]) -> str:
    v = turn.values
    return f"确认：{v.size} {v.sugar} {v.name}" + (f" 备注{v.note}" if v.note else "")


async def _answer(turn: FormTurn[Drink]) -> Done | Again | None:
    if turn.word == "确认":
        return Done(f"好了，{turn.values.name}的饮料马上做。")
    if turn.word == "等等":
        return Again("好的，您慢慢看。")
    return None


def build(moves: GlobalMoves | None = None) -> Form[Drink]:
    return Form(
        "drink",
        title="点饮料",
        values=Drink,
        slots=[
            Slot(
                "size",
                "杯型",
                *_field("size"),
                extract=(anywhere(_size),),
                ask=_ask("要大杯还是中杯？"),
                validate=_no_small_cups,
                show=lambda v: str(v.size),
            ),
            Slot(
                "sugar",
                "甜度",
                *_field("sugar"),
                extract=(near(_sugar), asked(_sugar_by_number)),
                ask=_ask("甜度选哪个？1. 无糖 2. 少糖 3. 半糖 4. 全糖"),
                show=lambda v: str(v.sugar),
            ),
            Slot(
                "name",
                "称呼",
                *_field("name"),
                extract=(asked(_name),),
                ask=_ask("怎么称呼您？"),
                free_text=True,
                show=lambda v: str(v.name),
                retry="请告诉我怎么称呼您，例如“小王”。",
            ),
            Slot(
                "note",
                "备注",
                *_field("note"),
                extract=(anywhere(_note),),
                required=False,
                show=lambda v: str(v.note),
            ),
        ],
        final=FinalStep("confirm", _summary, _answer, events={"done": END}),
        moves=moves or GlobalMoves(),
        cancelled=lambda v: f"已取消{v.size or ''}饮料。",
    )


def message(text: str) -> Inbound:
    return Inbound(Channel.OA, "u", "gh", Kind.TEXT, 0, msg_id="1", text=text)


class Chat:
    def __init__(self, form: Form[Drink]) -> None:
        self.form = form
        self.session = Session()
        self.services = SimpleNamespace()
        self.knowledge = SimpleNamespace()

    async def say(self, text: str) -> str:
        msg, ctx = message(text), Context(self.session, self.services, self.knowledge)  # type: ignore[arg-type]
        step = await (
            self.form.handle(msg, ctx) if self.session.state else self.form.begin(msg, ctx)
        )
        self.session = step.apply(self.session)
        return "\n".join(r.text for r in step.replies if isinstance(r, TextReply))

    @property
    def values(self) -> Drink:
        return self.form.values_of(self.session)

    @property
    def step(self) -> str | None:
        return self.session.state


async def test_asks_only_what_is_missing_in_declared_order() -> None:
    chat = Chat(build())
    assert "大杯还是中杯" in await chat.say("来杯奶茶")
    assert "甜度" in await chat.say("大杯")
    assert "怎么称呼" in await chat.say("2")
    assert await chat.say("小王") == "确认：大杯 少糖 小王"
    assert chat.step == "drink:confirm"
    assert "马上做" in await chat.say("确认")
    assert chat.session == Session()


async def test_everything_in_one_message_goes_straight_to_the_final_step() -> None:
    chat = Chat(build())
    assert await chat.say("中杯 半糖") == "怎么称呼您？"
    chat = Chat(build())
    await chat.say("来杯奶茶")
    assert await chat.say("中杯 半糖") == "怎么称呼您？"


async def test_slots_in_any_order_and_a_free_text_answer_is_what_is_left() -> None:
    chat = Chat(build())
    assert "大杯还是中杯" in await chat.say("你好")
    assert "大杯还是中杯" in await chat.say("无糖")  # sugar given early, size still asked
    assert chat.values.sugar == "无糖"
    assert "怎么称呼" in await chat.say("大杯")
    assert await chat.say("中杯 老李") == "已把杯型改成中杯。\n\n确认：中杯 无糖 老李"


async def test_a_weak_value_is_part_of_a_free_text_answer() -> None:
    chat = Chat(build())
    await chat.say("大杯 少糖")
    await chat.say("糖糖全糖")  # asked the name: "全糖" here is not the sugar
    assert (chat.values.name, chat.values.sugar) == ("糖糖全糖", "少糖")


async def test_corrections_say_what_changed_at_the_final_step() -> None:
    chat = Chat(build())
    await chat.say("大杯 少糖")
    await chat.say("小王")
    assert await chat.say("改中杯吧") == "已把杯型改成中杯。\n\n确认：中杯 少糖 小王"
    assert "已把甜度改成无糖。" in await chat.say("还是无糖")
    assert chat.step == "drink:confirm"


async def test_a_value_filled_while_another_is_asked_is_acknowledged() -> None:
    chat = Chat(build())
    await chat.say("来杯奶茶")
    assert await chat.say("全糖") == "好的，甜度记下了。\n\n要大杯还是中杯？"


async def test_the_validator_refuses_and_the_slot_is_asked_again() -> None:
    chat = Chat(build())
    reply = await chat.say("小杯")
    assert reply == "小杯卖完了，请选大杯或中杯。\n\n要大杯还是中杯？"
    assert chat.values.size is None and chat.step == "drink:size"


async def test_an_optional_slot_is_never_asked_but_taken_whenever_offered() -> None:
    chat = Chat(build())
    await chat.say("大杯 少糖")
    assert await chat.say("小王") == "确认：大杯 少糖 小王"  # no question about a note
    assert await chat.say("备注:去冰") == "好的，备注记下了。\n\n确认：大杯 少糖 小王 备注去冰"
    chat = Chat(build())
    assert await chat.say("大杯 备注:去冰") == "甜度选哪个？1. 无糖 2. 少糖 3. 半糖 4. 全糖"
    assert chat.values.note == "去冰"


async def test_a_message_that_fits_nothing_goes_to_the_unclear_move() -> None:
    async def unclear(conv: Conversation, msg: Inbound, ctx: Context) -> str | Step | None:
        return "营业到晚上十点。" if "几点" in msg.text else None

    chat = Chat(build(GlobalMoves(unclear=unclear)))
    await chat.say("大杯 少糖")
    assert await chat.say("你们几点关门？") == "营业到晚上十点。\n\n怎么称呼您？"
    assert await chat.say("1") == "请告诉我怎么称呼您，例如“小王”。"
    await chat.say("小王")
    assert await chat.say("嗯？") == "没太明白您的意思～\n\n确认：大杯 少糖 小王"
    assert await chat.say("等等") == "好的，您慢慢看。\n\n确认：大杯 少糖 小王"


async def test_global_words_are_the_moves_given_at_construction() -> None:
    async def cancel(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
        return await conv.cancel(msg, ctx)

    async def back(conv: Conversation, msg: Inbound, ctx: Context) -> Step:
        return await conv.back(msg, ctx)

    table: dict[str, WordMove] = {"取消": cancel, "返回": back}
    chat = Chat(build(GlobalMoves(word=table.get)))
    await chat.say("大杯")
    assert await chat.say("返回") == "要大杯还是中杯？"
    assert chat.values.size is None
    assert await chat.say("返回") == "已经是第一步了，回复“取消”可以退出。\n\n要大杯还是中杯？"
    await chat.say("中杯 半糖")
    assert await chat.say("取消") == "已取消中杯饮料。"
    assert chat.session == Session()


async def test_the_diagram_table_comes_from_the_declaration() -> None:
    form = build()
    assert form.start == "size"
    assert form.state_names == ("size", "sugar", "name", "confirm")
    assert form.table == {
        ("size", "filled"): "sugar",
        ("sugar", "filled"): "name",
        ("name", "filled"): "confirm",
        ("confirm", "done"): END,
    }
    assert any("备注" in line for line in form.notes)


def test_values_are_typed_and_stored_as_json() -> None:
    codec = Codec(Drink)
    stored = codec.dump(Drink(size="大杯", extras=["珍珠"]))
    assert stored == {"size": "大杯", "sugar": None, "name": None, "note": None, "extras": ["珍珠"]}
    assert codec.load(stored) == Drink(size="大杯", extras=["珍珠"])
    assert codec.load({}) == Drink()
    with pytest.raises(StoredValuesInvalid):
        codec.load({"size": 3})
    with pytest.raises(StoredValuesInvalid):
        codec.load({"extras": "珍珠"})


async def test_values_an_older_version_wrote_start_the_form_over() -> None:
    chat = Chat(build())
    chat.session = Session("drink:sugar", {"drink": {"size": ["大杯"]}})
    assert await chat.say("半糖") == ("抱歉，刚才的流程已失效，我们重新开始。\n\n要大杯还是中杯？")
    assert chat.values.sugar == "半糖"


def test_a_required_slot_needs_a_question() -> None:
    with pytest.raises(ValueError, match="no question"):
        Slot("x", "x", lambda v: True, lambda v: v, extract=())
