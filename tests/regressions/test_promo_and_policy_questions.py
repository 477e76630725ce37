"""Questions about the shop's offers and policies a tester found unanswered or answered with a
promise the shop cannot keep: 香港 (as 台湾 was), 假货, how much an amount saves, how the new
shopper's coupon is used, and a member discount the shop does not have."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_offers_are_answered_and_no_member_discount_is_promised(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有优惠吗
        < NEWBIE15
        > 买两百块能优惠多少
        < 满199减20
        < 最多减35
        > 新人优惠券怎么使用
        < 下单确认时把券码发给我
        > 会员打几折
        < 暂时没有会员折扣
        > 能用券吗
        <! 会员折扣在满减后计算
        """
    )


async def test_hong_kong_and_fakes(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 能不能寄到香港
        < 港澳台和海外暂不支持配送
        > 是不是山寨的
        < 保证正品
        < 七天无理由
        """
    )
