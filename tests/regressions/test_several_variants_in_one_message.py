"""Several variants of one product in one message (一件M一件L, 一个白的一个黑的, M和L各一件)
become one cart line each; when the counts do not add up, the bot says what it put in the cart."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_one_m_and_one_l_are_two_lines(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件白色的T恤 一件M一件L
        < 1. 纯棉圆领短袖T恤（颜色:白色 尺码:M） ×1
        < 2. 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        <! ×2
        > 寄到河南省郑州市金水区花园路12号 黄六 13598765432
        < 请核对订单
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    sizes = sorted((ln.spec["尺码"], ln.qty) for ln in order.lines if isinstance(ln.spec, dict))
    assert sizes == [("L", 1), ("M", 1)]


async def test_one_white_one_black_both_500ml(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 买俩保温杯 一个白的一个黑的 都要500ml的
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×1
        """
    )


async def test_each_one_of_two_sizes(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 黑色T恤 M和L各来两件
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×2
        """
    )


async def test_counts_that_do_not_add_up_are_said(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 三件灰色T恤 一件M一件L
        < 纯棉圆领短袖T恤（颜色:灰色 尺码:M） ×1
        < 纯棉圆领短袖T恤（颜色:灰色 尺码:L） ×1
        < 您说的是3件
        """
    )


async def test_a_variant_still_to_choose_is_asked_not_dropped(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > T恤 一件M一件L
        < 请选择颜色
        < L
        """
    )


async def test_not_this_but_that_is_one_line(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要一件M码T恤，不要黑色的，要白色的
        < 纯棉圆领短袖T恤（颜色:白色 尺码:M） ×1
        <! 黑色
        """
    )


async def test_two_colours_at_the_colour_question_share_the_size(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要T恤
        < 请选择颜色
        > 一件白色一件黑色
        < 白色×1、黑色×1记下了
        < 请选择尺码
        > M
        < 1. 纯棉圆领短袖T恤（颜色:白色 尺码:M） ×1
        < 2. 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
        """
    )


async def test_whole_variants_without_counts_are_one_of_each(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要T恤
        < 请选择颜色
        > 白色M 黑色L
        < 1. 纯棉圆领短袖T恤（颜色:白色 尺码:M） ×1
        < 2. 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×1
        <! 要买几件
        """
    )


async def test_whole_variants_on_a_card_or_in_a_first_message(make_shop) -> None:  # noqa: F811
    shop = await make_shop()
    await shop.chat().run(
        """
        > 有T恤吗
        < [图文] 纯棉圆领短袖T恤
        > 灰色S和藏青XL
        < 纯棉圆领短袖T恤（颜色:灰色 尺码:S） ×1
        < 纯棉圆领短袖T恤（颜色:藏青 尺码:XL） ×1
        """
    )
    await shop.chat().run(
        """
        > 保温杯 白色500ml两个 黑色350ml一个
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×2
        < 316不锈钢保温杯（颜色:黑色 容量:350ml） ×1
        """
    )


async def test_two_variants_asked_about_are_no_order(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要T恤
        > 白色M还是黑色L好看
        <! ×1
        """
    )
