"""A list or card on screen never blocks ordering. 结算, the receiver's details and 确认 with a list
or card on screen all used to get "没太明白您的意思～ 列表还在上面", so no order could be made;
"再加个卸妆水" showed a one-item list instead of adding it; "五香400g 两包" over two beef snacks
both sold 五香 asked which one, though only one also comes in 400g."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_checkout_on_a_card_buys_what_was_chosen(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶
        < 1. 氨基酸温和洗面奶
        > 第一个 双支装
        < [图文] 氨基酸温和洗面奶
        > 结算
        < 氨基酸温和洗面奶（规格:双支装）
        <! 没太明白
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 有没有保温杯
        < [图文] 316不锈钢保温杯
        > 去结算
        < 316不锈钢保温杯，请选择颜色
        <! 没太明白
        """
    )


async def test_receiver_details_on_a_card_start_its_order(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 有没有保温杯
        < [图文] 316不锈钢保温杯
        > 王芳 13812345678 上海市浦东新区世纪大道100号
        < 316不锈钢保温杯，请选择颜色
        <! 没太明白
        > 黑色 500ml
        > 1
        < 请核对订单
        < 王* 138****5678
        > 确认
        < 下单成功
        """
    )


async def test_checkout_over_a_list(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣
        < 2. 儿童纯棉卫衣
        > 结算
        < 您要哪一件
        <! 没太明白
        > 2
        < 儿童纯棉卫衣，请选择颜色
        """
    )
    assert await chat.state() == "order:spec"
    one = shop.chat()
    await one.run(
        """
        > 牛肉干
        < 2. 灯影牛肉丝
        > 第一个
        < [图文] 麻辣牛肉干
        > 确认
        < 麻辣牛肉干，请选择口味
        <! 没太明白
        """
    )


async def test_one_more_product_is_added_not_listed(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 洗面奶
        > 第一个 双支装
        < [图文] 氨基酸温和洗面奶
        > 再加个卸妆水
        < 已加入购物车
        < 氨基酸温和洗面奶（规格:双支装）
        < 温和卸妆水
        <! 为您找到1件
        > 结算
        < 收货人姓名
        > 赵敏 13511112222 江苏省南京市鼓楼区中山路1号
        < 请核对订单
        > 确认
        < 下单成功
        """
    )
    listed = shop.chat()
    await listed.run(
        """
        > 洗面奶
        < 2. 男士控油洁面乳
        > 还要一瓶卸妆水
        < 已加入购物车
        < 温和卸妆水
        <! 为您找到1件
        """
    )


async def test_the_values_said_pick_the_only_product_having_them_all(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 牛肉干
        < 1. 麻辣牛肉干
        < 2. 灯影牛肉丝
        > 五香400g 两包
        < 麻辣牛肉干（口味:五香 规格:400g） ×2
        <! 您要哪一款
        > 再来个辣条
        < 辣条大礼包
        <! 为您找到1件
        > 结算
        < 收货人姓名
        """
    )


async def test_checkout_while_browsing_with_a_cart_waiting(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 逛逛
        > 1
        > 2
        < [图文] 重磅连帽卫衣
        > 结算
        < 收货人姓名
        <! 重磅连帽卫衣
        """
    )


async def test_checkout_with_nothing_bought(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 结算
        < 购物车还是空的
        <! 还没学会
        > 去结算
        < 购物车还是空的
        """
    )
