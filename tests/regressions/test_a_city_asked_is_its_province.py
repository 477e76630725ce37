"""A city asked about is read as its province where the shop's shipping rules single it out.

榴莲能发乌鲁木齐吗 fell back though 榴莲能发新疆吗 got the remote-regions answer: the FAQ names
provinces, the shopper a city.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    "asked", ["榴莲能发乌鲁木齐吗", "车厘子能寄拉萨吗", "榴莲能发西宁吗", "拉萨包邮吗"]
)
async def test_a_remote_city_gets_the_remote_regions_answer(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 不参与包邮
        <! 还没学会
        """
    )


async def test_a_city_elsewhere_keeps_its_own_answer(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 广州能发吗
        < 广州可以发货
        <! 15元
        """
    )
