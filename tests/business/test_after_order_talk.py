"""What shoppers say after ordering, in their own words, answered from their own orders and
tickets: delivery times with and without an order, order numbers, urging, corrections without a
command word, cancel wishes by order state (with a confirmation for the one order meant),
ticket progress, and a complaint that opens after-sales with its words as the reason."""

from __future__ import annotations

from bot.storage import OrderStatus, TicketKind, TicketStatus
from tests.business.conftest import staff_messages
from tests.dialogs.transcript import Shop, paid_order

SF_LINK = "https://www.kuaidi100.com/chaxun?com=shunfeng&nu=SF1234567890"


async def test_delivery_time_without_an_order_is_a_question_about_the_shop(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 几天能到
        < 发出后江浙沪一般1-2天
        < 16:00前付款当天发出
        <! 您还没有订单
        > 多久能收到啊
        < 其他省份2-4天
        <! 您还没有订单
        """
    )


async def test_delivery_time_of_paid_and_shipped_orders(shop: Shop) -> None:
    chat = shop.chat()
    cup = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 几天能到呀
        < 订单 {cup.order_no}（316不锈钢保温杯）已付款，正在备货，还没发出
        < 发出后江浙沪一般1-2天
        """
    )
    await shop.db.orders.mark_shipped(cup.order_no, "顺丰速运", "SF1234567890", actor="test")
    await chat.run(
        f"""
        > 我买的杯子什么时候到
        < 订单 {cup.order_no}（316不锈钢保温杯）已发货：顺丰速运 SF1234567890
        < {SF_LINK}
        > 我买的T恤什么时候到
        < 没有找到您买纯棉圆领短袖T恤的订单
        < {cup.order_no}
        """
    )


async def test_which_order_a_product_question_means(shop: Shop) -> None:
    chat = shop.chat()
    tee = await paid_order(shop, chat.user, "AP-1001")
    cup = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 我买的T恤啥时候能到
        < 订单 {tee.order_no}（纯棉圆领短袖T恤）已付款
        <! {cup.order_no}
        """
    )


async def test_order_number_question_lists_the_orders(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 订单号多少
        < 您还没有订单
        <! 已发货
        """
    )
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 我的订单号是多少啊
        < 您最近的订单
        < {order.order_no}
        """
    )


async def test_urging_tells_staff_about_paid_orders_only(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 快点发货啊
        < 您还没有待发货的订单
        """
    )
    assert not any("催发货" in m for m in staff_messages(shop))
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 怎么还没发货啊
        < 订单 {order.order_no}（纯棉圆领短袖T恤）已付款，正在备货
        < 已经提醒仓库尽快给您发出
        < 人工
        """
    )
    assert any("催发货" in m and order.order_no in m for m in staff_messages(shop))


async def test_urging_an_unpaid_order_says_it_must_be_paid_first(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 没有
        > 张三 13812345678 上海市浦东新区世纪大道100号
        > 确认
        < 下单成功
        > 催一下发货
        < 还没付款，付款后才会发货
        <! 已经提醒仓库
        """
    )


async def test_corrections_in_plain_words_change_the_one_open_order(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    no = order.order_no
    await chat.run(
        f"""
        > 地址填错了 改成浙江省杭州市西湖区文三路99号
        < 订单 {no} 的收货地址已改为：浙江省杭州市西湖区文三路99号
        > 电话写错了，是13987654321
        < 收货电话已改为 139****4321
        > 地址写错了怎么办
        < 直接发新地址给我
        < 订单 {no}
        > 改个地址
        < 订单 {no}
        """
    )
    changed = await shop.db.orders.get_order(no, chat.user)
    assert changed is not None
    assert (changed.address, changed.phone) == ("浙江省杭州市西湖区文三路99号", "13987654321")


async def test_a_correction_to_a_shipped_order_changes_nothing(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="test")
    await chat.run(
        """
        > 地址填错了 改成浙江省杭州市西湖区文三路99号
        < 已经发货，不能在线修改收货信息了
        < 人工
        """
    )
    stored = await shop.db.orders.get_order(order.order_no, chat.user)
    assert stored is not None
    assert stored.address == order.address


async def test_cancel_wish_without_an_order(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 不想要了 能退款吗
        < 您还没有订单，不需要取消
        > 不要了 取消吧
        < 您还没有订单
        """
    )


async def test_cancel_the_one_paid_order_after_a_confirmation(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 不想要了 能退款吗
        < 您可以取消的订单：{order.order_no}（已付款，取消后全额退款），316不锈钢保温杯 ¥99.00
        < 要取消吗
        < 确认取消
        > 确认取消
        < 订单 {order.order_no} 已取消，已为您申请全额退款
        """
    )
    after = await shop.db.orders.get_order(order.order_no, chat.user)
    assert after is not None
    assert after.status is OrderStatus.CANCELLED
    (refund,) = await shop.db.tickets.for_order(order.order_no)
    assert refund.kind is TicketKind.REFUND


async def test_the_confirmation_lasts_one_message(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        """
        > 取消订单
        < 要取消吗
        > 几天能到
        < 已付款，正在备货
        > 确认
        <! 已取消
        """
    )
    stored = await shop.db.orders.get_order(order.order_no, chat.user)
    assert stored is not None
    assert stored.status is OrderStatus.PAID


async def test_cancel_with_two_orders_asks_which(shop: Shop) -> None:
    chat = shop.chat()
    first = await paid_order(shop, chat.user)
    second = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 我想取消
        < 要取消哪一个
        < {first.order_no}
        < {second.order_no}
        > 确认取消
        <! 已取消
        """
    )
    for order in (first, second):
        after = await shop.db.orders.get_order(order.order_no, chat.user)
        assert after is not None
        assert after.status is OrderStatus.PAID


async def test_cancel_wish_for_a_shipped_order_offers_refusal_or_return(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="test")
    await chat.run(
        f"""
        > 不要了 取消吧
        < 订单 {order.order_no} 已经发货，不能取消了
        < 拒收
        < 售后
        <! 已取消
        """
    )


async def test_ticket_progress_in_the_shoppers_words(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我申请的退货怎么样了
        < 您还没有售后申请
        <! 审核通过后会给您退货地址
        """
    )
    order = await paid_order(shop, chat.user)
    ticket = await shop.db.tickets.create_ticket(
        order.order_no, chat.user, TicketKind.RETURN, "尺码偏小", []
    )
    await chat.run(
        f"""
        > 我申请的退货怎么样了
        < {ticket.ticket_no}
        < 已提交，等待客服审核
        > 退款怎么还没到
        < {ticket.ticket_no}
        > 我的退款呢
        < 等待客服审核
        <! 请问是哪个订单要售后
        """
    )
    assert (await shop.db.tickets.for_order(order.order_no))[0].status is TicketStatus.OPEN


async def test_a_complaint_opens_after_sales_with_its_words_as_the_reason(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5001")
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="test")
    await chat.run(
        """
        > 收到的杯子是坏的
        < 售后订单：
        < 请问您想怎么处理
        > 3
        < 可以发几张照片
        > [image] MEDIA-CRACK
        < 收到第1张照片
        > 好了
        < 原因：收到的杯子是坏的
        < 照片：1张
        > 确认
        < 售后申请已提交
        """
    )
    (ticket,) = await shop.db.tickets.for_order(order.order_no)
    assert (ticket.kind, ticket.reason, ticket.photo_media_ids) == (
        TicketKind.EXCHANGE,
        "收到的杯子是坏的",
        ("MEDIA-CRACK",),
    )


async def test_a_leak_is_a_complaint_but_a_leak_proof_cup_is_a_search(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        """
        > 杯子漏水
        < 售后订单：
        > 取消
        > 有没有不漏水的杯子
        < 316不锈钢保温杯
        <! 售后
        """
    )


async def test_a_refund_time_question_is_not_a_delivery_time(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.run(
        """
        > 退款多久到账
        < 微信零钱即时到账
        <! 正在备货
        """
    )


async def test_the_common_typo_still_finds_the_parcel(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1234567890", actor="test")
    await chat.run(
        f"""
        > 快递到那了
        < 顺丰速运 SF1234567890
        < {SF_LINK}
        """
    )


async def test_an_invoice_asked_for_in_plain_words_is_registered(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 帮我开张发票 抬头张三 邮箱zhang@example.com
        < 订单 {order.order_no} 的发票已登记：电子普通发票，抬头“张三”
        > 能开发票吗
        < 电子发票
        <! 已登记
        """
    )
    stored = await shop.db.orders.get_order(order.order_no, chat.user)
    assert stored is not None
    invoice = stored.invoice
    assert invoice is not None and (invoice.title, invoice.email) == ("张三", "zhang@example.com")
