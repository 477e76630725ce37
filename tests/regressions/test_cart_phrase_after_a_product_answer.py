"""After an answer about a named product with no dialog open ("保温杯能放洗碗机吗"), that product is
on screen, so "放购物车吧" buys it; it used to ask "想买哪件商品呢"."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_to_the_cart_after_a_fact_answer(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯能放洗碗机吗
        < 不建议放洗碗机
        > 放购物车吧
        < 316不锈钢保温杯，请选择颜色
        <! 想买哪件商品呢
        """
    )
