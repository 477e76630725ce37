"""Who a product is for: a size asked for a child (儿子5岁, 宝宝, 女儿) is answered from the
children's product of that kind and its chart, never the adult one's. A question about buying
a part (刷头要另外买吗, 是单独卖的吗) is answered, never ordered; a product named in a question the
FAQ answers (电动牙刷有保修吗) stays on screen, so "买两个 一个白一个粉" next orders it."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_size_for_a_child_comes_from_the_childrens_chart(shop: Shop) -> None:  # noqa: F811
    for said, size in (
        ("儿子5岁 身高112 卫衣穿多大", "110"),
        ("宝宝3岁 100cm 卫衣多大码", "100"),
        ("给女儿买卫衣 她身高128 穿几码", "130"),
    ):
        chat = shop.chat()
        await chat.run(
            f"""
            > {said}
            < 儿童纯棉卫衣
            < 建议选{size}
            <! 不在这款的尺码表里
            """
        )


async def test_an_adult_size_question_keeps_the_adult_chart(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 身高175 卫衣穿多大
        < 建议选L
        <! 儿童纯棉卫衣
        """
    )


async def test_whether_a_part_is_bought_on_its_own_is_answered_not_ordered(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 电动牙刷有保修吗
        < 保修一年
        > 买两个 一个白一个粉
        < 声波电动牙刷（颜色:白色）
        < 声波电动牙刷（颜色:粉色）
        > 刷头要另外买吗 多久换一次
        < 单独卖的
        < 3个月一换
        < 人工
        <! 请选择规格
        """
    )
    assert await chat.state() == "order:cart"
    chat = shop.chat()
    await chat.run(
        """
        > 电动牙刷
        < 声波电动牙刷
        > 刷头是单独卖的吗
        < 单独卖的
        <! 为您找到1件
        """
    )


async def test_a_child_with_no_product_named(shop: Shop) -> None:  # noqa: F811
    for said in ("小孩穿的有吗", "宝宝穿的衣服有吗"):
        chat = shop.chat()
        await chat.run(
            f"""
            > {said}
            < 儿童纯棉卫衣
            <! 我不太确定您的意思
            """
        )
    chat = shop.chat()
    await chat.run(
        """
        > 给闺女买件外套 8岁
        < 没有专门给孩子的
        <! 没有标明儿童
        """
    )


async def test_whether_a_colour_is_there_and_an_order_for_it(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 儿子5岁 身高112 卫衣穿多大
        < 儿童纯棉卫衣
        > 蓝色有吗 要一件
        < 请选择尺码
        > 110
        < 儿童纯棉卫衣（颜色:蓝色 尺码:110） ×1
        """
    )
