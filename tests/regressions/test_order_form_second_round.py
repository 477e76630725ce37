"""What a tester still found in the order form: a coupon code in the first message was ignored
(the coupon applies only to a cart, and the cart was filled by that same message), …"""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop

RECEIVER = "寄到浙江省宁波市鄞州区天童路5号 吴一 13288887777"


async def test_a_coupon_in_the_first_message_is_used(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要两个黑色500ml保温杯 用券NEWBIE15
        < 已使用优惠券“新人券 满99减15”
        < 合计：¥183.00
        > {RECEIVER}
        < 应付：¥183.00
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.coupon_code == "NEWBIE15"


async def test_one_more_in_another_colour_is_a_line_of_its_own(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件灰色XL的T恤 寄到山东省青岛市市南区香港中路9号 钱四 13866667777
        < 请核对订单
        > 再加一件黑色的
        < 再加1件纯棉圆领短袖T恤（颜色:黑色 尺码:XL）
        < 1. 纯棉圆领短袖T恤（颜色:灰色 尺码:XL） ×1
        < 2. 纯棉圆领短袖T恤（颜色:黑色 尺码:XL） ×1
        > 再来一件
        < 现在共2件
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert all(isinstance(line.spec, dict) for line in order.lines)
    colours = sorted(
        (line.spec["颜色"], line.qty) for line in order.lines if isinstance(line.spec, dict)
    )
    assert colours == [("灰色", 1), ("黑色", 2)]


async def test_a_typo_in_a_lettered_name_and_just_so_to_check_out(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要买个T嘘
        < 纯棉圆领短袖T恤，请选择颜色
        > 白色
        > XL
        < 已加入购物车
        < ×1
        > 就这样
        < 请告诉我收货人姓名
        <! 分开发出
        """
    )


async def test_asking_for_sf_says_what_it_costs_and_a_personal_invoice_is_taken(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要一个白色的10000mAh充电宝，备注发顺丰
        < 已备注：发顺丰
        < 改发顺丰要另补¥12.00运费
        <! 尽量按备注安排
        > 寄到广东省广州市天河区体育西路2号 郑三 13412341234
        < 备注：发顺丰（另补¥12.00运费差价，不含在应付里）
        > 发票 个人 abc@qq.com
        < 发票记下了：电子普通发票，抬头“个人”，发到 abc@qq.com
        <! 请写上发票抬头
        > 确认
        < 下单成功
        < 改发顺丰的¥12.00差价请回复“人工”找客服补
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.note == "发顺丰"
    assert order.invoice is not None and order.invoice.title == "个人"


async def test_the_confirmation_offers_the_coupon_the_cart_qualifies_for(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要一个黑色500ml保温杯 {RECEIVER}
        < 应付：¥99.00
        < 可用优惠券：新人券 满99减15，回复“NEWBIE15”可再减¥15.00
        > NEWBIE15
        < 应付：¥84.00
        <! 可用优惠券
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.coupon_code == "NEWBIE15"
    small = shop.chat()
    await small.run(
        f"""
        > 我要一件黑色M码的T恤 {RECEIVER}
        < 请核对订单
        <! 可用优惠券
        """
    )


async def test_changes_while_still_choosing_apply_to_the_line_being_chosen(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要买重磅连帽卫衣
        < 请选择颜色
        > 燕麦色
        < 请选择尺码
        > 换成黑色
        < 已把重磅连帽卫衣改成黑色
        <! 现在合计：¥0.00
        < 请选择尺码
        > XL
        < 重磅连帽卫衣（颜色:黑色 尺码:XL） 单价¥159.00，要买几件
        > 改成两件
        < 重磅连帽卫衣（颜色:黑色 尺码:XL） ×2
        """
    )
