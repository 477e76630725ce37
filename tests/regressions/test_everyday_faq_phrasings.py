"""FAQ questions said the everyday way: 啥 is 什么 (发啥快递), a region the answer names is enough
for its answer (能发西藏不), and the 发 of 发票 is no 发 of 发货 (什么时候能收到发票 asks about the
invoice, not about shipping)."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_sha_for_shenme_and_a_region_said_loosely(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 发啥快递
        < 中通或韵达
        <! 我不太确定
        > 能发西藏不
        < 西藏
        < 15元
        <! 不太确定
        """
    )


async def test_the_fa_of_fapiao_is_no_shipping_word(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 什么时候能收到发票
        < 电子发票
        <! 16:00前付款
        > 多久能拿到发票
        < 电子发票
        """
    )
