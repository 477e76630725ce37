"""After a price answer over a list, "那大的那个呢" showed the bigger one's card and forgot what
was asked: the question the list's answer answered is asked again about the one pointed at."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["哪个便宜", "哪个贵"])
async def test_the_price_again_of_the_bigger_one(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > 充电宝有哪些
        < 20000mAh大容量充电宝
        > {asked}
        < ¥49.00
        > 那大的那个呢
        < 20000mAh大容量充电宝 ¥129.00
        <! 回复“买”下单，“返回”回到列表
        """
    )


async def test_pointing_with_nothing_asked_before_shows_the_card(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 充电宝有哪些
        < 20000mAh大容量充电宝
        > 那大的那个呢
        < 回复“买”下单，“返回”回到列表
        < 20000mAh大容量充电宝
        """
    )
