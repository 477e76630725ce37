"""A plain question whether the shop sells a thing it does not (有口罩吗, 卖笔记本电脑吗, 有酒吗
白酒) is told so, in whatever band the matcher reads it, not "没学会"; 有人吗 stays a hello."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_unsold_things_asked_with_a_bare_you_or_mai(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 有口罩吗
        < 不卖口罩
        <! 没学会
        > 卖笔记本电脑吗
        < 不卖笔记本电脑
        <! 没学会
        > 有酒吗 白酒
        < 不卖酒
        <! 没学会
        """
    )


async def test_you_ren_ma_is_still_a_hello(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 有人吗
        <! 不卖
        """
    )
