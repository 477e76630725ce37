"""A number that says what a pack holds ("20片的") or what the shopper weighs ("一百二十斤") is
no count: a paid order of twenty boxes came from "…20片的 来一盒". And asked how many, a shopper
who moves on (结算, 确认, the receiver's details) buys one, said so they can change it; the
order used to wait on the number for ever ("请直接回复数量")."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_pieces_in_a_box_are_not_the_count(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 面膜要20片的那种 拿一盒
        < 玻尿酸补水面膜（规格:20片装） ×1  ¥69.00
        <! ×20
        > 结算 孙丽 13622220000 广西南宁市青秀区民族大道1号
        < 应付：¥69.00
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert [line.qty for line in order.lines] == [1]


async def test_the_shoppers_weight_is_not_a_count(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要牛仔裤 一米七 一百二十斤的
        <! 一次最多可以买99件
        <! ×120
        """
    )


async def test_a_measure_word_without_a_number_is_one(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 买个保温杯 黑色500ml的
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×1
        <! 要买几件
        """
    )


async def test_checking_out_at_the_quantity_question_buys_one(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 就要白色的T恤 L码
        < 要买几件
        > 结算
        < 数量先按1件算
        < 收货人姓名
        <! 请直接回复数量
        > 周敏 13900002222 上海市浦东新区张杨路1号
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1  ¥59.00
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert [line.qty for line in order.lines] == [1]


async def test_receiver_details_at_the_quantity_question_buy_one(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要T恤 黑色M码
        < 要买几件
        > 吴刚 13700001111 浙江省杭州市西湖区文三路1号
        < 数量先按1件算
        < 请核对订单
        < ×1  ¥59.00
        """
    )


async def test_a_count_with_the_receiver_details_is_kept(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要T恤 黑色M码
        < 要买几件
        > 两件 吴刚 13700001111 浙江省杭州市西湖区文三路1号
        < ×2  ¥118.00
        <! 数量先按1件算
        """
    )
