""" "都要", "两个都要", "各来一个" after a list of several, or after two products seen one after
the other: the order form with one of each, the specs still open asked one line at a time."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_both_listed_go_into_the_cart_one_of_each(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 羽绒服
        < 2. 加厚长款羽绒服 ¥699.00
        > 两个都要
        < 轻薄白鸭绒羽绒服，请选择颜色
        <! 您要哪一款
        > 米白
        < 轻薄白鸭绒羽绒服，请选择尺码
        > M
        < 加厚长款羽绒服，请选择颜色
        > 卡其 XL
        < 1. 轻薄白鸭绒羽绒服（颜色:米白 尺码:M） ×1
        < 2. 加厚长款羽绒服（颜色:卡其 尺码:XL） ×1
        > 结算
        < 收货人
        """
    )


async def test_each_one_of_the_two_products_seen_in_a_row(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        < [图文] 316不锈钢保温杯
        > 有T恤吗
        < 纯棉圆领短袖T恤
        > 各来一个
        < 316不锈钢保温杯，请选择颜色
        > 黑色 500ml
        < 纯棉圆领短袖T恤，请选择颜色
        > 白色L
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×1
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        """
    )


async def test_a_count_that_does_not_fit_the_list_is_not_guessed(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 外套
        < 5. 三合一户外冲锋衣
        > 两个都要
        <! 请选择颜色
        """
    )
