"""Things the shop does not sell, asked the way chat asks: the thing first (口罩有不), with 这
before the verb (你们这卖酒吗), elliptically after a first such question (卖酒吗 → 烟呢), or
named by a latin model (iphone15有吗). Each got "还没学会" or a list of accessories with no word
that the thing itself is not sold.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("asked", "thing"),
    [
        ("口罩有不", "口罩"),
        ("你们这卖酒吗", "酒"),
        ("那猫粮有没有", "猫粮"),
        ("这儿有卖雨伞的吗", "雨伞"),
    ],
)
async def test_not_sold_however_asked(shop: Shop, asked: str, thing: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 我们店不卖{thing}哦
        <! 没学会
        <! 答不上来
        """
    )


async def test_another_thing_asked_after_an_unsold_one(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 卖酒吗
        < 我们店不卖酒哦
        > 烟呢
        < 我们店不卖烟哦
        > 那口罩呢
        < 我们店不卖口罩哦
        """
    )


async def test_another_thing_asked_on_the_menu_an_unsold_one_showed(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 口罩有不
        < 我们店不卖口罩哦
        > 你们这卖酒吗
        < 我们店不卖酒哦
        > 烟呢
        < 我们店不卖烟哦
        """
    )


async def test_a_sold_thing_asked_after_an_unsold_one_is_shown(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 卖酒吗
        < 我们店不卖酒哦
        > 那保温杯呢
        < 316不锈钢保温杯
        <! 不卖保温杯
        """
    )


async def test_a_size_follow_up_is_no_thing_asked(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        < 316不锈钢保温杯
        > 颜色有不
        <! 不卖
        """
    )


@pytest.mark.parametrize("asked", ["iphone15有吗", "有iPhone15卖吗"])
async def test_a_phone_named_by_its_model_is_not_sold(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 不卖
        < 手机壳
        """
    )
