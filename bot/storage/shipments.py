"""What the carrier reported after an order shipped (揽收, 运输中, 派送中, 已签收), newest last.

`record` keeps one update for a shipped (or done) order; one marked `delivered` also moves a
shipped order to done in the same transaction. An order not shipped yet has no logistics:
`InvalidTransition(number, current, "logistics")`, nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, update

from bot.storage.audit import write_entry
from bot.storage.core import Transactor
from bot.storage.errors import InvalidTransition, OrderNotFound
from bot.storage.ids import normalise
from bot.storage.models import Order, OrderStatus, ShipmentEvent
from bot.storage.orders import load_orders
from bot.storage.schema import orders, shipment_events

MAX_TEXT = 500
TRACKED = (OrderStatus.SHIPPED, OrderStatus.DONE)


@dataclass(frozen=True)
class Recorded:
    order: Order
    event: ShipmentEvent
    delivered_now: bool  # this update moved the order from shipped to done


class ShipmentStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def record(
        self,
        order_no: str,
        text: str,
        *,
        at: datetime | None = None,
        delivered: bool = False,
        actor: str,
    ) -> Recorded:
        text = " ".join(text.split())[:MAX_TEXT]
        if not text:
            raise ValueError("a logistics update needs its text")
        order_no = normalise(order_no)
        now = self._tx.clock.now()
        async with self._tx.write() as conn:
            status = await conn.scalar(select(orders.c.status).where(orders.c.order_no == order_no))
            if status is None:
                raise OrderNotFound(order_no)
            if status not in TRACKED:
                raise InvalidTransition(order_no, status, "logistics")
            moment = at or now
            await conn.execute(
                insert(shipment_events).values(
                    order_no=order_no, at=moment, text=text, recorded_at=now
                )
            )
            done = False
            if delivered and status == OrderStatus.SHIPPED:
                await conn.execute(
                    update(orders)
                    .where(orders.c.order_no == order_no, orders.c.status == OrderStatus.SHIPPED)
                    .values(status=OrderStatus.DONE, done_at=moment, updated_at=now)
                )
                done = True
                await write_entry(
                    conn, self._tx.clock.now(), actor, "order.done", order_no, {"by": "logistics"}
                )
            await write_entry(
                conn,
                self._tx.clock.now(),
                actor,
                "order.logistics",
                order_no,
                {"delivered": delivered},
            )
            (order,) = await load_orders(conn, [orders.c.order_no == order_no])
        return Recorded(order, ShipmentEvent(moment, text), done)

    async def events(self, order_no: str, limit: int = 20) -> list[ShipmentEvent]:
        """An order's updates, oldest first (at most the newest `limit`)."""
        query = (
            select(shipment_events.c.at, shipment_events.c.text)
            .where(shipment_events.c.order_no == normalise(order_no))
            .order_by(shipment_events.c.id.desc())
            .limit(limit)
        )
        async with self._tx.read() as conn:
            rows = (await conn.execute(query)).all()
        return [ShipmentEvent(row.at, row.text) for row in reversed(rows)]

    async def latest(self, order_nos: Sequence[str]) -> dict[str, ShipmentEvent]:
        """The newest update of each of several orders (one query), for 查物流."""
        if not order_nos:
            return {}
        newest = (
            select(func.max(shipment_events.c.id))
            .where(shipment_events.c.order_no.in_([normalise(n) for n in order_nos]))
            .group_by(shipment_events.c.order_no)
        )
        query = select(shipment_events).where(shipment_events.c.id.in_(newest))
        async with self._tx.read() as conn:
            rows = (await conn.execute(query)).all()
        return {row.order_no: ShipmentEvent(row.at, row.text) for row in rows}
