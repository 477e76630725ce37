"""The order form takes what the shopper says, in any order and several at once: colloquial
quantities, spec values by part, a product narrowed by its specs, receiver details early."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("said", "line"),
    [
        ("我要俩保温杯 白色500ml", "316不锈钢保温杯（颜色:白色 容量:500ml） ×2"),
        ("来仨白色500ml的保温杯", "316不锈钢保温杯（颜色:白色 容量:500ml） ×3"),
        ("三支豆沙色口红", "丝绒哑光口红（色号:02豆沙） ×3"),
        ("洗面奶要120g那种 两支", "氨基酸温和洗面奶（规格:120g） ×2"),
        ("我要一件白色L码的T恤", "纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1"),
    ],
)
async def test_colloquial_quantities_and_spec_values_by_part(
    shop: Shop, said: str, line: str
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < 已加入购物车
        < {line}
        """
    )


async def test_quantities_and_specs_answered_one_by_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买口红
        < 请选择色号
        > 豆沙色
        < 要买几件
        > 俩
        < 丝绒哑光口红（色号:02豆沙） ×2  ¥178.00
        > 还要保温杯
        < 请选择颜色
        > 500ml
        < 500ml记下了
        < 请选择颜色
        > 白的
        < 要买几件
        > 仨
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×3
        """
    )


async def test_a_name_that_fits_several_products_is_narrowed_by_its_specs(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色L码卫衣
        < 已加入购物车
        < 重磅连帽卫衣（颜色:黑色 尺码:L） ×1
        <! 找到这几件
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 我要一件白色L码卫衣
        < 这款没有“白色”
        < 重磅连帽卫衣，请选择颜色
        <! 请选择尺码
        > 黑色
        < 重磅连帽卫衣（颜色:黑色 尺码:L） ×1
        <! 要买几件
        """
    )


async def test_a_pick_from_the_list_keeps_what_came_with_the_name(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件卫衣
        < 找到这几件
        > 2
        < 儿童纯棉卫衣，请选择颜色
        > 黄色 120
        < 儿童纯棉卫衣（颜色:黄色 尺码:120） ×2
        <! 要买几件
        """
    )
    narrowed = shop.chat()
    await narrowed.run(
        """
        > 我要买
        > 卫衣
        < 找到这几件
        > 燕麦色的那个
        < 重磅连帽卫衣，请选择尺码
        """
    )


async def test_a_phone_given_for_the_name_is_taken_then_the_name_is_asked(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 15812345678
        < 手机号记下了
        < 请告诉我收货人姓名
        > 王芳
        < 收货地址
        <! 手机号是多少
        > 北京市朝阳区建国路88号
        < 请核对订单
        < 王* 158****5678
        """
    )


async def test_receiver_details_in_any_order(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 地址是杭州市西湖区文三路90号
        < 地址记下了
        < 请告诉我收货人姓名
        > 王芳 15812345678
        < 请核对订单
        < 杭州市西湖区文三路90号
        """
    )
    early = shop.chat()
    await early.run(
        """
        > 我要买T恤
        < 请选择颜色
        > 13900001111
        < 手机号记下了
        < 请选择颜色
        > 黑色M码两件
        < ×2  ¥118.00
        > 结算
        < 请告诉我收货人姓名
        > 李雷
        < 收货地址
        """
    )


async def test_several_values_at_once_at_any_step(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        < 请选择颜色
        > 灰色XL 三件
        < 纯棉圆领短袖T恤（颜色:灰色 尺码:XL） ×3  ¥177.00
        """
    )


async def test_a_question_while_choosing_is_not_taken_for_a_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买
        < 想买哪件商品
        > 保温杯能装开水吗？
        <! 请选择颜色
        < 想买哪件商品
        > 保温杯
        < 316不锈钢保温杯，请选择颜色
        """
    )


async def test_on_a_card_a_spec_value_is_a_choice_to_buy(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有T恤
        < [图文] 纯棉圆领短袖T恤
        > 白的
        < 纯棉圆领短袖T恤，请选择尺码
        > L
        < 要买几件
        > 来两件吧
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×2  ¥118.00
        """
    )


async def test_a_pick_by_part_of_a_name_from_the_list(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:cart")
    await chat.run(
        """
        > 再加一根数据线
        < 找到这几件
        < 1. 苹果快充数据线
        > 苹果的
        < 苹果快充数据线，请选择长度
        """
    )


async def test_words_that_are_not_a_spec_are_not_refused_as_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        < 请选择颜色
        > 张伟
        <! 这款没有
        < 请选择颜色
        > 没问题
        < 好嘞～
        > XXXL
        < 这款没有“XXXL”
        """
    )
