"""Ordering in chat: slots from the first message, step by step, cart, coupon, confirm, 订单号."""

from __future__ import annotations

from bot.storage import OrderStatus
from tests.dialogs.transcript import Shop

TO_CONFIRM = """
    > 结算
    < 有优惠券码吗
    > 没有
    < 收货人姓名
    > 张三
    < 手机号
    > 13812345678
    < 收货地址
    > 上海市浦东新区世纪大道100号3栋201室
    < 请核对订单
"""


async def test_order_with_everything_in_the_first_message(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件黑色M码的T恤
        < 已加入购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2  ¥118.00
        """
        + TO_CONFIRM
        + """
        < 应付：¥118.00
        < 张* 138****5678
        < 上海市浦东新区世纪大道100号3栋201室
        > 确认
        < 下单成功
        < 订单号：SB
        < 应付：¥118.00
        < 请在30分钟内完成支付：https://pay.example.com/pay?order=SB
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.status is OrderStatus.CREATED
    assert order.total_fen == 11800
    assert [(x.sku, x.qty, x.spec) for x in order.lines] == [
        ("AP-1001", 2, {"颜色": "黑色", "尺码": "M"})
    ]
    assert order.order_no in chat.last[0]
    assert (order.receiver_name, order.phone) == ("张三", "13812345678")
    assert await shop.db.stock.get_stock("AP-1001") == 320 - 2


async def test_step_by_step_with_a_cart_a_promotion_and_a_coupon(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买
        < 想买哪件商品
        > 卫衣
        < 找到这几件
        < 1. 重磅连帽卫衣 ¥159.00
        > 1
        < 请选择颜色
        < 1. 燕麦色
        > 2
        < 请选择尺码
        > XL
        < 单价¥159.00，要买几件
        > 1
        < 已加入购物车
        < 重磅连帽卫衣（颜色:黑色 尺码:XL） ×1  ¥159.00
        > 再买
        < 想买哪件商品
        > 保温杯
        < 请选择颜色
        > 白色
        < 请选择容量
        > 500ml
        < 要买几件
        > 两件
        < 1. 重磅连帽卫衣
        < 2. 316不锈钢保温杯（颜色:白色 容量:500ml） ×2  ¥198.00
        < 合计：¥357.00
        > 结算
        < 已为您自动参加“全店满199减20”，减¥20.00
        < 有优惠券码吗
        > NOSUCHCODE
        < 没有找到这个优惠券码
        > xiaohe10
        < 已使用优惠券“全店通用券 满99减10”，减¥10.00
        < 收货人姓名
        > 王小明 13800138000 北京市朝阳区建国路88号
        < 请核对订单
        < 商品合计：¥357.00
        < 全店满199减20：-¥20.00
        < 优惠券 全店通用券 满99减10：-¥10.00
        < 应付：¥327.00
        < 王** 138****8000
        > 确认
        < 下单成功
        < 应付：¥327.00（已优惠¥30.00）
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.subtotal_fen, order.discount_fen, order.total_fen) == (35700, 3000, 32700)
    assert order.coupon_code == "XIAOHE10"
    assert [(x.sku, x.qty) for x in order.lines] == [("AP-1002", 1), ("HM-5001", 2)]
    assert order.address == "北京市朝阳区建国路88号"


async def test_back_restart_and_cancel_inside_the_form(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件白色L码的T恤
        < 已加入购物车
        > 返回
        < 要买几件
        > 3
        < ×3  ¥177.00
        > 结算
        > 没有
        < 收货人姓名
        > 返回
        < 有优惠券码吗
        > 没有
        > 张三
        < 手机号
        > 重新开始
        < 好的，我们重新开始
        < 想买哪件商品
        > 保温杯
        > 取消
        < 已取消本次下单
        > 确认
        <! 下单成功
        """
    )
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_an_off_topic_question_is_answered_and_the_form_asks_again(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 没有
        > 张三
        < 手机号
        > 运费多少
        < 满69元包邮
        < 收货人的手机号是多少
        > 我的订单
        < 您还没有订单
        < 收货人的手机号是多少
        > 13812345678
        < 收货地址
        """
    )


async def test_unsubscribing_in_the_middle_of_the_form_keeps_the_form(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 没有
        > 张三
        < 手机号
        > 退订
        < 已为您退订促销消息
        > 13812345678
        < 收货地址
        """
    )
    assert await shop.db.opt_outs.is_opted_out("oa", chat.user)
