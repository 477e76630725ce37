"""Paid and shipped through the authenticated endpoint; unpaid orders expire; both notify."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.dialogs.expiry import expire_unpaid_orders
from bot.storage import OrderStatus
from tests.dialogs.conftest import MakeShop
from tests.dialogs.transcript import Shop

TOKEN = "s3cret-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PLACE = """
    > 我要两件黑色M码的T恤
    > 结算
    > 没有
    > 张三 13812345678 上海市浦东新区世纪大道100号
    > 确认
    < 下单成功
"""


async def _placed(shop: Shop) -> tuple[str, str]:
    chat = shop.chat()
    await chat.run(PLACE)
    (order,) = await shop.db.orders.list_orders(chat.user)
    return chat.user, order.order_no


async def test_paid_then_shipped_notifies_the_shopper(make_shop: MakeShop) -> None:
    shop = await make_shop(admin_token=TOKEN)
    user, order_no = await _placed(shop)
    client = shop.client
    response = await client.post(f"/admin/orders/{order_no}/paid", headers=AUTH)
    assert response.status == 200
    body = await response.json()
    assert body == {"order_no": order_no, "status": "paid", "notified": True}
    again = await client.post(f"/admin/orders/{order_no}/paid", headers=AUTH)
    assert again.status == 409 and (await again.json())["status"] == "paid"
    shipped = await client.post(
        f"/admin/orders/{order_no.lower()}/shipped",
        headers=AUTH,
        json={"carrier": "顺丰", "tracking_no": "SF1234567890"},
    )
    assert shipped.status == 200
    await shop.settle()
    sent, _ = shop.api_messages(user, 0)
    assert any(f"您的订单 {order_no} 已付款成功（¥118.00）" in m for m in sent)
    assert any("已发货" in m and "顺丰速运 SF1234567890" in m for m in sent)
    assert any("kuaidi100.com/chaxun?com=shunfeng&nu=SF1234567890" in m for m in sent)
    order = await shop.db.orders.get_order(order_no, user)
    assert order is not None and order.status is OrderStatus.SHIPPED
    for answer in (body, await shipped.json()):
        assert "13812345678" not in str(answer) and "张三" not in str(answer)


async def test_the_endpoint_refuses_what_it_should(make_shop: MakeShop) -> None:
    shop = await make_shop(admin_token=TOKEN)
    user, order_no = await _placed(shop)
    client = shop.client
    paid = f"/admin/orders/{order_no}/paid"
    assert (await client.post(paid)).status == 401
    assert (await client.post(paid, headers={"Authorization": "Bearer wrong"})).status == 401
    assert (await client.post(paid, headers={"Authorization": TOKEN})).status == 401
    assert (
        await client.post("/admin/orders/SB20250101ABCDEFGHJKMN/paid", headers=AUTH)
    ).status == 404
    shipped = f"/admin/orders/{order_no}/shipped"
    bad_bodies = [
        "",
        "not json",
        "[]",
        '{"carrier": "顺丰"}',
        '{"carrier": "", "tracking_no": "1"}',
    ]
    for bad in bad_bodies:
        assert (await client.post(shipped, headers=AUTH, data=bad)).status == 400, bad
    good = {"carrier": "顺丰", "tracking_no": "SF1"}
    assert (await client.post(shipped, headers=AUTH, json=good)).status == 409  # not paid yet
    order = await shop.db.orders.get_order(order_no, user)
    assert order is not None and order.status is OrderStatus.CREATED


async def test_the_endpoint_is_off_without_a_token(shop: Shop) -> None:
    _, order_no = await _placed(shop)
    response = await shop.client.post(f"/admin/orders/{order_no}/paid", headers=AUTH)
    assert response.status == 404


async def test_unpaid_orders_expire_release_stock_and_notify(shop: Shop) -> None:
    user, order_no = await _placed(shop)
    assert await shop.db.stock.get_stock("AP-1001") == 318
    assert await expire_unpaid_orders(shop.services) == 0  # not 30 minutes yet
    later = datetime.now(UTC) + timedelta(minutes=31)
    assert await expire_unpaid_orders(shop.services, now=later) == 1
    assert await expire_unpaid_orders(shop.services, now=later) == 0
    order = await shop.db.orders.get_order(order_no, user)
    assert order is not None and order.status is OrderStatus.EXPIRED
    assert await shop.db.stock.get_stock("AP-1001") == 320
    sent, _ = shop.api_messages(user, 0)
    assert any(f"您的订单 {order_no} 超过30分钟未付款，已自动取消" in m for m in sent)
    chat = shop.chat(user)
    await chat.run(
        f"""
        > 我的订单
        < {order_no}
        < 超时未付款，已关闭
        """
    )
