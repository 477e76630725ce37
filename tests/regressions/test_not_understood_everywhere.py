"""Every reply that says the bot did not understand is counted for /stats (未识别) and kept for
/unanswered, wherever it was said: the shopper fallback, a product list, a card, the order form
and the after-sales form. Only the fallback handler's own replies used to count."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_not_understood_in_a_list_and_in_forms_reaches_staff(shop: Shop) -> None:
    lister = shop.chat("u-list")
    await lister.run(
        """
        > 有充电宝吗
        < 为您找到
        > 跟上次差不多就行
        < 没太明白
        """
    )
    buyer = shop.chat("u-form")
    await buyer.run(
        """
        > 我要买保温杯
        < 请选择颜色
        > 跟上次差不多就行吧
        < 没太明白
        > 结算
        < 下单前还要选一下颜色
        """
    )
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        """
        > /stats
        < 未识别（兜底回复）2
        > /unanswered
        < 跟上次差不多就行 ×1（没听懂）
        < 跟上次差不多就行吧 ×1（没听懂）
        <! 结算
        """
    )


async def test_each_message_not_understood_counts_once(shop: Shop) -> None:
    """One question not understood outside any dialog (its reading is unclear and has no hint
    to offer), the same one on a list ("答不上来"): two, each once."""
    shopper = shop.chat("u-once")
    await shopper.run(
        """
        > 你们老板是哪里人
        < 没学会
        > 有充电宝吗
        < 为您找到
        > 你们老板是哪里人
        < 答不上来
        """
    )
    assert await shop.services.stats.get("fallback") == 2
