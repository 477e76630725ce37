"""A product searched for inside the order form ("有没有保温杯" at the cart) is shown, with how to
add it, and the form goes on; it was answered "关于316不锈钢保温杯的这个问题我不太确定…"."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_search_at_the_cart_shows_the_product(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件白色M码T恤
        < 已加入购物车
        > 有没有保温杯
        < 316不锈钢保温杯 ¥99.00
        < 再来一个保温杯
        <! 不太确定
        < 回复“结算”去下单
        > 再来一个保温杯
        < 请选择颜色
        """
    )
