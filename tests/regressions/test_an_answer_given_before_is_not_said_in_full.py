"""A question about one part of an answer given a few messages ago ("信用卡可以吧" after the ways
to pay, "拆了吊牌还能退吗" after the return policy) gets that part, never the whole answer word
for word again."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

PAY_ANSWER = "在微信里下单使用微信支付，可以用零钱、银行卡和信用卡；暂不支持支付宝。"
RETURN_ANSWER = "水果生鲜、拆封的食品、贴身衣物和个护用品不支持无理由退货"


async def test_a_way_to_pay_asked_again_gets_that_part(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        f"""
        > 能用支付宝吗
        < {PAY_ANSWER}
        > 花呗呢
        > 那货到付款行不
        > 好吧 微信付 信用卡可以吧
        < 信用卡
        <! {PAY_ANSWER}
        <! 暂不支持支付宝
        """
    )


async def test_the_tag_asked_after_the_return_policy_gets_that_part(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        f"""
        > 衣服不合适能退吗
        < {RETURN_ANSWER}
        > 运费谁出
        > 拆了吊牌还能退吗
        < 吊牌
        <! {RETURN_ANSWER}
        """
    )
