"""Orders: created with their stock reserved, read only by their owner, moved by a state machine.

States (every move is one conditional UPDATE `... WHERE status IN (allowed sources)`, so of two
racing moves, say a payment and an expiry, exactly one wins and the other gets InvalidTransition)::

    created --mark_paid--> paid --mark_shipped--> shipped --mark_done--> done
    created --cancel_order--> cancelled        (stock released)
    created --expire_unpaid--> expired         (stock released)

A paid order is not cancelled here; that is an after-sales refund (see tickets.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Row, Select, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.audit import write_entry
from bot.storage.core import Reader, Transactor
from bot.storage.drafts import Draft, make_draft
from bot.storage.errors import InvalidTransition, OrderNotFound
from bot.storage.ids import new_order_no, normalise
from bot.storage.models import Invoice, InvoiceKind, LineIn, Order, OrderLine, OrderStatus
from bot.storage.schema import order_lines, orders
from bot.storage.stock import release, reserve

S = OrderStatus
SOURCES: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    S.PAID: (S.CREATED,),
    S.SHIPPED: (S.PAID,),
    S.DONE: (S.SHIPPED,),
    S.CANCELLED: (S.CREATED,),
    S.EXPIRED: (S.CREATED,),
}
_STAMP = {
    S.PAID: "paid_at",
    S.SHIPPED: "shipped_at",
    S.DONE: "done_at",
    S.CANCELLED: "closed_at",
    S.EXPIRED: "closed_at",
}
_RELEASES_STOCK = (S.CANCELLED, S.EXPIRED)
_INSERT_ATTEMPTS = 3
EXPIRY_ACTOR = "system:expiry"


def _owner(user: str, channel: str | None) -> list[ColumnElement[bool]]:
    conds = [orders.c.user_id == user]
    if channel is not None:
        conds.append(orders.c.channel == channel)
    return conds


def _line(row: Row[Any]) -> OrderLine:
    return OrderLine(row.line_no, row.sku, row.name, row.spec, row.qty, row.unit_price_fen)


def _invoice(row: Row[Any]) -> Invoice | None:
    if row.invoice_kind is None:
        return None
    return Invoice(
        InvoiceKind(row.invoice_kind),
        row.invoice_title or "",
        row.invoice_tax_no or "",
        row.invoice_email or "",
    )


def _order(row: Row[Any], lines: Sequence[OrderLine]) -> Order:
    return Order(
        order_no=row.order_no,
        channel=row.channel,
        user=row.user_id,
        status=OrderStatus(row.status),
        lines=tuple(lines),
        subtotal_fen=row.subtotal_fen,
        discount_fen=row.discount_fen,
        total_fen=row.total_fen,
        coupon_code=row.coupon_code,
        created_at=row.created_at,
        updated_at=row.updated_at,
        paid_at=row.paid_at,
        shipped_at=row.shipped_at,
        done_at=row.done_at,
        closed_at=row.closed_at,
        carrier=row.carrier,
        tracking_no=row.tracking_no,
        shipping_fen=row.shipping_fen,
        invoice=_invoice(row),
        note=row.note,
        receiver_name=row.receiver_name,
        phone=row.phone,
        address=row.address,
    )


def _newest_first(where: Sequence[ColumnElement[bool]], limit: Any) -> Select[Any]:
    return (
        select(orders)
        .where(*where)
        .order_by(orders.c.created_at.desc(), orders.c.order_no)
        .limit(limit)
    )


# A shopper's orders on one channel and the lines of orders, read on many messages: built once,
# so neither the statements nor their cache keys are made again for each read.
_SHOPPER_ORDERS = _newest_first(
    [orders.c.user_id == bindparam("user"), orders.c.channel == bindparam("channel")],
    bindparam("limit", type_=Integer),
)
_LINES_OF = (
    select(order_lines)
    .where(order_lines.c.order_no.in_(bindparam("orders", expanding=True)))
    .order_by(order_lines.c.order_no, order_lines.c.line_no)
)


async def load_orders(
    conn: Reader, where: Sequence[ColumnElement[bool]], limit: int = 1
) -> list[Order]:
    """Orders matching `where`, newest first, with their lines (two queries, not N+1)."""
    return await _with_lines(conn, (await conn.execute(_newest_first(where, limit))).all())


async def _with_lines(conn: Reader, rows: Sequence[Row[Any]]) -> list[Order]:
    if not rows:
        return []
    found = (await conn.execute(_LINES_OF, {"orders": [row.order_no for row in rows]})).all()
    by_order: dict[str, list[OrderLine]] = {row.order_no: [] for row in rows}
    for line in found:
        by_order[line.order_no].append(_line(line))
    return [_order(row, by_order[row.order_no]) for row in rows]


async def _insert(conn: AsyncConnection, order_no: str, draft: Draft, now: datetime) -> None:
    # The order row goes first: its idempotency key is unique, so a concurrent retry of the same
    # confirmation stops here (it waits, then fails) before it touches any stock.
    await conn.execute(insert(orders).values(order_no=order_no, **draft.order_values(now)))
    await reserve(conn, draft.wanted, now)
    await conn.execute(insert(order_lines), draft.line_values(order_no))


class OrderStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def create_order(
        self,
        user: str,
        channel: str,
        lines: Sequence[LineIn | tuple[str, str, dict[str, str] | str, int, int]],
        *,
        receiver_name: str,
        phone: str,
        address: str,
        idempotency_key: str,
        coupon_code: str | None = None,
        discount_fen: int = 0,
        shipping_fen: int = 0,
        note: str = "",
        invoice: Invoice | None = None,
    ) -> Order:
        """Create an order and reserve its stock in one transaction, or raise and create nothing.

        `idempotency_key` identifies the shopper's confirmation (e.g. the MsgId of "确认"): the same
        key from the same shopper returns the order it created the first time, even when the two
        requests race. The total is the goods less `discount_fen`, plus `shipping_fen`. Raises
        OutOfStock(sku, available) when any line cannot be served, ValueError (InvalidInvoice)
        for a bad field.
        """
        draft = make_draft(
            user=user,
            channel=channel,
            lines=lines,
            receiver_name=receiver_name,
            phone=phone,
            address=address,
            idempotency_key=idempotency_key,
            coupon_code=coupon_code,
            discount_fen=discount_fen,
            shipping_fen=shipping_fen,
            note=note,
            invoice=invoice,
        )
        existing = await self._by_key(draft)
        if existing is not None:
            return existing
        for attempt in range(_INSERT_ATTEMPTS):
            try:
                return await self._create(draft)
            except IntegrityError:
                existing = await self._by_key(draft)
                if existing is not None:
                    return existing
                if attempt == _INSERT_ATTEMPTS - 1:  # not the key: an order-number collision
                    raise
        raise AssertionError("unreachable")

    async def _create(self, draft: Draft) -> Order:
        now = self._tx.clock.now()
        order_no = new_order_no(now, self._tx.clock.zone)
        async with self._tx.write() as conn:
            await _insert(conn, order_no, draft, now)
            detail = {
                "total_fen": draft.total_fen,
                "shipping_fen": draft.shipping_fen,
                "lines": len(draft.lines),
            }
            await write_entry(
                conn, self._tx.clock.now(), draft.actor, "order.created", order_no, detail
            )
            (order,) = await load_orders(conn, [orders.c.order_no == order_no])
        return order

    async def _by_key(self, draft: Draft) -> Order | None:
        where = [*_owner(draft.user, draft.channel), orders.c.idempotency_key == draft.key]
        async with self._tx.read() as conn:
            found = await load_orders(conn, where)
        return found[0] if found else None

    async def get_order(
        self, order_no: str, user: str, *, channel: str | None = None
    ) -> Order | None:
        """The shopper's own order, or None (also for another shopper's order: no hint it exists)."""
        where = [orders.c.order_no == normalise(order_no), *_owner(user, channel)]
        async with self._tx.read() as conn:
            found = await load_orders(conn, where)
        return found[0] if found else None

    async def list_orders(
        self, user: str, limit: int = 10, *, channel: str | None = None
    ) -> list[Order]:
        """The shopper's orders, newest first."""
        async with self._tx.read() as conn:
            if channel is None:
                return await load_orders(conn, _owner(user, channel), limit)
            params = {"user": user, "channel": channel, "limit": limit}
            return await _with_lines(conn, (await conn.execute(_SHOPPER_ORDERS, params)).all())

    async def staff_get_order(self, order_no: str) -> Order | None:
        """Any order by number. Staff only: callers must have checked the staff ACL."""
        async with self._tx.read() as conn:
            found = await load_orders(conn, [orders.c.order_no == normalise(order_no)])
        return found[0] if found else None

    async def staff_list_orders(
        self, status: OrderStatus | None = None, limit: int = 20
    ) -> list[Order]:
        """Recent orders of every shopper, optionally in one status. Staff only."""
        where = [] if status is None else [orders.c.status == OrderStatus(status)]
        async with self._tx.read() as conn:
            return await load_orders(conn, where, limit)

    async def count_orders(self, status: OrderStatus | None = None) -> int:
        """For /stats: how many orders (in one status)."""
        query = select(func.count()).select_from(orders)
        if status is not None:
            query = query.where(orders.c.status == OrderStatus(status))
        async with self._tx.read() as conn:
            return int(await conn.scalar(query) or 0)

    async def cancel_order(
        self, order_no: str, user: str, *, channel: str | None = None, actor: str | None = None
    ) -> Order:
        """The shopper cancels an unpaid order; its stock goes back on sale."""
        return await self._move(
            order_no, S.CANCELLED, actor=actor or f"shopper:{user}", owner=_owner(user, channel)
        )

    async def expire_unpaid(self, older_than: datetime, limit: int = 500) -> list[Order]:
        """Expire orders still unpaid that were created before `older_than`; release their stock.

        Returns the expired orders so the caller can tell each shopper. Each order is its own short
        transaction; one paid in the meantime is skipped, not expired.
        """
        query = (
            select(orders.c.order_no)
            .where(orders.c.status == S.CREATED, orders.c.created_at < older_than)
            .order_by(orders.c.created_at)
            .limit(limit)
        )
        async with self._tx.read() as conn:
            candidates = list((await conn.scalars(query)).all())
        expired = []
        for order_no in candidates:
            try:
                expired.append(await self._move(order_no, S.EXPIRED, actor=EXPIRY_ACTOR))
            except InvalidTransition:
                continue
        return expired

    async def mark_paid(self, order_no: str, *, actor: str) -> Order:
        """Staff or the payment callback: the money arrived. Returns the order to notify its owner."""
        return await self._move(order_no, S.PAID, actor=actor)

    async def mark_shipped(
        self, order_no: str, carrier: str, tracking_no: str, *, actor: str
    ) -> Order:
        if not carrier.strip() or not tracking_no.strip():
            raise ValueError("carrier and tracking number are required")
        extra = {"carrier": carrier.strip()[:64], "tracking_no": tracking_no.strip()[:64]}
        return await self._move(order_no, S.SHIPPED, actor=actor, extra=extra)

    async def mark_done(self, order_no: str, *, actor: str) -> Order:
        """Delivered / receipt confirmed."""
        return await self._move(order_no, S.DONE, actor=actor)

    async def _move(
        self,
        order_no: str,
        target: OrderStatus,
        *,
        actor: str,
        owner: Sequence[ColumnElement[bool]] = (),
        extra: dict[str, str] | None = None,
    ) -> Order:
        order_no = normalise(order_no)
        mine = [orders.c.order_no == order_no, *owner]
        now = self._tx.clock.now()
        values: dict[str, Any] = {"status": target, "updated_at": now, _STAMP[target]: now}
        values.update(extra or {})
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(orders).where(*mine, orders.c.status.in_(SOURCES[target])).values(values)
            )
            if result.rowcount != 1:
                current = await conn.scalar(select(orders.c.status).where(*mine))
                if current is None:
                    raise OrderNotFound(order_no)
                raise InvalidTransition(order_no, current, target)
            (order,) = await load_orders(conn, [orders.c.order_no == order_no])
            if target in _RELEASES_STOCK:
                await release(conn, quantities(order), now)
            await write_entry(conn, self._tx.clock.now(), actor, f"order.{target}", order_no, extra)
        return order


def quantities(order: Order) -> dict[str, int]:
    wanted: dict[str, int] = {}
    for line in order.lines:
        wanted[line.sku] = wanted.get(line.sku, 0) + line.qty
    return wanted
