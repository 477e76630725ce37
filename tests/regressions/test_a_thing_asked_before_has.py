"""A thing asked for before 有没有 ("那猫粮有没有") over a list got "这个问题我还答不上来…列表还在上
面": asked as 有没有猫粮 is, it is a thing the shop does not sell, and said so."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["那猫粮有没有", "狗粮有吗"])
async def test_a_thing_not_sold_asked_over_a_list(make_shop, asked: str) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 你们有卖手机吗
        < 我们店不卖手机哦
        > {asked}
        < 我们店不卖
        <! 答不上来
        """
    )
