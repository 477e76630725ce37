"""Unanswered questions are kept for the merchant: every fallback, every search with nothing to
show and every product question without a fact is counted (masked), and staff read the most
frequent with /unanswered."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_fallbacks_and_missing_products_and_facts_reach_staff(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 你们老板是哪里人 我电话13812345678
        < 人工
        > 你们老板是哪里人
        < 人工
        > 你们老板是哪里人？
        < 人工
        > 有洗碗机吗
        < 我们店不卖洗碗机哦
        > 有保温杯吗
        < 316不锈钢保温杯
        > 可以刻字吗
        < 不太确定
        """
    )
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        """
        > /unanswered
        < 最近7天答不上的问题
        < 1. 你们老板是哪里人 ×2（没听懂）
        < 有洗碗机吗 ×1（没有这类商品）
        < 可以刻字吗 ×1（缺商品信息）
        < 你们老板是哪里人 我电话[电话] ×1
        <! 13812345678
        """
    )
    [first, *_] = await shop.db.unanswered.most_frequent()
    assert first.count == 2


async def test_bad_options_and_an_empty_log(shop: Shop) -> None:
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        """
        > /unanswered
        < 最近7天没有答不上的问题
        > /unanswered --days 0
        < 正整数
        """
    )
