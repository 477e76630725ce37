""" "人呢？？" right after the bot answered asks whether anyone is there: it is answered (with the
way to a human said), not a hand-off at once; asked again right after that answer, the shopper
wants the human. Once queued, every further question is acknowledged, but never with the same
sentence word for word each time."""

from __future__ import annotations

from bot.handlers import handoff
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_where_is_everyone_after_an_answer_is_answered(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 在吗
        > 在不在
        < 在的
        > 人呢？？
        < 在的
        < 人工
        <! [转人工]
        <! 正在为您转接
        > 人呢
        < [转人工]
        """
    )


async def test_where_is_everyone_as_a_first_message_still_hands_off(
    shop: Shop,  # noqa: F811
) -> None:
    await shop.chat().run(
        """
        > 人呢
        < [转人工]
        """
    )


async def test_questions_while_queued_are_not_acknowledged_alike(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 人工
        < [转人工]
        > 我要那个充电宝
        < {handoff.QUEUED_QUESTION}
        """
    )
    said = [handoff.QUEUED_QUESTION]
    for question in ("两万毫安的", "多少钱 能快点发吗", "今天能发不"):
        await chat.run(
            f"""
            > {question}
            <! {said[-1]}
            """
        )
        said.append("\n".join(chat.last))
    assert len(set(said)) >= 3
