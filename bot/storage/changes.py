"""Changes a shopper makes after ordering, by the policy table (policy.py).

Each is one conditional UPDATE on the shopper's own order, `WHERE status IN ALLOWED[change]`, with
its audit entry in the same transaction; zero rows changed is `OrderNotFound` (not theirs, no such
order: indistinguishable on purpose) or `InvalidTransition(number, current, change)`, and nothing
is written. Personal data (the new phone or address) never reaches the audit log in full.

Cancelling:

* unpaid (created): cancelled, the stock goes back on sale;
* paid, not shipped: cancelled, the stock goes back, and a refund ticket opens in the same
  transaction, already approved (the policy promises the full refund), for staff to pay. An order
  that already has an active ticket is not cancelled (`TicketAlreadyOpen`): that ticket is where
  its money is being sorted out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select, update

from bot.storage.audit import write_entry
from bot.storage.core import Transactor
from bot.storage.drafts import check_note, invoice_values, text_field
from bot.storage.errors import InvalidTransition, OrderNotFound, TicketAlreadyOpen
from bot.storage.ids import normalise
from bot.storage.invoices import check_invoice
from bot.storage.masking import mask_phone
from bot.storage.models import Invoice, Order, OrderStatus, Ticket, TicketKind, TicketStatus
from bot.storage.orders import load_orders, quantities
from bot.storage.policy import ALLOWED, REFUND_ON_CANCEL, Change
from bot.storage.schema import orders
from bot.storage.stock import release
from bot.storage.tickets import active_ticket_no, insert_ticket

REFUND_REASON = "顾客取消了已付款、未发货的订单"
REFUND_NOTE = "按取消政策全额退款"


@dataclass(frozen=True)
class Cancellation:
    order: Order
    refund: Ticket | None  # the refund ticket of a paid order, None for an unpaid one


def _mine(order_no: str, user: str, channel: str | None) -> list[ColumnElement[bool]]:
    conds = [orders.c.order_no == order_no, orders.c.user_id == user]
    if channel is not None:
        conds.append(orders.c.channel == channel)
    return conds


class ChangeStore:
    def __init__(self, tx: Transactor) -> None:
        self._tx = tx

    async def change_receiver(
        self,
        order_no: str,
        user: str,
        *,
        channel: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        address: str | None = None,
    ) -> Order:
        """New receiver name, phone and/or address for an order not shipped yet."""
        values: dict[str, Any] = {}
        if name is not None:
            values["receiver_name"] = text_field("receiver_name", name)
        if phone is not None:
            values["phone"] = text_field("phone", phone)
        if address is not None:
            values["address"] = text_field("address", address)
        if not values:
            raise ValueError("nothing to change")
        detail: dict[str, Any] = {"fields": sorted(values)}
        if phone is not None:
            detail["phone"] = mask_phone(values["phone"])
        return await self._update(order_no, user, channel, Change.RECEIVER, values, detail)

    async def set_note(
        self, order_no: str, user: str, note: str, *, channel: str | None = None
    ) -> Order:
        """The shopper's note for the shop (放门卫, 发顺丰); an empty one clears it."""
        cleaned = check_note(note)
        detail = {"length": len(cleaned)}
        return await self._update(order_no, user, channel, Change.NOTE, {"note": cleaned}, detail)

    async def set_invoice(
        self, order_no: str, user: str, invoice: Invoice, *, channel: str | None = None
    ) -> Order:
        """Invoice details for an order (raises InvalidInvoice for details that cannot be issued)."""
        checked = check_invoice(invoice)
        detail = {"kind": checked.kind, "tax_no": bool(checked.tax_no)}
        values = invoice_values(checked)
        return await self._update(order_no, user, channel, Change.INVOICE, values, detail)

    async def _update(
        self,
        order_no: str,
        user: str,
        channel: str | None,
        change: Change,
        values: dict[str, Any],
        detail: dict[str, Any],
    ) -> Order:
        order_no = normalise(order_no)
        mine = _mine(order_no, user, channel)
        async with self._tx.write() as conn:
            result = await conn.execute(
                update(orders)
                .where(*mine, orders.c.status.in_(ALLOWED[change]))
                .values(**values, updated_at=self._tx.clock.now())
            )
            if result.rowcount != 1:
                await _refuse(conn, mine, order_no, change)
            await write_entry(
                conn,
                self._tx.clock.now(),
                f"shopper:{user}",
                f"order.change.{change}",
                order_no,
                detail,
            )
            (order,) = await load_orders(conn, [orders.c.order_no == order_no])
        return order

    async def cancel(self, order_no: str, user: str, *, channel: str | None = None) -> Cancellation:
        """The shopper cancels an order not shipped yet (see the module docstring)."""
        order_no = normalise(order_no)
        mine = _mine(order_no, user, channel)
        now = self._tx.clock.now()
        async with self._tx.write() as conn:
            status = await conn.scalar(select(orders.c.status).where(*mine))
            if status is None:
                raise OrderNotFound(order_no)
            refund = OrderStatus(status) in REFUND_ON_CANCEL
            if refund and (active := await active_ticket_no(conn, order_no)):
                raise TicketAlreadyOpen(order_no, active)
            result = await conn.execute(
                update(orders)
                .where(
                    *mine, orders.c.status == status, orders.c.status.in_(ALLOWED[Change.CANCEL])
                )
                .values(status=OrderStatus.CANCELLED, updated_at=now, closed_at=now)
            )
            if result.rowcount != 1:
                await _refuse(conn, mine, order_no, Change.CANCEL)
            (order,) = await load_orders(conn, [orders.c.order_no == order_no])
            await release(conn, quantities(order), self._tx.clock.now())
            detail = {"paid": refund, "total_fen": order.total_fen}
            await write_entry(
                conn, self._tx.clock.now(), f"shopper:{user}", "order.cancelled", order_no, detail
            )
            ticket = None
            if refund:
                ticket = await insert_ticket(
                    conn,
                    order_no,
                    order.channel,
                    order.user,
                    TicketKind.REFUND,
                    REFUND_REASON,
                    [],
                    clock=self._tx.clock,
                    status=TicketStatus.APPROVED,
                    note=REFUND_NOTE,
                )
        return Cancellation(order, ticket)


async def _refuse(
    conn: Any, mine: Sequence[ColumnElement[bool]], order_no: str, change: Change
) -> None:
    current = await conn.scalar(select(orders.c.status).where(*mine))
    if current is None:
        raise OrderNotFound(order_no)
    raise InvalidTransition(order_no, current, str(change))
