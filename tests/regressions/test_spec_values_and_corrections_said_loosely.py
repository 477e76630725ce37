"""Spec values said the short way ("30袋的" for 30袋礼盒, "90x40的" for 90×40cm, "白t"), a
correction naming the size and the count at once ("不对 要XL的 拿两件"), two products in one
message joined by 还有, and "X不要了" for a product not in the cart: each used to hold the
order on a question already answered, keep the wrong size, or add the product instead."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_short_spec_values_are_taken(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 想要个鼠标垫 90x40的
        < 加大鼠标垫（尺寸:90×40cm） ×1
        <! 请选择尺寸
        > 再加一盒每日坚果 30袋的
        < 每日坚果（规格:30袋礼盒） ×1
        <! 请选择规格
        > 还要一件白t L码
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        <! 请选择颜色
        """
    )


async def test_a_correction_of_the_size_with_a_count(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣要黑色L码的
        < 要买几件
        > 不对 要XXL的 来三件
        < 已把重磅连帽卫衣改成XXL、3件
        < 重磅连帽卫衣（颜色:黑色 尺码:XXL） ×3
        > 结算 钱多 13512340000 江苏省南京市玄武区中山路1号
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert [(x.spec, x.qty) for x in order.lines] == [({"颜色": "黑色", "尺码": "XXL"}, 3)]


async def test_two_products_joined_by_haiyou_and_one_taken_out(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 要一个黑色500ml的保温杯 还有三包抽纸
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×1
        < 原木抽纸24包（规格:24包整箱） ×3
        > 抽纸不要了
        < 已从购物车删除“原木抽纸24包”
        > 洗衣液不要了
        < 购物车里没有
        <! 要买几件
        <! 请选择
        """
    )
