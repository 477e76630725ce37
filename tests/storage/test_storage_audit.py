"""The audit log is append-only and never holds a phone number or an address."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import select

from bot.storage import Database, Order, mask_phone, mask_text, scrub
from bot.storage.schema import audit_log

Place = Callable[..., Awaitable[Order]]


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("021-5555 6666", "021****6666"),
        ("12345", "****"),
        ("", "****"),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


def test_scrub_masks_at_any_depth() -> None:
    detail = {
        "phone": "13812345678",
        "receiver": {"address": "北京市朝阳区", "receiver_name": "张三", "tel": 13900001111},
        "note": "客户说打 13712345678 或 86-15000001111",
        "lines": [{"sku": "A", "qty": 2}],
        "order_no": "SB20250101ABCDEFGHJKMN",
    }
    assert scrub(detail) == {
        "phone": "138****5678",
        "receiver": {"address": "***", "receiver_name": "***", "tel": "139****1111"},
        "note": "客户说打 137****5678 或 150****1111",
        "lines": [{"sku": "A", "qty": 2}],
        "order_no": "SB20250101ABCDEFGHJKMN",
    }
    assert mask_text("订单号 20250101123456789") == "订单号 20250101123456789"


async def test_record_and_read_back_masked(db: Database) -> None:
    await db.audit.record(
        "staff:li", "order.note", "SB1", {"phone": "13812345678", "address": "某路1号"}
    )
    (entry,) = await db.audit.recent(target="SB1")
    assert (entry.actor, entry.action) == ("staff:li", "order.note")
    assert entry.detail == {"phone": "138****5678", "address": "***"}


async def test_a_full_order_story_leaves_no_personal_data(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 5)])
    order = await place(db)
    await db.orders.mark_paid(order.order_no, actor="staff:li")
    await db.orders.mark_shipped(order.order_no, "顺丰", "SF1", actor="staff:li")
    ticket = await db.tickets.create_ticket(
        order.order_no, "u1", "refund", "坏了，请打13812345678联系我"
    )
    await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:li", note="已联系 13812345678")
    async with db.transactor.read() as conn:
        rows = (await conn.execute(select(audit_log))).all()
    everything = json.dumps([list(map(str, row)) for row in rows], ensure_ascii=False)
    assert "13812345678" not in everything
    assert "世纪大道" not in everything and "张三" not in everything
    actions = [e.action for e in reversed(await db.audit.recent(target=order.order_no))]
    assert actions == ["order.created", "order.paid", "order.shipped"]
