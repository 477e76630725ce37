"""Shipping an order (admin endpoint and /ship), tracking links, later logistics updates, and the
notices that wait for the shopper's quota; a payment opens the unlimited 48-hour quota."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.storage import OrderStatus
from tests.business.conftest import AUTH, STAFF
from tests.dialogs.transcript import Shop, paid_order

SF_LINK = "https://www.kuaidi100.com/chaxun?com=shunfeng&nu=SF1234567890"


async def test_staff_ship_from_the_chat_and_the_shopper_gets_the_link(shop: Shop) -> None:
    chat, staff = shop.chat(), shop.chat(STAFF, "wecom")
    await chat.say("你好")
    order = await paid_order(shop, chat.user)
    await staff.run(
        f"""
        > /ship {order.order_no} 顺丰 SF1234567890
        < 订单 {order.order_no} 已发货：顺丰速运 SF1234567890，已通知顾客
        > /ship {order.order_no} 顺丰 SF1234567890
        < 当前是已发货，不能发货，没有改动
        """
    )
    sent = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"您的订单 {order.order_no} 已发货" in sent and SF_LINK in sent
    await chat.run(
        f"""
        > 查物流
        < {order.order_no}
        < 顺丰速运 SF1234567890
        < 查看物流：{SF_LINK}
        > 查一下 {order.order_no}
        < 查看物流：{SF_LINK}
        """
    )
    entries = await shop.db.audit.recent(5, target=order.order_no)
    assert entries[0].action == "order.shipped" and entries[0].actor == f"staff:{STAFF}"


async def test_ship_refuses_what_it_should_and_changes_nothing(shop: Shop) -> None:
    staff, chat = shop.chat(STAFF, "wecom"), shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 没有
        > 张三 13812345678 上海市浦东新区世纪大道100号
        > 确认
        < 下单成功
        """
    )
    (unpaid,) = await shop.db.orders.list_orders(chat.user)
    await staff.run(
        f"""
        > /ship {unpaid.order_no} 顺丰 SF1234567890
        < 还没付款，要等付款后才能发货，没有改动
        > /ship SB20250101AAAAAAAAAAAA 顺丰 SF12345
        < 没有订单 SB20250101AAAAAAAAAAAA
        > /ship 12345 顺丰 SF1234567890
        < 订单号以 SB 开头
        > /ship {unpaid.order_no} 顺丰 单号呢
        < 不像快递单号
        > /ship {unpaid.order_no}
        < 参数有误
        """
    )
    stored = await shop.db.orders.get_order(unpaid.order_no, chat.user)
    assert stored is not None
    assert stored.status is OrderStatus.CREATED


async def test_an_unknown_carrier_ships_without_a_link(shop: Shop) -> None:
    staff, chat = shop.chat(STAFF, "wecom"), shop.chat()
    await chat.say("你好")
    order = await paid_order(shop, chat.user)
    await staff.run(
        f"""
        > /ship {order.order_no} 宇宙快递 YZ0001
        < carriers.toml 里没有这家快递
        """
    )
    sent = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert "宇宙快递 YZ0001" in sent and "查看物流" not in sent


async def test_logistics_updates_reach_the_shopper_and_delivery_completes(shop: Shop) -> None:
    chat = shop.chat()
    await chat.say("你好")
    order = await paid_order(shop, chat.user)
    client, base = shop.client, f"/admin/orders/{order.order_no}"
    early = await client.post(f"{base}/logistics", headers=AUTH, json={"text": "已揽收"})
    assert early.status == 409  # not shipped yet
    ship = {"carrier": "顺丰", "tracking_no": "SF1234567890"}
    assert (await client.post(f"{base}/shipped", headers=AUTH, json=ship)).status == 200
    update = {"text": "快件已到达【杭州转运中心】", "at": "2025-03-14T10:00:00+08:00"}
    answer = await client.post(f"{base}/logistics", headers=AUTH, json=update)
    assert answer.status == 200
    assert await answer.json() == {
        "order_no": order.order_no,
        "status": "shipped",
        "notified": True,
    }
    await chat.run(
        """
        > 查物流
        < 最新：快件已到达【杭州转运中心】（03-14 10:00）
        """
    )
    done = await client.post(
        f"{base}/logistics", headers=AUTH, json={"text": "已签收，签收人：门卫", "delivered": True}
    )
    assert (await done.json())["status"] == "done"
    sent = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"您的订单 {order.order_no} 物流更新：快件已到达【杭州转运中心】" in sent
    assert f"您的订单 {order.order_no} 已签收：已签收，签收人：门卫" in sent
    events = await shop.db.shipments.events(order.order_no)
    assert events[0].at == datetime(2025, 3, 14, 2, 0, tzinfo=UTC)


async def test_bad_logistics_bodies_are_400_and_change_nothing(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    url = f"/admin/orders/{order.order_no}/logistics"
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="test")
    for bad in (
        "not json",
        "[]",
        "{}",
        '{"text": ""}',
        '{"text": "到了", "delivered": "yes"}',
        '{"text": "到了", "at": "yesterday"}',
        '{"text": "到了", "at": "2025-03-14T10:00:00"}',
        '{"text": "' + "长" * 501 + '"}',
    ):
        assert (await shop.client.post(url, headers=AUTH, data=bad)).status == 400, bad
    assert (await shop.client.post(url, json={"text": "到了"})).status == 401
    missing = "/admin/orders/SB20250101AAAAAAAAAAAA/logistics"
    assert (await shop.client.post(missing, headers=AUTH, json={"text": "到了"})).status == 404
    assert await shop.db.shipments.events(order.order_no) == []


async def test_a_notice_without_quota_waits_for_the_next_message(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)  # the shopper never wrote: no quota
    shipped = await shop.client.post(
        f"/admin/orders/{order.order_no}/shipped",
        headers=AUTH,
        json={"carrier": "中通", "tracking_no": "ZT12345678"},
    )
    assert (await shipped.json())["notified"] is False
    assert shop.api_messages(chat.user, 0)[0] == []
    for text in ("运输中", "派送中"):  # one waiting notice per order: the newest
        await shop.client.post(
            f"/admin/orders/{order.order_no}/logistics", headers=AUTH, json={"text": text}
        )
    await chat.say("在吗")
    await shop.settle()
    sent = shop.api_messages(chat.user, 0)[0]
    assert any("已发货" in m and "中通快递 ZT12345678" in m for m in sent)
    assert sum("物流更新" in m for m in sent) == 1
    assert any("物流更新：派送中" in m for m in sent)
    assert await shop.db.notices.waiting("oa", chat.user) == []
    await chat.say("谢谢")
    await shop.settle()
    assert len(shop.api_messages(chat.user, 0)[0]) == len(sent)  # delivered once


async def test_a_payment_opens_the_unlimited_48_hour_quota(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 没有
        > 张三 13812345678 上海市浦东新区世纪大道100号
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    quota = shop.services.outbound.cs_quota
    while await quota.take(chat.user):  # spend what the messages granted
        pass
    paid = await shop.client.post(f"/admin/orders/{order.order_no}/paid", headers=AUTH)
    assert (await paid.json())["notified"] is True
    for i in range(8):
        assert await quota.take(chat.user), f"message {i} after payment refused"
    sent = "\n".join(shop.api_messages(chat.user, 0)[0])
    assert f"您的订单 {order.order_no} 已付款成功（¥65.00）" in sent


async def test_two_messages_at_once_send_each_waiting_notice_once(shop: Shop) -> None:
    import asyncio

    from bot.business.notify import deliver_waiting, tell
    from bot.protocol import Channel, Inbound, Kind

    chat = shop.chat()
    services = shop.services
    for topic in ("order:SB1", "ticket:AS1", "logistics:SB1"):
        assert not await tell(services, "oa", chat.user, f"通知 {topic}", topic=topic)
    msg = Inbound(Channel.OA, chat.user, "gh", Kind.TEXT, 0, text="在吗")
    await services.outbound.cs_quota.grant(msg)
    sent = await asyncio.gather(deliver_waiting(services, msg), deliver_waiting(services, msg))
    assert sum(sent) == 3
    assert sorted(shop.api_messages(chat.user, 0)[0]) == [
        "通知 logistics:SB1",
        "通知 order:SB1",
        "通知 ticket:AS1",
    ]
