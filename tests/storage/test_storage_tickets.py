"""After-sales tickets: own paid orders only, one active ticket per order, the status machine."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

import pytest

from bot.storage import (
    Database,
    InvalidTransition,
    Order,
    OrderNotFound,
    Ticket,
    TicketAlreadyOpen,
    TicketKind,
    TicketNotAllowed,
    TicketNotFound,
    TicketStatus,
)

Place = Callable[..., Awaitable[Order]]
TICKET_NO = re.compile(r"^AS\d{8}[0-9A-HJKMNP-TV-Z]{12}$")


@pytest.fixture
async def paid(db: Database, place: Place) -> Order:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    return await db.orders.mark_paid(order.order_no, actor="staff")


async def test_open_ticket_on_own_paid_order(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(
        paid.order_no, "u1", "return", "尺码不合适", ["media-1", "media-2"]
    )
    assert TICKET_NO.match(ticket.ticket_no)
    assert (ticket.kind, ticket.status) == (TicketKind.RETURN, TicketStatus.OPEN)
    assert ticket.photo_media_ids == ("media-1", "media-2")
    assert (ticket.order_no, ticket.user, ticket.channel) == (paid.order_no, "u1", "oa")
    assert await db.tickets.get_ticket(ticket.ticket_no, "u1") == ticket
    assert await db.tickets.list_tickets("u1") == [ticket]


async def test_not_on_someone_elses_order(db: Database, paid: Order) -> None:
    with pytest.raises(OrderNotFound):
        await db.tickets.create_ticket(paid.order_no, "u2", TicketKind.REFUND, "想退款")
    with pytest.raises(OrderNotFound):
        await db.tickets.create_ticket(paid.order_no, "u1", "refund", "x", channel="wecom")


async def test_not_before_payment(db: Database, place: Place) -> None:
    await db.stock.seed_stock([("A", 10)])
    order = await place(db)
    with pytest.raises(TicketNotAllowed) as caught:
        await db.tickets.create_ticket(order.order_no, "u1", "refund", "不想要了")
    assert caught.value.status == "created"


async def test_bad_kind_or_empty_reason(db: Database, paid: Order) -> None:
    with pytest.raises(ValueError):
        await db.tickets.create_ticket(paid.order_no, "u1", "repair", "坏了")
    with pytest.raises(ValueError):
        await db.tickets.create_ticket(paid.order_no, "u1", "refund", "  ")


async def test_one_active_ticket_per_order(db: Database, paid: Order) -> None:
    first = await db.tickets.create_ticket(paid.order_no, "u1", "refund", "质量问题")
    with pytest.raises(TicketAlreadyOpen) as caught:
        await db.tickets.create_ticket(paid.order_no, "u1", "exchange", "换个颜色")
    assert caught.value.ticket_no == first.ticket_no
    await db.tickets.withdraw_ticket(first.ticket_no, "u1")
    second = await db.tickets.create_ticket(paid.order_no, "u1", "exchange", "换个颜色")
    assert second.status is TicketStatus.OPEN


async def test_concurrent_requests_open_one_ticket(db: Database, paid: Order) -> None:
    results = await asyncio.gather(
        *(db.tickets.create_ticket(paid.order_no, "u1", "refund", "x") for _ in range(8)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Ticket) for r in results) == 1
    assert sum(isinstance(r, TicketAlreadyOpen) for r in results) == 7


async def test_ticket_status_machine(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", "refund", "x")
    approved = await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:li", note="同意")
    resolved = await db.tickets.resolve_ticket(ticket.ticket_no, actor="staff:li", note="已退款")
    assert (approved.status, resolved.status) == (TicketStatus.APPROVED, TicketStatus.RESOLVED)
    assert resolved.note == "已退款"
    with pytest.raises(InvalidTransition):
        await db.tickets.reject_ticket(ticket.ticket_no, actor="staff:li")
    with pytest.raises(InvalidTransition):
        await db.tickets.withdraw_ticket(ticket.ticket_no, "u1")
    # A resolved ticket is not active: the order may get a new one.
    await db.tickets.create_ticket(paid.order_no, "u1", "exchange", "again")


async def test_shopper_cannot_touch_another_shoppers_ticket(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", "refund", "x")
    assert await db.tickets.get_ticket(ticket.ticket_no, "u2") is None
    assert await db.tickets.list_tickets("u2") == []
    with pytest.raises(TicketNotFound):
        await db.tickets.withdraw_ticket(ticket.ticket_no, "u2")
    assert (await db.tickets.staff_get_ticket(ticket.ticket_no)).status is TicketStatus.OPEN
    assert [t.ticket_no for t in await db.tickets.staff_list_tickets(TicketStatus.OPEN)] == [
        ticket.ticket_no
    ]
