"""Cart phrases said about what is on screen: "加到购物车" after a list of two used to open an
empty order form ("想买哪件商品呢"), the number answering "您要哪一款" only showed that card,
"第二个加到购物车" showed the card instead of buying, and "购物车里有啥" with no dialog open was
taken as an order."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_added_from_a_list_asks_which_and_the_number_adds_it(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣
        < 2. 儿童纯棉卫衣
        > 加到购物车
        < 您要哪一款
        <! 想买哪件商品
        > 2
        < 儿童纯棉卫衣，请选择颜色
        <! [图文]
        """
    )
    assert await chat.state() == "order:spec"
    other = shop.chat()
    await other.run(
        """
        > 卫衣
        < 2. 儿童纯棉卫衣
        > 第二个加到购物车
        < 儿童纯棉卫衣，请选择颜色
        """
    )


async def test_added_from_a_card(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 有没有保温杯
        < [图文] 316不锈钢保温杯
        > 先放购物车
        < 316不锈钢保温杯，请选择颜色
        """
    )


async def test_the_cart_asked_after_with_no_dialog_open(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 购物车里有啥
        < 购物车还是空的
        <! 想买哪件商品
        """
    )
    assert await chat.state() is None
