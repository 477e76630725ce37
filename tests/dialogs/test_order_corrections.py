"""Corrections in words, at every step: the slot changes, the reply says what changed and shows
the new total, and the order placed afterwards has the corrected values."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop

T_SHIRT = "我要一件黑色M码的T恤"
STEPS_WITH_A_LINE = ["order:cart", "order:name", "order:phone", "order:address", "order:confirm"]


@pytest.mark.parametrize("step", STEPS_WITH_A_LINE)
async def test_a_new_quantity_at_any_step(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await chat.reach(step, T_SHIRT)
    await chat.run(
        """
        > 改成两件
        < 已把纯棉圆领短袖T恤改成2件
        < ¥118.00
        """
    )
    assert await chat.state() == step


@pytest.mark.parametrize("step", STEPS_WITH_A_LINE)
async def test_a_new_colour_at_any_step(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await chat.reach(step, T_SHIRT)
    await chat.run(
        """
        > 换成灰色
        < 已把纯棉圆领短袖T恤改成灰色
        """
    )
    assert await chat.state() == step
    await chat.reach("order:confirm")
    await chat.run(
        """
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.lines[0].spec == {"颜色": "灰色", "尺码": "M"}


async def test_a_quantity_while_the_specs_are_still_asked(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件T恤
        < 请选择颜色
        > 改成三件
        < 已把纯棉圆领短袖T恤改成3件
        < 请选择颜色
        > 黑色 M码
        < ×3  ¥177.00
        """
    )


async def test_the_line_with_the_old_quantity_changes(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要三包抽纸
        < 原木抽纸24包（规格:24包整箱） ×3  ¥149.70
        > 再来一个白色500ml的保温杯
        < 2. 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        > 三包改成一包
        < 已把原木抽纸24包改成1件
        < 1. 原木抽纸24包（规格:24包整箱） ×1  ¥49.90
        > 保温杯要两个
        < 已把316不锈钢保温杯改成2件
        > 第一个改成2件
        < 已把原木抽纸24包改成2件
        > 再来一件
        < 316不锈钢保温杯再加1件，现在共3件
        """
    )


async def test_lines_are_removed_and_the_cart_emptied(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 再来一个白色500ml的保温杯
        > 不要T恤了
        < 已从购物车删除“纯棉圆领短袖T恤”
        <! 1. 纯棉圆领短袖T恤
        < 1. 316不锈钢保温杯
        > 结算
        > 清空购物车
        < 购物车已清空
        < 想买哪件商品
        """
    )
    assert await chat.state() == "order:product"


async def test_a_product_swapped_for_another(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:cart", "我要两件黑色M码的T恤")
    await chat.run(
        """
        > 换成保温杯
        < 把纯棉圆领短袖T恤换成316不锈钢保温杯
        < 316不锈钢保温杯，请选择颜色
        > 白色 500ml
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×2  ¥198.00
        <! T恤
        """
    )


async def test_part_of_the_address_corrected_at_the_confirmation(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:address", T_SHIRT)
    await chat.run(
        """
        > 杭州市西湖区文三路90号
        < 请核对订单
        > 地址写错了，是文三路99号不是90号
        < 已把地址改成杭州市西湖区文三路99号
        < 地址：杭州市西湖区文三路99号
        <! 您正在下单
        > 不是99号是199号
        < 已把地址改成杭州市西湖区文三路199号
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.address == "杭州市西湖区文三路199号"


async def test_a_whole_new_address_or_an_address_asked_again(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)
    await chat.run(
        """
        > 地址改成北京市朝阳区建国路88号
        < 已把地址改成北京市朝阳区建国路88号
        > 地址写错了
        < 地址重新发一下
        < 收货地址是
        > 广州市天河区体育西路1号
        < 请核对订单
        < 地址：广州市天河区体育西路1号
        """
    )


@pytest.mark.parametrize(
    "said", ["13900001111", "电话改成13900001111", "手机号写错了，是13900001111"]
)
async def test_a_new_phone_at_the_confirmation(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)
    await chat.run(
        f"""
        > {said}
        < 已把手机号改成139****1111
        < 张* 139****1111
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.phone == "13900001111"


async def test_a_new_receiver_name(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)
    await chat.run(
        """
        > 收货人改成李四
        < 已把收货人改成李四
        < 李* 138****5678
        > 不是李四是李斯
        < 已把收货人改成李斯
        """
    )


async def test_an_unknown_colour_in_a_correction_lists_the_choices(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:cart", T_SHIRT)
    await chat.run(
        """
        > T恤换成红色
        < 这款没有“红色”，可选：白色、黑色、灰色、藏青
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M）
        """
    )


async def test_a_correction_beyond_the_stock_is_refused(shop: Shop) -> None:
    chat = shop.chat()
    await shop.db.stock.set_stock("AP-1001", 3, actor="test")
    await chat.reach("order:confirm", T_SHIRT)
    await chat.run(
        """
        > 改成5件
        < 库存只剩3件了
        < ×1  ¥59.00
        """
    )


@pytest.mark.parametrize("step", ["order:address", "order:confirm"])
async def test_a_new_phone_after_it_was_given(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await chat.reach(step, T_SHIRT)
    await chat.run(
        """
        > 电话改成13900001111
        < 已把手机号改成139****1111
        """
    )
    assert await chat.state() == step


@pytest.mark.parametrize("step", ["order:phone", "order:address", "order:confirm"])
async def test_a_new_name_after_it_was_given(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await chat.reach(step, T_SHIRT)
    await chat.run(
        """
        > 名字写错了，不是张三是张珊
        < 已把收货人改成张珊
        """
    )
    assert await chat.state() == step


@pytest.mark.parametrize("step", ["order:cart", "order:name", "order:address", "order:confirm"])
async def test_a_line_removed_at_any_step(shop: Shop, step: str) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 再来一个白色500ml的保温杯
        """
    )
    await chat.reach(step)
    await chat.run(
        """
        > 保温杯不要了
        < 已从购物车删除“316不锈钢保温杯”
        < ¥65.00
        """
    )
    assert await chat.state() == step


async def test_corrections_said_other_ways(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我想要一个黑色的保温杯，500毫升的
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×1
        > 不要黑色了，换白色
        < 已把316不锈钢保温杯改成白色
        > 结算
        > 张三 13812345678 杭州市西湖区文三路90号3栋201室
        < 请核对订单
        > 地址不对，应该是文三路99号
        < 已把地址改成杭州市西湖区文三路99号3栋201室
        > 颜色选错了，应该是雾霾蓝
        < 已把316不锈钢保温杯改成雾霾蓝
        > 数量写错了，要3件
        < 已把316不锈钢保温杯改成3件
        < 应付：¥277.00
        """
    )


@pytest.mark.parametrize("said", ["我要改地址", "地址不对", "改一下地址", "地址要改一下"])
async def test_asking_to_change_the_address_asks_it_again(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)
    await chat.run(
        f"""
        > {said}
        < 地址重新发一下
        < 收货地址是
        <! 您正在下单
        """
    )
    assert await chat.state() == "order:address"
