"""A new quantity said with second thoughts at the cart ("算了两件吧", "还是三件吧") changes the
line; it was not understood and the order went out with the old quantity."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_second_thoughts_on_the_quantity_at_the_cart(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件T恤
        > 黑色M
        < 已加入购物车
        > 算了两件吧
        < 已把纯棉圆领短袖T恤改成2件
        <! 没太明白
        > 那还是三件吧
        < 改成3件
        > 李雷 13333333333 上海市徐汇区漕溪北路1号
        < ×3
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert [line.qty for line in order.lines] == [3]
