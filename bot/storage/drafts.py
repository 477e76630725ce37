"""Validation of a new order before any SQL runs.

The database would also refuse most bad input (CHECK constraints), but PostgreSQL and SQLite refuse
it differently (SQLite ignores VARCHAR lengths), so the rules live here once and both backends
behave alike: a clear ValueError naming the field, and nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.invoices import check_invoice
from bot.storage.models import Invoice, LineIn, OrderStatus, Spec

_LIMITS = {
    "user": 128,
    "channel": 16,
    "idempotency_key": 128,
    "receiver_name": 64,
    "phone": 32,
    "address": 500,
    "coupon_code": 64,
    "sku": 64,
}
MAX_LINES = 50
MAX_NOTE = 200


def check_note(note: str) -> str:
    """A note for the shop (放门卫, 发顺丰): spaces tidied, at most MAX_NOTE characters."""
    cleaned = " ".join(note.split())
    if len(cleaned) > MAX_NOTE:
        raise ValueError(f"note is longer than {MAX_NOTE} characters")
    return cleaned


def invoice_values(invoice: Invoice | None) -> dict[str, Any]:
    """The orders columns of an invoice (all NULL for none)."""
    if invoice is None:
        return {"invoice_kind": None, "invoice_title": None, "invoice_tax_no": None,
                "invoice_email": None}  # fmt: skip
    return {
        "invoice_kind": invoice.kind,
        "invoice_title": invoice.title,
        "invoice_tax_no": invoice.tax_no or None,
        "invoice_email": invoice.email,
    }


def _ident(field: str, value: str) -> str:
    """An identifier (user, SKU, key): checked, never altered, so later lookups match exactly."""
    if not value.strip():
        raise ValueError(f"{field} is required")
    if len(value) > _LIMITS[field]:
        raise ValueError(f"{field} is longer than {_LIMITS[field]} characters")
    return value


def text_field(field: str, value: str) -> str:
    """Something a person typed: surrounding spaces go."""
    return _ident(field, value.strip())


def _count(field: str, value: int, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{field} must be an integer >= {minimum} (money is in fen)")
    return value


def _spec(spec: Spec) -> Spec:
    if isinstance(spec, str):
        return spec.strip()
    return {str(k): str(v) for k, v in spec.items()}


def _line(raw: LineIn | tuple[str, str, Spec, int, int]) -> LineIn:
    line = LineIn(*raw)
    return LineIn(
        sku=_ident("sku", line.sku),
        name=(line.name.strip() or line.sku)[:200],
        spec=_spec(line.spec),
        qty=_count("qty", line.qty, 1),
        unit_price_fen=_count("unit_price_fen", line.unit_price_fen, 0),
    )


@dataclass(frozen=True)
class Draft:
    user: str
    channel: str
    lines: tuple[LineIn, ...]
    receiver_name: str
    phone: str
    address: str
    key: str
    coupon_code: str | None
    discount_fen: int
    shipping_fen: int = 0
    note: str = ""
    invoice: Invoice | None = None

    @property
    def subtotal_fen(self) -> int:
        return sum(line.qty * line.unit_price_fen for line in self.lines)

    @property
    def total_fen(self) -> int:
        """Goods after discounts, then shipping on top (knowledge/shipping.py: the order of it)."""
        return self.subtotal_fen - self.discount_fen + self.shipping_fen

    @property
    def actor(self) -> str:
        return f"shopper:{self.user}"

    @property
    def wanted(self) -> dict[str, int]:
        """Quantity per SKU (two lines of one SKU reserve together)."""
        totals: dict[str, int] = {}
        for line in self.lines:
            totals[line.sku] = totals.get(line.sku, 0) + line.qty
        return totals

    def order_values(self, now: datetime) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "user_id": self.user,
            "status": OrderStatus.CREATED,
            "subtotal_fen": self.subtotal_fen,
            "discount_fen": self.discount_fen,
            "total_fen": self.total_fen,
            "coupon_code": self.coupon_code,
            "receiver_name": self.receiver_name,
            "phone": self.phone,
            "address": self.address,
            "idempotency_key": self.key,
            "created_at": now,
            "updated_at": now,
            "shipping_fen": self.shipping_fen,
            "note": self.note,
            **invoice_values(self.invoice),
        }

    def line_values(self, order_no: str) -> list[dict[str, Any]]:
        return [
            {"order_no": order_no, "line_no": no, **line._asdict()}
            for no, line in enumerate(self.lines, start=1)
        ]


def make_draft(
    *,
    user: str,
    channel: str,
    lines: Sequence[LineIn | tuple[str, str, Spec, int, int]],
    receiver_name: str,
    phone: str,
    address: str,
    idempotency_key: str,
    coupon_code: str | None,
    discount_fen: int,
    shipping_fen: int = 0,
    note: str = "",
    invoice: Invoice | None = None,
) -> Draft:
    if not lines:
        raise ValueError("an order needs at least one line")
    if len(lines) > MAX_LINES:
        raise ValueError(f"an order has at most {MAX_LINES} lines")
    draft = Draft(
        user=_ident("user", user),
        channel=_ident("channel", channel),
        lines=tuple(_line(line) for line in lines),
        receiver_name=text_field("receiver_name", receiver_name),
        phone=text_field("phone", phone),
        address=text_field("address", address),
        key=_ident("idempotency_key", idempotency_key),
        coupon_code=text_field("coupon_code", coupon_code) if coupon_code else None,
        discount_fen=_count("discount_fen", discount_fen, 0),
        shipping_fen=_count("shipping_fen", shipping_fen, 0),
        note=check_note(note),
        invoice=check_invoice(invoice) if invoice is not None else None,
    )
    if draft.discount_fen > draft.subtotal_fen:
        raise ValueError("discount_fen is larger than the order's subtotal")
    return draft
