"""Whom a thing is for, said where goods would be, was taken for the goods: "有没有适合老人用的"
got "我们店不卖老人哦", and "给我老伴穿他七十了" got "我们店不卖七十哦". A thing of one character
asked in a clause of its own (卖药吗 感冒药) was not understood at all."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["有没有适合老人用的", "有没有适合老年人的"])
async def test_goods_for_the_old_are_listed(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 加厚长款羽绒服
        <! 不卖
        """
    )


async def test_an_age_said_is_no_thing_asked_for(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有暖和的衣服给我老伴穿他七十了
        < 羽绒服
        <! 不卖
        """
    )


async def test_a_thing_of_one_character_in_a_clause_of_its_own(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 卖药吗 感冒药
        < 我们店不卖药哦
        """
    )
