"""Changes after ordering, cell by cell of the policy table; cancelling with stock and refund."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.storage import (
    Change,
    Database,
    InvalidInvoice,
    InvalidTransition,
    Invoice,
    InvoiceKind,
    Order,
    OrderNotFound,
    OrderStatus,
    TicketAlreadyOpen,
    TicketKind,
    TicketStatus,
)
from bot.storage.policy import ALLOWED, allows

Place = Callable[..., Awaitable[Order]]
S = OrderStatus
COMPANY = Invoice(InvoiceKind.SPECIAL, "杭州小禾贸易有限公司", "91350100M000100Y43", "cw@xiaohe.cn")


async def order_in(db: Database, place: Place, status: OrderStatus) -> Order:
    """An order of u1 in `status`, one unit of A (stock seeded by the caller)."""
    if status is S.EXPIRED:
        order = await place(db)
        (expired,) = await db.orders.expire_unpaid(db.clock.now())
        return expired
    order = await place(db)
    if status is S.CANCELLED:
        return await db.orders.cancel_order(order.order_no, "u1")
    if status is S.CREATED:
        return order
    order = await db.orders.mark_paid(order.order_no, actor="staff")
    if status is S.PAID:
        return order
    order = await db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="staff")
    if status is S.SHIPPED:
        return order
    return await db.orders.mark_done(order.order_no, actor="staff")


def _attempt(db: Database, change: Change, order_no: str) -> Awaitable[Any]:
    if change is Change.RECEIVER:
        return db.changes.change_receiver(order_no, "u1", address="浙江省杭州市西湖区文三路1号")
    if change is Change.NOTE:
        return db.changes.set_note(order_no, "u1", "放门卫")
    if change is Change.INVOICE:
        return db.changes.set_invoice(order_no, "u1", COMPANY)
    return db.changes.cancel(order_no, "u1")


@pytest.mark.parametrize("status", list(OrderStatus))
async def test_each_cell_of_the_policy_table(
    db: Database, place: Place, status: OrderStatus
) -> None:
    """One row of the table: each change tried on an order of its own in `status`."""
    await db.stock.seed_stock([("A", 40)])
    for change in Change:
        order = await order_in(db, place, status)
        audit_before = len(await db.audit.recent(50, target=order.order_no))
        if allows(change, status):
            await _attempt(db, change, order.order_no)
            assert len(await db.audit.recent(50, target=order.order_no)) > audit_before
            continue
        with pytest.raises(InvalidTransition) as caught:
            await _attempt(db, change, order.order_no)
        assert (caught.value.current, caught.value.target) == (status, change)
        assert await db.orders.get_order(order.order_no, "u1") == order, change  # unchanged
        assert len(await db.audit.recent(50, target=order.order_no)) == audit_before


def test_the_table_itself() -> None:
    assert ALLOWED[Change.CANCEL] == ALLOWED[Change.RECEIVER] == (S.CREATED, S.PAID)
    assert set(ALLOWED[Change.INVOICE]) == {S.CREATED, S.PAID, S.SHIPPED, S.DONE}


async def test_receiver_changes_keep_personal_data_out_of_the_audit(
    db: Database, place: Place
) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    changed = await db.changes.change_receiver(
        order.order_no, "u1", name="李四", phone="13900001111", address="北京市朝阳区建国路8号"
    )
    assert (changed.receiver_name, changed.phone, changed.address) == (
        "李四",
        "13900001111",
        "北京市朝阳区建国路8号",
    )
    (entry, *_) = await db.audit.recent(1, target=order.order_no)
    assert entry.action == "order.change.receiver" and entry.actor == "shopper:u1"
    text = str(entry.detail)
    assert "13900001111" not in text and "建国路" not in text and "李四" not in text
    with pytest.raises(ValueError):
        await db.changes.change_receiver(order.order_no, "u1")
    with pytest.raises(ValueError):
        await db.changes.change_receiver(order.order_no, "u1", address="  ")
    with pytest.raises(OrderNotFound):
        await db.changes.change_receiver(order.order_no, "u2", address="上海市某路1号")


async def test_note_and_invoice_read_back(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    noted = await db.changes.set_note(order.order_no, "u1", "  放门卫，  周末送 ")
    assert noted.note == "放门卫， 周末送"
    with pytest.raises(ValueError):
        await db.changes.set_note(order.order_no, "u1", "长" * 201)
    personal = Invoice(InvoiceKind.NORMAL, "张三", "", " zhang.san@example.com ")
    got = await db.changes.set_invoice(order.order_no, "u1", personal)
    assert got.invoice == Invoice(InvoiceKind.NORMAL, "张三", "", "zhang.san@example.com")
    assert "张三" not in repr(got.invoice) and "zhang" not in repr(got)
    company = await db.changes.set_invoice(order.order_no, "u1", COMPANY)
    assert company.invoice == COMPANY
    stored = await db.orders.get_order(order.order_no, "u1")
    assert stored is not None
    assert stored.invoice == COMPANY


@pytest.mark.parametrize(
    ("invoice", "field", "reason"),
    [
        (Invoice(InvoiceKind.NORMAL, "", "", "a@b.cn"), "title", "missing"),
        (Invoice(InvoiceKind.NORMAL, "张三", "", "not-an-email"), "email", "bad_format"),
        (Invoice(InvoiceKind.NORMAL, "某某科技有限公司", "", "a@b.cn"), "tax_no", "needs_tax_no"),
        (Invoice(InvoiceKind.NORMAL, "某某公司", "123456", "a@b.cn"), "tax_no", "bad_format"),
        (
            Invoice(InvoiceKind.NORMAL, "某某公司", "91350100M000100Y44", "a@b.cn"),
            "tax_no",
            "bad_check",
        ),
        (Invoice(InvoiceKind.SPECIAL, "张三", "", "a@b.cn"), "title", "company_only"),
        (Invoice(InvoiceKind.SPECIAL, "某某公司", "", "a@b.cn"), "tax_no", "needs_tax_no"),
    ],
)
async def test_invoices_that_cannot_be_issued_change_nothing(
    db: Database, place: Place, invoice: Invoice, field: str, reason: str
) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    with pytest.raises(InvalidInvoice) as caught:
        await db.changes.set_invoice(order.order_no, "u1", invoice)
    assert (caught.value.field, caught.value.reason) == (field, reason)
    stored = await db.orders.get_order(order.order_no, "u1")
    assert stored is not None
    assert stored.invoice is None


async def test_cancel_unpaid_releases_stock_without_a_ticket(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    assert await db.stock.get_stock("A") == 9
    done = await db.changes.cancel(order.order_no, "u1")
    assert done.order.status is S.CANCELLED and done.refund is None
    assert await db.stock.get_stock("A") == 10
    assert await db.tickets.list_tickets("u1") == []


async def test_cancel_paid_unshipped_opens_an_approved_refund_ticket(
    db: Database, place: Place
) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await order_in(db, place, S.PAID)
    done = await db.changes.cancel(order.order_no, "u1")
    assert done.order.status is S.CANCELLED and done.order.paid_at is not None
    assert await db.stock.get_stock("A") == 10
    refund = done.refund
    assert refund is not None
    assert (refund.kind, refund.status, refund.order_no) == (
        TicketKind.REFUND,
        TicketStatus.APPROVED,
        order.order_no,
    )
    assert refund.alerted_at is None  # staff are still to be told
    assert await db.tickets.get_ticket(refund.ticket_no, "u1") == refund
    actions = [e.action for e in await db.audit.recent(10)]
    assert actions[:3] == ["ticket.approved", "ticket.open", "order.cancelled"]
    with pytest.raises(InvalidTransition):
        await db.orders.mark_shipped(order.order_no, "顺丰速运", "SF9", actor="staff")
    refunded = await db.tickets.mark_refunded(refund.ticket_no, actor="staff:li")
    assert refunded.status is TicketStatus.REFUNDED


async def test_cancel_waits_for_an_active_ticket(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await order_in(db, place, S.PAID)
    open_one = await db.tickets.create_ticket(order.order_no, "u1", "refund", "不想要了")
    with pytest.raises(TicketAlreadyOpen) as caught:
        await db.changes.cancel(order.order_no, "u1")
    assert caught.value.ticket_no == open_one.ticket_no
    stored = await db.orders.get_order(order.order_no, "u1")
    assert stored is not None
    assert stored.status is S.PAID
    assert await db.stock.get_stock("A") == 9


async def test_nobody_changes_another_shoppers_order(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    for attempt in (
        db.changes.set_note(order.order_no, "u2", "x"),
        db.changes.cancel(order.order_no, "u2"),
        db.changes.set_invoice(order.order_no, "u1", COMPANY, channel="wecom"),
    ):
        with pytest.raises(OrderNotFound):
            await attempt
    assert await db.orders.get_order(order.order_no, "u1") == order
