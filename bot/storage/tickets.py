"""After-sales tickets: 退货 return, 退款 refund, 换货 exchange, moved by staff.

Rules:

* Only on the shopper's own order (the owner is part of the same SQL that reads the order), and
  only once it was paid (paid, shipped or done); before payment the shopper cancels instead. A
  paid order cancelled before shipping gets its refund ticket from the cancellation (changes.py).
* One active ticket (open, approved or received) per **order**, not per line: in chat the
  shopper talks about "this parcel", staff can handle several lines in one ticket, and "where is
  my refund" keeps one answer. A partial unique index enforces it under concurrent requests.

States, per kind (`MOVES`; every move one conditional UPDATE, so of two racing moves one wins)::

    open --approve--> approved                      (every kind)
    approved --refunded--> refunded                 (refund: the money went back)
    approved --received--> received --refunded--> refunded     (return)
    approved --received--> received --resolve--> resolved      (exchange: replacement sent)
    open | approved | received --reject--> rejected (staff, with a reason)
    open --withdraw--> withdrawn                    (the shopper)

The diagram is drawn from `MOVES` (bot/business/ticket_flow.py). A ticket does not change its
order's status: the refund itself is made by staff outside the bot, then marked here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    and_,
    bindparam,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock
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
from bot.storage.schema import orders, tickets

T = TicketStatus
K = TicketKind
MOVES: dict[TicketStatus, dict[TicketKind, tuple[TicketStatus, ...]]] = {
    T.APPROVED: {K.REFUND: (T.OPEN,), K.RETURN: (T.OPEN,), K.EXCHANGE: (T.OPEN,)},
    T.RECEIVED: {K.RETURN: (T.APPROVED,), K.EXCHANGE: (T.APPROVED,)},
    T.REFUNDED: {K.REFUND: (T.APPROVED,), K.RETURN: (T.RECEIVED,)},
    T.RESOLVED: {K.EXCHANGE: (T.RECEIVED,)},
    T.REJECTED: {kind: (T.OPEN, T.APPROVED, T.RECEIVED) for kind in K},
    T.WITHDRAWN: {kind: (T.OPEN,) for kind in K},
}
"""target → kind → the states it may be reached from."""
TICKETABLE = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DONE)
MAX_REASON = 1000
RETURN_TRACKING_MAX = 64
RETURN_PARCEL = "return_parcel"
"""The audit action (ticket.return_parcel) of a tracking number the shopper gave for the parcel back."""
MAX_PHOTOS = 9
SYSTEM_ACTOR = "system:policy"


def can_move(kind: TicketKind, current: TicketStatus, target: TicketStatus) -> bool:
    return current in MOVES[target].get(kind, ())


def _from(target: TicketStatus) -> ColumnElement[bool]:
    """SQL for "this ticket's kind and status allow a move to `target`"."""
    return or_(
        *(
            and_(tickets.c.kind == kind, tickets.c.status.in_(sources))
            for kind, sources in MOVES[target].items()
        )
    )


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
        return_tracking=row.return_tracking,
    )


def _owner(user: str, channel: str | None) -> list[ColumnElement[bool]]:
    conds = [tickets.c.user_id == user]
    if channel is not None:
        conds.append(tickets.c.channel == channel)
    return conds


def _newest_first(where: Sequence[ColumnElement[bool]], limit: Any) -> Select[Any]:
    return (
        select(tickets)
        .where(*where)
        .order_by(tickets.c.created_at.desc(), tickets.c.ticket_no)
        .limit(limit)
    )


_SHOPPER_TICKETS = _newest_first(
    [tickets.c.user_id == bindparam("user"), tickets.c.channel == bindparam("channel")],
    bindparam("limit", type_=Integer),
)
"""A shopper's tickets on one channel, read on many messages: built once, so neither the
statement nor its cache key is made again for each read."""


async def load_tickets(
    conn: Reader, where: Sequence[ColumnElement[bool]], limit: int = 1
) -> list[Ticket]:
    return [_ticket(row) for row in (await conn.execute(_newest_first(where, limit))).all()]


def _checked(reason: str, photo_media_ids: Iterable[str]) -> tuple[str, list[str]]:
    reason = reason.strip()
    if not reason:
        raise ValueError("reason is required")
    photos = [str(media_id) for media_id in photo_media_ids]
    if len(photos) > MAX_PHOTOS:
        raise ValueError(f"at most {MAX_PHOTOS} photos")
    return reason[:MAX_REASON], photos


async def insert_ticket(
    conn: AsyncConnection,
    order_no: str,
    channel: str,
    user: str,
    kind: TicketKind,
    reason: str,
    photos: list[str],
    *,
    clock: Clock,
    status: TicketStatus = T.OPEN,
    note: str = "",
) -> Ticket:
    """Insert one ticket on the caller's transaction, with its audit entry; IntegrityError when
    the order has an active ticket already. Its number carries the date in the shop's zone."""
    now = clock.now()
    ticket_no = new_ticket_no(now, clock.zone)
    await conn.execute(
        insert(tickets).values(
            ticket_no=ticket_no,
            order_no=order_no,
            channel=channel,
            user_id=user,
            kind=kind,
            status=status,
            reason=reason,
            photo_media_ids=photos,
            note=note,
            created_at=now,
            updated_at=now,
        )
    )
    detail = {"order_no": order_no, "kind": kind, "photos": len(photos)}
    await write_entry(conn, now, f"shopper:{user}", "ticket.open", ticket_no, detail)
    if status is not T.OPEN:
        await write_entry(conn, now, SYSTEM_ACTOR, f"ticket.{status}", ticket_no, {"note": note})
    (ticket,) = await load_tickets(conn, [tickets.c.ticket_no == ticket_no])
    return ticket


async def active_ticket_no(conn: Reader, order_no: str) -> str | None:
    value = await conn.scalar(
        select(tickets.c.ticket_no).where(
            tickets.c.order_no == order_no, tickets.c.status.in_(ACTIVE_TICKET_STATUSES)
        )
    )
    return None if value is None else str(value)


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
            async with self._tx.read() as conn:
                active = await active_ticket_no(conn, order_no)
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
        async with self._tx.write() as conn:
            order = (
                await conn.execute(select(orders.c.status, orders.c.channel).where(*mine))
            ).first()
            if order is None:
                raise OrderNotFound(order_no)
            if order.status not in TICKETABLE:
                raise TicketNotAllowed(order_no, order.status)
            return await insert_ticket(
                conn, order_no, order.channel, user, kind, reason, photos, clock=self._tx.clock
            )

    async def get_ticket(
        self, ticket_no: str, user: str, *, channel: str | None = None
    ) -> Ticket | None:
        """The shopper's own ticket, or None."""
        where = [tickets.c.ticket_no == normalise(ticket_no), *_owner(user, channel)]
        async with self._tx.read() as conn:
            found = await load_tickets(conn, where)
        return found[0] if found else None

    async def list_tickets(
        self, user: str, limit: int = 10, *, channel: str | None = None
    ) -> list[Ticket]:
        async with self._tx.read() as conn:
            if channel is None:
                return await load_tickets(conn, _owner(user, channel), limit)
            found = await conn.execute(
                _SHOPPER_TICKETS, {"user": user, "channel": channel, "limit": limit}
            )
            return [_ticket(row) for row in found.all()]

    async def staff_get_ticket(self, ticket_no: str) -> Ticket | None:
        """Any ticket by number. Staff only."""
        async with self._tx.read() as conn:
            found = await load_tickets(conn, [tickets.c.ticket_no == normalise(ticket_no)])
        return found[0] if found else None

    async def staff_list_tickets(
        self, status: TicketStatus | Sequence[TicketStatus] | None = None, limit: int = 20
    ) -> list[Ticket]:
        """Recent tickets of every shopper, in one status or several (None: all). Staff only."""
        if status is None:
            where = []
        elif isinstance(status, TicketStatus | str):
            where = [tickets.c.status == TicketStatus(status)]
        else:
            where = [tickets.c.status.in_([TicketStatus(s) for s in status])]
        async with self._tx.read() as conn:
            return await load_tickets(conn, where, limit)

    async def for_order(self, order_no: str) -> list[Ticket]:
        """Every ticket of one order, newest first (staff views)."""
        async with self._tx.read() as conn:
            return await load_tickets(conn, [tickets.c.order_no == normalise(order_no)], 50)

    # --- moves ------------------------------------------------------------------------------

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

    async def mark_received(self, ticket_no: str, *, actor: str, note: str = "") -> Ticket:
        """Staff: the returned goods arrived (returns and exchanges)."""
        return await self._move(ticket_no, T.RECEIVED, actor=actor, note=note)

    async def mark_refunded(self, ticket_no: str, *, actor: str, note: str = "") -> Ticket:
        """Staff: the money went back (refunds; returns once the goods arrived)."""
        return await self._move(ticket_no, T.REFUNDED, actor=actor, note=note)

    async def resolve_ticket(self, ticket_no: str, *, actor: str, note: str = "") -> Ticket:
        """Staff: an exchange is done (the replacement is on its way)."""
        return await self._move(ticket_no, T.RESOLVED, actor=actor, note=note)

    async def record_return_parcel(
        self, ticket_no: str, user: str, tracking_no: str, *, channel: str | None = None
    ) -> Ticket:
        """The shopper's own approved return or exchange: the tracking number of the parcel they
        sent back (a later one replaces it: they may have mistyped it). The status stays
        approved: staff mark it received when the parcel arrives.

        Raises TicketNotFound (no such ticket, or not theirs) and InvalidTransition (not an
        approved return or exchange: nothing is waiting for a parcel)."""
        ticket_no = normalise(ticket_no)
        tracking = tracking_no.strip().upper()[:RETURN_TRACKING_MAX]
        if not tracking:
            raise ValueError("a tracking number is required")
        mine = [tickets.c.ticket_no == ticket_no, *_owner(user, channel)]
        waiting = [tickets.c.status == T.APPROVED, tickets.c.kind != K.REFUND]
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(tickets)
                .where(*mine, *waiting)
                .values(return_tracking=tracking, updated_at=self._tx.clock.now())
            )
            if result.rowcount != 1:
                current = await conn.scalar(select(tickets.c.status).where(*mine))
                if current is None:
                    raise TicketNotFound(ticket_no)
                raise InvalidTransition(ticket_no, current, RETURN_PARCEL)
            detail = {"tracking_no": tracking}
            await write_entry(
                conn,
                self._tx.clock.now(),
                f"shopper:{user}",
                f"ticket.{RETURN_PARCEL}",
                ticket_no,
                detail,
            )
            (ticket,) = await load_tickets(conn, [tickets.c.ticket_no == ticket_no])
        return ticket

    async def move(
        self, ticket_no: str, target: TicketStatus, *, actor: str, note: str = ""
    ) -> Ticket:
        """Any staff move by its target state (the staff command's one entry)."""
        if target is T.WITHDRAWN:
            raise ValueError("only the shopper withdraws a ticket")
        return await self._move(ticket_no, target, actor=actor, note=note)

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
        values: dict[str, Any] = {"status": target, "updated_at": self._tx.clock.now()}
        if note.strip():
            values["note"] = note.strip()[:MAX_REASON]
        async with self._tx.write() as conn:
            result = (
                await conn.execute(update(tickets).where(*mine, _from(target)).values(values))
                if target in MOVES
                else None  # nothing moves a ticket back to open
            )
            if result is None or result.rowcount != 1:
                current = await conn.scalar(select(tickets.c.status).where(*mine))
                if current is None:
                    raise TicketNotFound(ticket_no)
                raise InvalidTransition(ticket_no, current, target)
            await write_entry(
                conn, self._tx.clock.now(), actor, f"ticket.{target}", ticket_no, {"note": note}
            )
            (ticket,) = await load_tickets(conn, [tickets.c.ticket_no == ticket_no])
        return ticket

    # --- staff alerts and reminders ----------------------------------------------------------

    async def unalerted(self, limit: int = 20) -> list[Ticket]:
        """Tickets staff have not been told about yet, oldest first."""
        query = (
            select(tickets)
            .where(tickets.c.alerted_at.is_(None))
            .order_by(tickets.c.created_at)
            .limit(limit)
        )
        async with self._tx.read() as conn:
            return [_ticket(row) for row in (await conn.execute(query)).all()]

    async def claim_alert(self, ticket_no: str) -> bool:
        """Mark a ticket's staff alert as being sent: True for exactly one caller."""
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(tickets)
                .where(tickets.c.ticket_no == ticket_no, tickets.c.alerted_at.is_(None))
                .values(alerted_at=self._tx.clock.now())
            )
        return bool(result.rowcount == 1)

    async def release_alert(self, ticket_no: str) -> None:
        """The alert could not be sent: let the next sweep try again."""
        async with self._tx.write() as conn:
            await conn.execute(
                update(tickets).where(tickets.c.ticket_no == ticket_no).values(alerted_at=None)
            )

    async def untouched(self, since: datetime, limit: int = 50) -> list[Ticket]:
        """Active tickets nobody moved since `since`, and not reminded about since then."""
        query = (
            select(tickets)
            .where(
                tickets.c.status.in_(ACTIVE_TICKET_STATUSES),
                tickets.c.updated_at < since,
                or_(tickets.c.reminded_at.is_(None), tickets.c.reminded_at < since),
            )
            .order_by(tickets.c.updated_at)
            .limit(limit)
        )
        async with self._tx.read() as conn:
            return [_ticket(row) for row in (await conn.execute(query)).all()]

    async def mark_reminded(self, ticket_nos: Sequence[str], at: datetime | None = None) -> None:
        if not ticket_nos:
            return
        async with self._tx.write() as conn:
            await conn.execute(
                update(tickets)
                .where(tickets.c.ticket_no.in_(list(ticket_nos)))
                .values(reminded_at=at or self._tx.clock.now())
            )
