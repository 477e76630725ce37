"""Ordering in chat: slots from the first message, step by step, cart, coupon, confirm, 订单号."""

from __future__ import annotations

from bot.storage import OrderStatus
from tests.dialogs.transcript import Shop

TO_CONFIRM = """
    > 结算
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


async def test_one_message_with_the_product_and_the_receiver_goes_to_the_confirmation(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买一箱抽纸 收货人王芳 电话15812345678 地址北京市朝阳区建国路88号
        < 请核对订单
        < 原木抽纸24包（规格:24包整箱） ×1  ¥49.90
        < 王* 158****5678
        < 地址：北京市朝阳区建国路88号
        <! 收货人姓名
        <! 手机号是多少
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.receiver_name, order.phone, order.address) == (
        "王芳",
        "15812345678",
        "北京市朝阳区建国路88号",
    )
    unlabelled = shop.chat()
    await unlabelled.run(
        """
        > 我要两件黑色M码的T恤 李雷 13900001111 杭州市西湖区文三路90号
        < 请核对订单
        < ×2  ¥118.00
        < 李* 139****1111
        < 杭州市西湖区文三路90号
        """
    )


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
        < 还想买点什么
        > 保温杯
        < 请选择颜色
        > 白色
        < 请选择容量
        > 500ml
        < 要买几件
        > 两件
        < 1. 重磅连帽卫衣
        < 2. 316不锈钢保温杯（颜色:白色 容量:500ml） ×2  ¥198.00
        < 商品合计：¥357.00
        < 全店满199减20：-¥20.00
        > 结算
        < 收货人姓名
        > 优惠券 NOSUCHCODE
        < 没有找到这个优惠券码
        < 收货人姓名
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
        < 应付：¥327.00（包邮，已优惠¥30.00）
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.subtotal_fen, order.discount_fen, order.total_fen) == (35700, 3000, 32700)
    assert order.coupon_code == "XIAOHE10"
    assert [(x.sku, x.qty) for x in order.lines] == [("AP-1002", 1), ("HM-5001", 2)]
    assert order.address == "北京市朝阳区建国路88号"


async def test_the_old_coupon_answer_is_understood_where_no_coupon_is_asked(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 没有
        < 好的～
        < 收货人姓名
        """
    )
    assert await chat.state() == "order:name"


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
        < 收货人姓名
        > 返回
        < 购物车
        > 结算
        > 张三
        < 手机号
        > 重新开始
        < 好的，我们重新开始，刚才没办完的都已清空
        < 欢迎光临
        > 我要买保温杯
        < 请选择颜色
        > 取消
        < 已取消本次下单，购物车里的316不锈钢保温杯×1已清空
        > 确认
        <! 下单成功
        """
    )
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_an_off_topic_question_is_answered_and_the_form_asks_again(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:phone")
    await chat.run(
        """
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
    await chat.reach("order:phone")
    await chat.run(
        """
        > 退订
        < 已为您退订促销消息
        > 13812345678
        < 收货地址
        """
    )
    assert await shop.db.opt_outs.is_opted_out("oa", chat.user)


async def test_an_order_with_everything_that_the_matcher_reads_as_a_search(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 下单：保温杯 白色 500ml 一个，寄到上海市浦东新区世纪大道100号，张三 13812345678
        < 请核对订单
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        < 地址：上海市浦东新区世纪大道100号
        < 张* 138****5678
        """
    )
