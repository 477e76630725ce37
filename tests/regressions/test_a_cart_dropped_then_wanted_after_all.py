"""A cart dropped with 算了 / 不买了 comes back as it was when the shopper changes their mind
right away ("还是买吧", "算了 还是要吧"): the same lines with the changes made to them (two
black L T-shirts, not one white), never "还没学会"; the order form goes on from the cart."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

NOT_LEARNT = "还没学会"


async def test_buy_it_after_all_brings_the_cart_back(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要一件白色T恤L码
        > 不对 要两件
        > 颜色换成黑的
        < 黑色 尺码:L） ×2
        > 算了 不买了
        < 已清空
        > 还是买吧
        < 购物车
        < 黑色 尺码:L） ×2
        <! 白色
        <! {NOT_LEARNT}
        > 结算
        < 收货人姓名
        """
    )


async def test_wanted_after_all_in_other_words(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 买个U盘 64G
        > 不买了
        > 算了 还是要吧
        < 高速U盘（容量:64G） ×1
        <! {NOT_LEARNT}
        """
    )
    assert (await chat.state() or "").startswith("order:")
