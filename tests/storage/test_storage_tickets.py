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
    refunded = await db.tickets.mark_refunded(ticket.ticket_no, actor="staff:li", note="已退款")
    assert (approved.status, refunded.status) == (TicketStatus.APPROVED, TicketStatus.REFUNDED)
    assert refunded.note == "已退款"
    with pytest.raises(InvalidTransition):
        await db.tickets.reject_ticket(ticket.ticket_no, actor="staff:li")
    with pytest.raises(InvalidTransition):
        await db.tickets.withdraw_ticket(ticket.ticket_no, "u1")
    # A refunded ticket is not active: the order may get a new one.
    await db.tickets.create_ticket(paid.order_no, "u1", "exchange", "again")


PATHS = {
    TicketKind.REFUND: [TicketStatus.APPROVED, TicketStatus.REFUNDED],
    TicketKind.RETURN: [TicketStatus.APPROVED, TicketStatus.RECEIVED, TicketStatus.REFUNDED],
    TicketKind.EXCHANGE: [TicketStatus.APPROVED, TicketStatus.RECEIVED, TicketStatus.RESOLVED],
}


@pytest.mark.parametrize("kind", list(PATHS))
async def test_each_kind_walks_its_own_path_with_an_audit_line_per_move(
    db: Database, paid: Order, kind: TicketKind
) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", kind, "原因")
    every = [s for s in TicketStatus if s is not TicketStatus.WITHDRAWN]
    for step, target in enumerate(PATHS[kind]):
        for wrong in every:
            if wrong is target or wrong is TicketStatus.REJECTED:
                continue
            with pytest.raises(InvalidTransition):
                await db.tickets.move(ticket.ticket_no, wrong, actor="staff:li")
        moved = await db.tickets.move(
            ticket.ticket_no, target, actor="staff:li", note=f"第{step}步"
        )
        assert moved.status is target and moved.note == f"第{step}步"
        assert moved.active is (target in (TicketStatus.APPROVED, TicketStatus.RECEIVED))
    entries = await db.audit.recent(10, target=ticket.ticket_no)
    assert [e.action for e in reversed(entries)] == [
        "ticket.open",
        *(f"ticket.{t}" for t in PATHS[kind]),
    ]
    assert {e.actor for e in entries[: len(PATHS[kind])]} == {"staff:li"}


@pytest.mark.parametrize("before", [[], [TicketStatus.APPROVED], "received"])
async def test_staff_reject_while_active_and_never_twice(
    db: Database, paid: Order, before: list[TicketStatus] | str
) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", TicketKind.RETURN, "x")
    moves = [TicketStatus.APPROVED, TicketStatus.RECEIVED] if isinstance(before, str) else before
    for target in moves:
        await db.tickets.move(ticket.ticket_no, target, actor="staff:li")
    rejected = await db.tickets.reject_ticket(ticket.ticket_no, actor="staff:li", note="已拆封")
    assert (rejected.status, rejected.note) == (TicketStatus.REJECTED, "已拆封")
    with pytest.raises(InvalidTransition) as caught:
        await db.tickets.reject_ticket(ticket.ticket_no, actor="staff:li", note="再拒")
    assert caught.value.current == "rejected"
    stored = await db.tickets.staff_get_ticket(ticket.ticket_no)
    assert stored is not None
    assert stored.note == "已拆封"


async def test_approving_twice_changes_nothing(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", TicketKind.REFUND, "x")
    first = await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:li", note="同意")
    with pytest.raises(InvalidTransition):
        await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:wang", note="又同意")
    assert await db.tickets.staff_get_ticket(ticket.ticket_no) == first
    assert len(await db.audit.recent(10, target=ticket.ticket_no)) == 2
    with pytest.raises(TicketNotFound):
        await db.tickets.approve_ticket("AS20250101AAAAAAAAAAAA", actor="staff:li")
    with pytest.raises(ValueError):
        await db.tickets.move(ticket.ticket_no, TicketStatus.WITHDRAWN, actor="staff:li")


async def test_alerts_are_claimed_once_and_released_on_failure(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", TicketKind.REFUND, "x")
    assert [t.ticket_no for t in await db.tickets.unalerted()] == [ticket.ticket_no]
    assert await db.tickets.claim_alert(ticket.ticket_no) is True
    assert await db.tickets.claim_alert(ticket.ticket_no) is False
    assert await db.tickets.unalerted() == []
    await db.tickets.release_alert(ticket.ticket_no)
    assert [t.ticket_no for t in await db.tickets.unalerted()] == [ticket.ticket_no]


async def test_untouched_tickets_are_found_once_per_period(db: Database, paid: Order) -> None:
    from datetime import timedelta

    ticket = await db.tickets.create_ticket(paid.order_no, "u1", TicketKind.REFUND, "x")
    later = db.clock.now() + timedelta(hours=25)
    since = later - timedelta(hours=24)
    assert await db.tickets.untouched(db.clock.now() - timedelta(hours=1)) == []
    assert [t.ticket_no for t in await db.tickets.untouched(since)] == [ticket.ticket_no]
    await db.tickets.mark_reminded([ticket.ticket_no], later)
    assert await db.tickets.untouched(since) == []  # reminded within the period
    assert [t.ticket_no for t in await db.tickets.untouched(later + timedelta(seconds=1))] == [
        ticket.ticket_no
    ]
    await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:li")
    await db.tickets.mark_refunded(ticket.ticket_no, actor="staff:li")
    assert await db.tickets.untouched(later + timedelta(days=9)) == []  # finished: no reminder


async def test_shopper_cannot_touch_another_shoppers_ticket(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", "refund", "x")
    assert await db.tickets.get_ticket(ticket.ticket_no, "u2") is None
    assert await db.tickets.list_tickets("u2") == []
    with pytest.raises(TicketNotFound):
        await db.tickets.withdraw_ticket(ticket.ticket_no, "u2")
    stored = await db.tickets.staff_get_ticket(ticket.ticket_no)
    assert stored is not None
    assert stored.status is TicketStatus.OPEN
    assert [t.ticket_no for t in await db.tickets.staff_list_tickets(TicketStatus.OPEN)] == [
        ticket.ticket_no
    ]


async def test_the_parcel_sent_back_is_recorded_only_on_an_own_approved_return(
    db: Database, paid: Order
) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", "return", "不想要了")
    with pytest.raises(InvalidTransition):  # not approved yet: nothing waits for a parcel
        await db.tickets.record_return_parcel(ticket.ticket_no, "u1", "SF9876543210")
    await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:zhangsan")
    with pytest.raises(TicketNotFound):  # someone else's ticket reads as no ticket
        await db.tickets.record_return_parcel(ticket.ticket_no, "u2", "SF9876543210")
    recorded = await db.tickets.record_return_parcel(ticket.ticket_no, "u1", " sf9876543210 ")
    assert (recorded.return_tracking, recorded.status) == ("SF9876543210", TicketStatus.APPROVED)
    (entry,) = await db.audit.recent(1, target=ticket.ticket_no)
    assert (entry.action, entry.detail["tracking_no"]) == ("ticket.return_parcel", "SF9876543210")
    await db.tickets.mark_received(ticket.ticket_no, actor="staff:zhangsan")
    with pytest.raises(InvalidTransition):  # arrived: the number no longer changes
        await db.tickets.record_return_parcel(ticket.ticket_no, "u1", "YT1234567890123")


async def test_a_refund_waits_for_no_parcel(db: Database, paid: Order) -> None:
    ticket = await db.tickets.create_ticket(paid.order_no, "u1", "refund", "没收到")
    await db.tickets.approve_ticket(ticket.ticket_no, actor="staff:zhangsan")
    with pytest.raises(InvalidTransition):
        await db.tickets.record_return_parcel(ticket.ticket_no, "u1", "SF9876543210")
