"""At the order check "是送人的 别放价格单 写个生日快乐" dropped the card's words (the shop hand-
writes a card for a present) and the order check then showed "备注：送礼；", the rest cut as
said before in the same reply."""

from __future__ import annotations

from tests.dialogs.conftest import database_url, make_shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_card_words_are_noted_and_the_remark_shown_whole(
    make_shop,  # noqa: F811
    database_url: str,  # noqa: F811
) -> None:
    shop: Shop = await make_shop(database=database_url)
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        """
        > 上海市浦东新区世纪大道100号
        < 请核对订单
        > 是送人的 别放价格单 写个生日快乐
        < 贺卡写“生日快乐”
        < 免费手写
        < 备注：送礼；别放价格单；贺卡写“生日快乐”
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.note == "送礼；别放价格单；贺卡写“生日快乐”"


async def test_words_for_the_card_said_with_a_space(
    make_shop,  # noqa: F811
    database_url: str,  # noqa: F811
) -> None:
    shop: Shop = await make_shop(database=database_url)
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 贺卡上写 爸爸辛苦了
        < 已备注：贺卡写“爸爸辛苦了”
        <! 不客气
        > 名字写错了 是李娜
        <! 贺卡写“是李娜”
        """
    )


def test_a_field_line_is_never_cut_to_a_part() -> None:
    from bot.protocol import TextReply
    from bot.said_once import said_once

    (reply,) = said_once(
        [TextReply("好的，已备注：送礼；别放价格单。\n\n请核对订单：\n备注：送礼；别放价格单")]
    )
    assert isinstance(reply, TextReply)
    assert reply.text.endswith("备注：送礼；别放价格单")
