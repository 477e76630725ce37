"""Two lines of one product in the cart (a black and a white cup): "不对 黑色的要350的" changed the
last line (the white one), "雾霾蓝的改成350" changed a line neither of them was, and "第2个改成…"
was ignored. A correction now changes the line its value or number names and says which;
one that names no line, or none of two alike, asks which."""

from __future__ import annotations

from tests.dialogs.conftest import make_shop  # noqa: F401
from tests.dialogs.transcript import Chat, Shop

BLACK_350 = "316不锈钢保温杯（颜色:黑色 容量:350ml）"
BLACK_500 = "316不锈钢保温杯（颜色:黑色 容量:500ml）"
WHITE_350 = "316不锈钢保温杯（颜色:白色 容量:350ml）"
WHITE_500 = "316不锈钢保温杯（颜色:白色 容量:500ml）"


async def _two_cups(shop: Shop) -> Chat:
    chat = shop.chat()
    await chat.run(
        f"""
        > 保温杯 一个黑色一个白色
        < 容量一起选
        > 500ml
        < 1. {BLACK_500} ×1
        < 2. {WHITE_500} ×1
        """
    )
    return chat


async def test_the_value_named_picks_the_line_changed(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = await _two_cups(shop)
    await chat.run(
        f"""
        > 不对 黑色的要350的
        < 已把黑色的316不锈钢保温杯改成350ml
        < 1. {BLACK_350} ×1
        < 2. {WHITE_500} ×1
        > 白的那个换成两个
        < 已把白色的316不锈钢保温杯改成2件
        < 2. {WHITE_500} ×2
        < 1. {BLACK_350} ×1
        """
    )


async def test_a_value_no_line_has_or_none_named_asks_which(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = await _two_cups(shop)
    await chat.run(
        f"""
        > 雾霾蓝的改成350
        < 购物车里没有雾霾蓝的316不锈钢保温杯，要把哪个改成350ml
        < 1. {BLACK_500} ×1
        < 2. {WHITE_500} ×1
        <! 已把
        > 改成350ml
        < 要把哪个改成350ml
        <! 已把
        > 第2个改成350ml
        < 已把白色的316不锈钢保温杯改成350ml
        < 1. {BLACK_500} ×1
        < 2. {WHITE_350} ×1
        > 雾霾蓝的不要了
        < 购物车里没有雾霾蓝的316不锈钢保温杯，要删哪一个
        <! 已从购物车删除
        """
    )


async def test_removing_one_of_two_says_which_went(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = await _two_cups(shop)
    await chat.run(
        f"""
        > 第二个不要了
        < 已从购物车删除“白色的316不锈钢保温杯”
        < 1. {BLACK_500} ×1
        <! 2.
        """
    )
    other = await _two_cups(shop)
    await other.run(
        f"""
        > 黑色那个不要了
        < 已从购物车删除“黑色的316不锈钢保温杯”
        < 1. {WHITE_500} ×1
        """
    )


async def test_at_the_confirmation_the_named_line_changes(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要个黑色500ml的保温杯
        > 再来个白色500ml的保温杯
        > 张三 13800000000 上海市浦东新区世纪大道100号
        < 请核对订单
        > 不对 白色的要350的
        < 已把白色的316不锈钢保温杯改成350ml
        < 1. {BLACK_500} ×1
        < 2. {WHITE_350} ×1
        """
    )


async def test_two_lines_of_other_products_still_change_as_named(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 再来个黑色500ml的保温杯
        > T恤改成白色
        < 已把纯棉圆领短袖T恤改成白色
        < 纯棉圆领短袖T恤（颜色:白色 尺码:M）
        """
    )
