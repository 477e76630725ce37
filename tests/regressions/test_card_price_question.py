"""On an open card, "这个多少钱" is about the product on screen.

Broke when the FAQ gained "运费多少钱": a bare price question resembled it just enough (0.56) for
the card to answer with the shipping fee instead of the product's price.
"""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_price_question_on_a_card_gets_the_products_price(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        < 316不锈钢保温杯  ¥99.00
        > 这个多少钱
        < ¥99.00
        <! 运费
        > 多少钱一个
        < ¥99.00
        <! 运费
        > 运费多少钱
        < 6元运费
        """
    )
