"""Shipping on the order (fee, total), logistics updates, and notices waiting for a quota."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from bot.storage import (
    Database,
    InvalidTransition,
    LineIn,
    Order,
    OrderNotFound,
    OrderStatus,
    mask_text,
    scrub,
)

Place = Callable[..., Awaitable[Order]]


async def test_shipping_goes_on_top_of_the_discounted_goods(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    lines = [LineIn("A", "苹果", "5斤装", 4, 1990)]
    order = await place(db, lines=lines, discount_fen=1000, shipping_fen=1500, note="放门卫")
    assert (order.subtotal_fen, order.discount_fen, order.shipping_fen) == (7960, 1000, 1500)
    assert (order.goods_fen, order.total_fen, order.note) == (6960, 8460, "放门卫")
    with pytest.raises(ValueError):
        await place(db, shipping_fen=-1)
    (entry,) = await db.audit.recent(1, target=order.order_no)
    assert entry.detail["shipping_fen"] == 1500


async def _shipped(db: Database, place: Place) -> Order:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    await db.orders.mark_paid(order.order_no, actor="staff")
    return await db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="staff")


async def test_logistics_updates_are_kept_in_order(db: Database, place: Place) -> None:
    order = await _shipped(db, place)
    t0 = db.clock.now()
    first = await db.shipments.record(order.order_no, "已揽收", at=t0, actor="admin:http")
    assert not first.delivered_now and first.order.status is OrderStatus.SHIPPED
    await db.shipments.record(
        order.order_no, " 运输中：杭州  转运中心 ", at=t0 + timedelta(hours=3), actor="admin:http"
    )
    events = await db.shipments.events(order.order_no)
    assert [e.text for e in events] == ["已揽收", "运输中：杭州 转运中心"]
    latest = await db.shipments.latest([order.order_no, "SB20250101AAAAAAAAAAAA"])
    assert latest[order.order_no].text == "运输中：杭州 转运中心"


async def test_a_delivered_update_completes_the_order_once(db: Database, place: Place) -> None:
    order = await _shipped(db, place)
    done = await db.shipments.record(order.order_no, "已签收", delivered=True, actor="admin:http")
    assert done.delivered_now and done.order.status is OrderStatus.DONE
    again = await db.shipments.record(order.order_no, "已签收", delivered=True, actor="admin:http")
    assert not again.delivered_now and again.order.status is OrderStatus.DONE


async def test_no_logistics_before_shipping_or_for_a_missing_order(
    db: Database, place: Place
) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    with pytest.raises(InvalidTransition):
        await db.shipments.record(order.order_no, "已揽收", actor="admin:http")
    with pytest.raises(OrderNotFound):
        await db.shipments.record("SB20250101AAAAAAAAAAAA", "已揽收", actor="admin:http")
    with pytest.raises(ValueError):
        await db.shipments.record(order.order_no, "  ", actor="admin:http")
    assert await db.shipments.events(order.order_no) == []


async def test_pending_notices_one_per_topic_oldest_first(db: Database) -> None:
    await db.notices.hold("oa", "u1", "ticket:AS1", "同意了")
    await db.notices.hold("oa", "u1", "logistics:SB1", "已揽收")
    await db.notices.hold("oa", "u1", "logistics:SB1", "派送中")
    await db.notices.hold("oa", "u2", "ticket:AS2", "别人的")
    waiting = await db.notices.waiting("oa", "u1")
    assert [(n.topic, n.text) for n in waiting] == [
        ("ticket:AS1", "同意了"),
        ("logistics:SB1", "派送中"),
    ]
    assert await db.notices.claim(waiting[0].id) is True
    assert await db.notices.claim(waiting[0].id) is False  # one sender only
    assert [n.text for n in await db.notices.waiting("oa", "u1")] == ["派送中"]
    await db.notices.restore(waiting[0])  # its sending failed: it waits again
    await db.notices.restore(waiting[1])  # a newer one holds this topic: nothing doubled
    assert [n.text for n in await db.notices.waiting("oa", "u1")] == ["派送中", "同意了"]
    assert await db.notices.waiting("wecom", "u1") == []


async def test_stale_notices_are_dropped(db: Database) -> None:
    await db.notices.hold("oa", "u1", "order:SB1", "已发货")
    assert await db.notices.waiting("oa", "u1", now=db.clock.now() + timedelta(days=8)) == []
    assert await db.notices.waiting("oa", "u1") == []


def test_emails_are_masked_in_free_text_and_by_key() -> None:
    assert mask_text("发到 zhang.san@example.com 谢谢") == "发到 z***@example.com 谢谢"
    assert scrub({"invoice_title": "张三", "email": "a@b.cn"}) == {
        "invoice_title": "***",
        "email": "a***@b.cn",
    }
