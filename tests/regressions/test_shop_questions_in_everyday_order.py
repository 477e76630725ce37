"""Shop questions said the way people chat: the subject first (积分有没有 is 有积分吗), the ask
after a refusal (支付宝也不行？？ is 支付宝可以吗), a second choice (…不行就货到付款) answered too, a
coupon code asked about at checkout (用XIAOHE10 可以吗) answered as the coupon and not as the
payment FAQ its leftover words resemble, and a kind of goods asked with 都没有 (宠物用品都没有？)
told the shop does not sell it."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_the_subject_said_before_the_question(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 积分有没有
        < 暂时没有积分
        <! NEWBIE15（满99减15）；全店通用券
        > 运费险有没有
        < 运费险
        > 赠品有没有
        < 暂时没有买赠
        """
    )


async def test_the_ask_after_a_refusal(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 能用花呗吗
        < 暂不支持花呗
        > 支付宝也不行？？
        < 暂不支持支付宝
        < 微信支付
        <! 还没学会
        > 信用卡也不行吗
        < 信用卡
        <! 还没学会
        """
    )


async def test_a_second_choice_is_answered_too(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 能用支付宝付吗 不行就货到付款
        < 暂不支持支付宝
        < 暂不支持货到付款
        > 可以分期吗 要不然信用卡
        < 暂不支持花呗和分期
        """
    )


async def test_a_coupon_asked_about_at_checkout_pulls_no_payment_answer(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 买两件白色T恤 L码
        < ×2
        > 结算
        > 周敏 13811112222 浙江省杭州市西湖区文三路100号
        < 请核对订单
        > 用XIAOHE10 可以吗
        < 已使用优惠券“全店通用券 满99减10”
        <! 支付宝
        """
    )


async def test_a_kind_of_goods_asked_with_none_at_all(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 你们有卖猫粮吗
        < 不卖猫粮
        > 那狗粮呢 宠物用品都没有？
        < 不卖宠物用品
        <! 答不上来
        > 没有家具吗
        < 不卖家具
        > 零食也没有吗
        <! 不卖零食
        """
    )
