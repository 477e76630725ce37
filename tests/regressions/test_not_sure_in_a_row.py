"""Questions on a card the shop has no facts for, one after another: the tester got the same
「关于…的这个问题我不太确定，不想乱说误导您…」 three times in a row. The first says it in full; the
next ones say it shorter, never the same sentence as the reply before, still naming the product
and offering a human."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_not_sure_twice_in_a_row_is_said_shorter(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶适合油皮吗
        < 男士控油洁面乳
        > 孕妇能用吗
        < 这个问题我不太确定，不想乱说误导您
        > 哺乳期能用吗
        <! 不想乱说误导您
        < 关于男士控油洁面乳的这个问题我不太确定，回复“人工”请客服确认吧。
        > 小孩能用吗
        <! 不想乱说误导您
        <! 请客服确认吧
        < 关于男士控油洁面乳的这个问题我不太确定，客服更清楚，回复“人工”就行。
        > 多少钱
        < 45
        <! 不确定
        > 晚上能用吗
        < 这个问题我不太确定，不想乱说误导您
        """
    )
