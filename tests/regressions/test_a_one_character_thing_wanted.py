"""A thing of one character wanted with a measure word (想买个锅) was read as "个锅", a thing the
shop does not sell ("我们店不卖个锅哦"), though it sells a wok."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["我想买个锅 炒菜用 电磁炉能用的", "想要个锅"])
async def test_a_measure_word_is_not_part_of_the_thing(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 麦饭石不粘炒锅
        <! 不卖
        """
    )


@pytest.mark.parametrize(("asked", "thing"), [("卖口罩吗", "口罩"), ("口罩有不", "口罩")])
async def test_a_word_starting_like_a_measure_word_is_kept_whole(
    shop: Shop, asked: str, thing: str
) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 我们店不卖{thing}哦
        """
    )


async def test_a_lamp_is_not_a_measure_word_and_a_light(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 想买台灯
        < LED护眼台灯
        """
    )
