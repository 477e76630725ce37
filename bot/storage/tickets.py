"""After-sales tickets: 退货 return, 退款 refund, 换货 exchange.

Rules:

* Only on the shopper's own order (the owner is part of the same SQL that reads the order), and
  only once it was paid (paid, shipped or done); before payment the shopper cancels instead.
* One active ticket (open or approved) per **order**, not per line: in chat the shopper talks about
  "this parcel", staff can handle several lines in one ticket, and "where is my refund" keeps one
  answer. A partial unique index enforces it, so two racing requests cannot both open one.

States (conditional UPDATEs, as for orders)::

    open --approve--> approved --resolve--> resolved
    open | approved --reject--> rejected
    open --withdraw (shopper)--> withdrawn

Tickets do not change the order's status: the refund itself is staff work outside the bot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.storage.audit import write_entry
from bot.storage.core import Reader, Transactor
from bot.storage.errors import (
    InvalidTransition,
    OrderNotFound,
    TicketAlreadyOpen,
    TicketNotAllowed,
    TicketNotFound,
)
from bot.storage.ids import new_ticket_no, normalise
from bot.storage.models import (
    ACTIVE_TICKET_STATUSES,
    OrderStatus,
    Ticket,
    TicketKind,
    TicketStatus,
)
from bot.storage.schema import orders, tickets, utcnow

T = TicketStatus
SOURCES: dict[TicketStatus, tuple[TicketStatus, ...]] = {
    T.APPROVED: (T.OPEN,),
    T.RESOLVED: (T.APPROVED,),
    T.REJECTED: (T.OPEN, T.APPROVED),
    T.WITHDRAWN: (T.OPEN,),
}
TICKETABLE = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DONE)
MAX_REASON = 1000
MAX_PHOTOS = 9


def _ticket(row: Row[Any]) -> Ticket:
    return Ticket(
        ticket_no=row.ticket_no,
        order_no=row.order_no,
        channel=row.channel,
        user=row.user_id,
        kind=TicketKind(row.kind),
        status=TicketStatus(row.status),
        reason=row.reason,
        photo_media_ids=tuple(row.photo_media_ids),
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
        alerted_at=row.alerted_at,
        reminded_at=row.reminded_at,
    )


def _owner(user: str, channel: str | None) -> list[ColumnElement[bool]]:
    conds = [tickets.c.user_id == user]
    if channel is not None:
        conds.append(tickets.c.channel == channel)
    return conds


async def _load(conn: Reader, where: Sequence[ColumnElement[bool]], limit: int = 1) -> list[Ticket]:
    query = (
        select(tickets)
        .where(*where)
        .order_by(tickets.c.created_at.desc(), tickets.c.ticket_no)
        .limit(limit)
    )
    return [_ticket(row) for row in (await conn.execute(query)).all()]


def _checked(reason: str, photo_media_ids: Iterable[str]) -> tuple[str, list[str]]:
    reason = reason.strip()
    if not reason:
        raise ValueError("reason is required")
    photos = [str(media_id) for media_id in photo_media_ids]
    if len(photos) > MAX_PHOTOS:
        raise ValueError(f"at most {MAX_PHOTOS} photos")
    return reason[:MAX_REASON], photos


class TicketStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def create_ticket(
        self,
        order_no: str,
        user: str,
        kind: TicketKind | str,
        reason: str,
        photo_media_ids: Iterable[str] = (),
        *,
        channel: str | None = None,
    ) -> Ticket:
        """Open a ticket on the shopper's own paid order.

        Raises OrderNotFound (not theirs or no such order), TicketNotAllowed (not paid yet) or
        TicketAlreadyOpen (with the number of the active ticket, to show the shopper).
        """
        kind = TicketKind(kind)
        reason, photos = _checked(reason, photo_media_ids)
        order_no = normalise(order_no)
        try:
            return await self._create(order_no, user, channel, kind, reason, photos)
        except IntegrityError:
            active = await self._active_for(order_no)
            if active is None:
                raise
            raise TicketAlreadyOpen(order_no, active) from None

    async def _create(
        self,
        order_no: str,
        user: str,
        channel: str | None,
        kind: TicketKind,
        reason: str,
        photos: list[str],
    ) -> Ticket:
        mine = [orders.c.order_no == order_no, orders.c.user_id == user]
        if channel is not None:
            mine.append(orders.c.channel == channel)
        now = utcnow()
        ticket_no = new_ticket_no(now)
        async with self._tx.write() as conn:
            order = (
                await conn.execute(select(orders.c.status, orders.c.channel).where(*mine))
            ).first()
            if order is None:
                raise OrderNotFound(order_no)
            if order.status not in TICKETABLE:
                raise TicketNotAllowed(order_no, order.status)
            await conn.execute(
                insert(tickets).values(
                    ticket_no=ticket_no,
                    order_no=order_no,
                    channel=order.channel,
                    user_id=user,
                    kind=kind,
                    status=T.OPEN,
                    reason=reason,
                    photo_media_ids=photos,
                    note="",
                    created_at=now,
                    updated_at=now,
                )
            )
            detail = {"order_no": order_no, "kind": kind, "photos": len(photos)}
            await write_entry(conn, f"shopper:{user}", "ticket.open", ticket_no, detail)
            (ticket,) = await _load(conn, [tickets.c.ticket_no == ticket_no])
        return ticket

    async def _active_for(self, order_no: str) -> str | None:
        query = select(tickets.c.ticket_no).where(
            tickets.c.order_no == order_no, tickets.c.status.in_(ACTIVE_TICKET_STATUSES)
        )
        async with self._tx.read() as conn:
            value = await conn.scalar(query)
        return None if value is None else str(value)

    async def get_ticket(
        self, ticket_no: str, user: str, *, channel: str | None = None
    ) -> Ticket | None:
        """The shopper's own ticket, or None."""
        where = [tickets.c.ticket_no == normalise(ticket_no), *_owner(user, channel)]
        async with self._tx.read() as conn:
            found = await _load(conn, where)
        return found[0] if found else None

    async def list_tickets(
        self, user: str, limit: int = 10, *, channel: str | None = None
    ) -> list[Ticket]:
        async with self._tx.read() as conn:
            return await _load(conn, _owner(user, channel), limit)

    async def staff_get_ticket(self, ticket_no: str) -> Ticket | None:
        """Any ticket by number. Staff only."""
        async with self._tx.read() as conn:
            found = await _load(conn, [tickets.c.ticket_no == normalise(ticket_no)])
        return found[0] if found else None

    async def staff_list_tickets(
        self, status: TicketStatus | None = None, limit: int = 20
    ) -> list[Ticket]:
        where = [] if status is None else [tickets.c.status == TicketStatus(status)]
        async with self._tx.read() as conn:
            return await _load(conn, where, limit)

    async def withdraw_ticket(
        self, ticket_no: str, user: str, *, channel: str | None = None
    ) -> Ticket:
        """The shopper takes back an open ticket."""
        return await self._move(
            ticket_no, T.WITHDRAWN, actor=f"shopper:{user}", owner=_owner(user, channel)
        )

    async def approve_ticket(self, ticket_no: str, *, actor: str, note: str = "") -> Ticket:
        return await self._move(ticket_no, T.APPROVED, actor=actor, note=note)

    async def reject_ticket(self, ticket_no: str, *, actor: str, note: str = "") -> Ticket:
        return await self._move(ticket_no, T.REJECTED, actor=actor, note=note)

    async def resolve_ticket(self, ticket_no: str, *, actor: str, note: str = "") -> Ticket:
        return await self._move(ticket_no, T.RESOLVED, actor=actor, note=note)

    async def _move(
        self,
        ticket_no: str,
        target: TicketStatus,
        *,
        actor: str,
        note: str = "",
        owner: Sequence[ColumnElement[bool]] = (),
    ) -> Ticket:
        ticket_no = normalise(ticket_no)
        mine = [tickets.c.ticket_no == ticket_no, *owner]
        values: dict[str, Any] = {"status": target, "updated_at": utcnow()}
        if note.strip():
            values["note"] = note.strip()[:MAX_REASON]
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(tickets).where(*mine, tickets.c.status.in_(SOURCES[target])).values(values)
            )
            if result.rowcount != 1:
                current = await conn.scalar(select(tickets.c.status).where(*mine))
                if current is None:
                    raise TicketNotFound(ticket_no)
                raise InvalidTransition(ticket_no, current, target)
            await write_entry(conn, actor, f"ticket.{target}", ticket_no, {"note": note})
            (ticket,) = await _load(conn, [tickets.c.ticket_no == ticket_no])
        return ticket
