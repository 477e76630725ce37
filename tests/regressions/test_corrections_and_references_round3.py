"""Corrections and references, round 3: a count-by-value correction splits the cart line ("一件
黑色一件白色" keeps the size), the value after 那要 / 那就 replaces the pending line's one, 同样码
takes the size of the line before, a spec name (码) is no quality to compare, 那个 is the one
product just named, and a shipping question with a cart says how far it is from free shipping."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    "said", ["不对 一件黑色一件白色", "不对，黑色一件白色一件", "错了 要一件黑色 一件白色的"]
)
async def test_a_count_for_each_value_splits_the_line(shop: Shop, said: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要两件黑色L码的T恤
        < ×2
        > {said}
        < 1. 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×1
        < 2. 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        < 商品合计：¥118.00
        """
    )


@pytest.mark.parametrize("said", ["没有M吗 那要S", "那要S吧", "M码算了 那就S"])
async def test_the_value_after_then_replaces_the_pending_one(shop: Shop, said: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 连衣裙
        > 2
        > 白色M
        < 要买几件
        > {said}
        < 尺码:S
        <! 尺码:M
        > 1
        < 尺码:S） ×1
        """
    )


@pytest.mark.parametrize("said", ["同样码", "一样的码", "同码", "尺码一样"])
async def test_the_same_size_as_the_line_before(shop: Shop, said: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要一件黄色120的儿童纯棉卫衣
        < 已加入购物车
        > 再来条加绒裤 黑色 {said}
        < 2. 儿童加绒运动裤（颜色:黑色 尺码:120） ×1
        <! 请选择尺码
        """
    )


async def test_the_same_size_said_at_the_size_question(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黄色120的儿童纯棉卫衣
        < 已加入购物车
        > 再来条加绒裤 黑色
        < 请选择尺码
        > 跟上一件一样的码
        < 儿童加绒运动裤（颜色:黑色 尺码:120）
        """
    )


async def test_the_same_size_the_product_lacks_is_asked(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 再来条加绒裤 黑色 同样码
        < 请选择尺码
        """
    )


@pytest.mark.parametrize("asked", ["黄色 要哪个码", "黄色的选几码", "黄色穿多大的"])
async def test_which_size_follows_the_childs_height_said_before(shop: Shop, asked: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 有没有儿童的衣服 我家孩子6岁 115
        < 儿童纯棉卫衣
        > 卫衣有啥颜色
        < 儿童纯棉卫衣
        < 黄色 / 蓝色 / 粉色
        <! 重磅连帽卫衣
        > {asked}
        < 115cm的话110和120都可以
        <! 资料分不出
        <! 更码
        """
    )


async def test_which_size_over_a_list_with_the_height_said_before(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 孩子8岁 125 有儿童卫衣吗
        > 卫衣
        > 黄色 要哪个码
        < 儿童纯棉卫衣：125cm的话
        <! 资料分不出
        """
    )


@pytest.mark.parametrize("asked", ["哪个码合适", "选哪个颜色好"])
async def test_a_spec_name_is_no_quality_to_compare(shop: Shop, asked: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 卫衣
        < 重磅连帽卫衣
        > {asked}
        <! 资料分不出
        <! 都写了
        """
    )


@pytest.mark.parametrize("pointer", ["那个呢", "那个怎么样", "它呢"])
async def test_that_one_is_the_product_just_named_as_not_saying(shop: Shop, pointer: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 有冲电宝吗
        < 磁吸无线充电宝
        > 能带上飞机吗 哪个轻
        < 磁吸无线充电宝没有写这一点
        > {pointer}
        < 磁吸无线充电宝的资料里没有写这一点
        <! 答不上来
        """
    )


@pytest.mark.parametrize("asked", ["那个还有吗", "这个还有货吗", "那个多少钱"])
async def test_that_one_over_a_one_product_list(shop: Shop, asked: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 有啥好东西
        > 围巾呢
        < 1. 羊绒围巾
        > {asked}
        < 羊绒围巾
        <! 答不上来
        <! 哪一款
        """
    )


async def test_that_one_over_a_longer_list_is_asked(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有冲电宝吗
        < 5. 65W氮化镓充电器
        > 那个还有吗
        < 您说的是哪一款？
        < 3. 磁吸无线充电宝
        <! 答不上来
        """
    )


@pytest.mark.parametrize("asked", ["还有啥包邮吗 差多少", "满多少包邮", "运费怎么算"])
async def test_a_shipping_question_with_a_free_cart(shop: Shop, asked: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 电热水壶
        > 好 要一个白色
        < 已加入购物车
        > {asked}
        < 满69元包邮
        < 您购物车现在¥99.00，已经包邮了。
        """
    )


async def test_a_shipping_question_with_a_cart_short_of_free(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件白色L码的T恤
        < 还差¥10.00
        > 差多少包邮
        < 您购物车现在¥59.00，还差¥10.00就包邮。
        <! 购物车里的商品都给您留着
        """
    )


async def test_then_want_from_a_card_is_the_request_itself(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 你好 想买T恤
        < 纯棉圆领短袖T恤
        > 那要黑色L 两件
        < 1. 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×2
        <! 已把
        > 不对 一件黑色一件白色
        < 2. 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        """
    )


async def test_that_one_answered_keeps_the_list_for_the_next_pick(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有冲电宝吗
        > 能带上飞机吗 哪个轻
        > 那个呢
        < 磁吸无线充电宝的资料里没有写这一点
        > 要小的那个 粉色
        < 10000mAh超薄充电宝（颜色:粉色）
        """
    )


async def test_a_return_postage_question_at_the_cart_is_no_shipping_state(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 电热水壶
        > 好 要一个白色
        < 已加入购物车
        > 退货运费谁出啊
        < 寄回运费由买家承担
        <! 已经包邮了
        """
    )
