"""A budget under the price of the thing named ("想买个蓝牙耳机 预算200以内有木有") listed a wired
earphone, a selfie stick and a speaker, which share only a word of it: nothing the shopper asked
for is under 200, and that is said, with the nearest earphones. A budget that something named
does fit still lists it ("200以内的耳机": the wired one)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_nothing_named_under_the_budget_is_said(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 想买个蓝牙耳机 预算200以内有木有
        < 没有200元以内的，最便宜的是头戴式蓝牙耳机 ¥259.00
        <! 自拍杆
        <! 音箱
        """
    )


async def test_a_budget_something_named_fits(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 200以内的耳机
        < Type-C有线耳机
        """
    )
