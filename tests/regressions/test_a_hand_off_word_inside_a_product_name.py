"""A hand-off word inside the name of goods asked for is part of the name, no hand-off.

有扫地机器人卖吗 once put the shopper in the human queue: 机器人 is a hand-off keyword (不要机器人
要人工), and the search for a thing the shop does not sell lost to it.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("asked", "thing"),
    [
        ("有扫地机器人卖吗", "扫地机器人"),
        ("有没有扫地机器人", "扫地机器人"),
        ("有没有机器人玩具", "机器人玩具"),
        ("有人工草坪吗", "人工草坪"),
    ],
)
async def test_goods_named_with_a_hand_off_word_are_searched(
    shop: Shop, asked: str, thing: str
) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 我们店不卖{thing}
        <! [转人工]
        <! 转接人工
        """
    )


@pytest.mark.parametrize("asked", ["有没有人工", "有人工客服吗", "想要投诉你们客服", "转人工"])
async def test_a_person_asked_for_is_still_a_hand_off(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 转接人工客服
        """
    )
