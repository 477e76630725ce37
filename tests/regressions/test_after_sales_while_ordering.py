"""After-sales asked for while an order was open got "您正在下单，如需办理别的事情，请先回复“取消”":
"退货", "你们车厘子烂了快一半 什么破店啊" with a spec question pending. After-sales starts as
it does on its own, and the cart waits for 购物车."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order


@pytest.mark.parametrize("asked", ["退货", "我要退款", "你们车厘子烂了快一半 什么破店啊"])
async def test_after_sales_starts_from_an_open_order_and_the_cart_waits(
    make_shop,  # noqa: F811
    asked: str,
) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "FR-4001")
    await chat.run(
        """
        > 我要买保温杯
        < 请选择颜色
        """
    )
    await chat.run(
        f"""
        > {asked}
        < 售后订单：{order.order_no}
        <! 您正在下单
        <! 请先回复“取消”
        > 取消
        > 购物车
        < 316不锈钢保温杯
        """
    )


async def test_with_no_order_to_help_the_cart_goes_on(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买保温杯
        < 请选择颜色
        > 退货
        < 没有可以申请售后的订单
        < 请选择颜色
        > 黑色
        < 请选择容量
        """
    )
