"""After-sales steps take what the shopper types instead of talking past it:

* asked how at the choice of kind ("怎么处理啊"), the choices are explained for the problem said
  (a fault: postage is ours), never "答不上来";
* an exchange keeps the spec wanted ("想换个L", later "还是黑的"), shows it against the ordered
  one, keeps the reason clean of it, and asks no photos for a swap of size;
* a missing item ("少发了 X没收到") opens a ticket (仅退款, the missing product named, photos of
  the parcel asked), never the tracking, and "就一个包裹" is kept for staff;
* a question about the money while a cancellation waits for its yes is answered for that order
  and the yes is still taken;
* staff asking on WeCom in plain words to see the orders get the staff listing.
"""

from __future__ import annotations

from bot.shop.stock import seed_catalogue_stock
from bot.storage import LineIn, Order, OrderStatus, TicketKind
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

KIND_QUESTION = "请问您想怎么处理"
NOT_ANSWERED = "答不上来"


async def _shipped(shop: Shop, user: str, sku: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    return await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT7788123456", actor="t")


async def _shipped_with_spec(
    shop: Shop,  # noqa: F811
    user: str,
    lines: list[tuple[str, dict[str, str]]],
) -> Order:
    await seed_catalogue_stock(shop.services)
    products = shop.services.knowledge.current.kb.products
    order = await shop.db.orders.create_order(
        user,
        "oa",
        [LineIn(sku, products[sku].name, spec, 1, products[sku].price_fen) for sku, spec in lines],
        receiver_name="郑十",
        phone="13200007777",
        address="湖北省武汉市洪山区珞喻路7号",
        idempotency_key=f"test-{user}-{len(lines)}",
    )
    await shop.db.orders.mark_paid(order.order_no, actor="t")
    return await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT7788123456", actor="t")


async def test_asked_how_the_choices_are_explained_for_a_fault(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "HM-5019")
    await chat.run(
        f"""
        > 水壶收到就坏了 通电没反应
        < {KIND_QUESTION}
        > 怎么处理啊
        < 换货是寄回后给您换个新的
        < 来回运费都由我们承担
        < {KIND_QUESTION}
        <! {NOT_ANSWERED}
        > 有啥区别
        < 退货退款是寄回后全额退钱
        > 3
        < 可以发几张照片
        """
    )


async def test_an_exchange_keeps_the_spec_wanted_and_a_clean_reason(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped_with_spec(shop, chat.user, [("AP-1002", {"颜色": "黑色", "尺码": "M"})])
    await chat.run(
        """
        > 卫衣小了 想换个L
        < 处理方式：换货
        < 换成：重磅连帽卫衣 黑色 L（原来是黑色 M）
        < 原因：卫衣小了
        <! 原因：卫衣小了 L
        <! 可以发几张照片
        > 颜色不变 还是黑的
        < 换成：重磅连帽卫衣 黑色 L（原来是黑色 M）
        <! 请发照片
        <! 没太明白
        > 确认
        < 售后申请已提交
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert ticket.kind is TicketKind.EXCHANGE
    assert ticket.reason.startswith("卫衣小了")
    assert "换成：重磅连帽卫衣 黑色 L" in ticket.reason


async def test_a_colour_wanted_later_changes_only_the_colour(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped_with_spec(shop, chat.user, [("AP-1002", {"颜色": "黑色", "尺码": "M"})])
    await chat.run(
        """
        > 卫衣小了 想换个L
        < 换成：重磅连帽卫衣 黑色 L
        > 还是换成燕麦色吧
        < 换成：重磅连帽卫衣 燕麦色 L（原来是黑色 M）
        """
    )


async def test_a_missing_item_opens_a_ticket_not_the_tracking(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _shipped_with_spec(
        shop,
        chat.user,
        [("AP-1016", {"颜色": "纯黑", "尺码": "均码"}), ("HM-5006", {"颜色": "白灰蓝混色"})],
    )
    await chat.run(
        f"""
        > 少发了 毛巾没收到
        < 非常抱歉
        < 帮您登记少发：订单 {order.order_no} 少了长绒棉毛巾3条装
        < 仅退款
        < 收到的包裹和快递面单
        <! 查看物流
        <! 质量问题可以退换
        <! {KIND_QUESTION}
        > 就一个包裹
        < 这些情况也记下了
        <! 回复“售后”
        > 跳过
        < 处理方式：仅退款
        < 原因：少发了 毛巾没收到；就一个包裹
        > 确认
        < 售后申请已提交
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert ticket.kind is TicketKind.REFUND


async def test_a_money_question_keeps_the_cancellation_waiting(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 澳洲牛排10片装来一份
        < 已加入购物车
        > 结算 陈三 18800001234 上海市徐汇区漕溪北路18号
        < 请核对订单
        > 确认
        < 下单成功
        > 不想要了 取消订单
        < 要取消吗
        > 钱退到哪
        < 这单还没付款，取消不会扣钱
        < 确认取消
        <! 您还没有售后申请
        > 确认取消
        < 已取消
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user, 5, channel="oa")
    assert order.status is OrderStatus.CANCELLED


async def test_staff_asking_in_words_for_the_orders_get_the_listing(shop: Shop) -> None:  # noqa: F811
    buyer = shop.chat()
    order = await paid_order(shop, buyer.user, "AP-1001")
    staff = shop.chat("lisi", channel="wecom")
    await staff.run(
        f"""
        > 帮我看下最近的订单
        < 最近 1 个订单
        < {order.order_no} 已付款
        <! 您还没有订单
        <! 逛逛
        > 看看售后单
        < 没有处理中的售后单
        > 查下这个订单 {order.order_no}
        < 订单 {order.order_no}（已付款）
        < 收货人手机
        """
    )


async def test_the_colour_asked_for_wins_over_the_one_that_came(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped_with_spec(shop, chat.user, [("AP-1002", {"颜色": "燕麦色", "尺码": "L"})])
    await chat.run(
        """
        > 颜色发错了 收到的是雾霾蓝 我要换燕麦色
        < 可以发几张照片
        > 跳过
        < 处理方式：换货
        < 换成：重磅连帽卫衣 燕麦色 L（和订单一样）
        < 原因：颜色发错了 收到的是雾霾蓝
        """
    )
