"""What the storage layer hands back: frozen dataclasses and the status enums.

Callers never see rows or SQLAlchemy objects, so the schema can change without touching handlers.
Personal fields (`receiver_name`, `phone`, `address`) are left out of `repr`, so an order that ends
up in a log line or a traceback does not leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from bot.storage.masking import mask_phone

Spec = dict[str, str] | str


class OrderStatus(StrEnum):
    CREATED = "created"  # confirmed, stock reserved, waiting for payment
    PAID = "paid"
    SHIPPED = "shipped"
    DONE = "done"
    CANCELLED = "cancelled"  # by the shopper or staff before payment; stock released
    EXPIRED = "expired"  # unpaid past the deadline; stock released


class TicketKind(StrEnum):
    RETURN = "return"
    REFUND = "refund"
    EXCHANGE = "exchange"


class TicketStatus(StrEnum):
    OPEN = "open"  # submitted by the shopper (or opened for them when a paid order is cancelled)
    APPROVED = "approved"  # staff accepted it; the shopper sends the goods back, or waits for money
    RECEIVED = "received"  # the goods came back to the shop (returns and exchanges)
    REFUNDED = "refunded"  # the money went back: the end of a refund or a return
    RESOLVED = "resolved"  # done otherwise: the replacement of an exchange is on its way
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # the shopper took it back


ACTIVE_TICKET_STATUSES = (TicketStatus.OPEN, TicketStatus.APPROVED, TicketStatus.RECEIVED)


class InvoiceKind(StrEnum):
    NORMAL = "normal"  # 普通发票 (electronic): a person's name or a company with its tax number
    SPECIAL = "special"  # 增值税专用发票: companies only, tax number required


class CampaignStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    DONE = "done"


class RunStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class LineIn(NamedTuple):
    """One line of a new order. A plain 5-tuple in this order works too."""

    sku: str
    name: str
    spec: Spec
    qty: int
    unit_price_fen: int


@dataclass(frozen=True)
class OrderLine:
    line_no: int
    sku: str
    name: str
    spec: Spec
    qty: int
    unit_price_fen: int

    @property
    def amount_fen(self) -> int:
        return self.qty * self.unit_price_fen

    @property
    def spec_text(self) -> str:
        """`颜色:红 尺码:L` for a dict spec, the string itself otherwise."""
        if isinstance(self.spec, str):
            return self.spec
        return " ".join(f"{k}:{v}" for k, v in self.spec.items())


@dataclass(frozen=True)
class Invoice:
    """What the shopper asked the invoice to say and where to send it. A person's name and an
    email are personal data: kept out of `repr`."""

    kind: InvoiceKind
    title: str = field(repr=False)
    tax_no: str = ""
    email: str = field(default="", repr=False)


@dataclass(frozen=True)
class Order:
    order_no: str
    channel: str
    user: str
    status: OrderStatus
    lines: tuple[OrderLine, ...]
    subtotal_fen: int
    discount_fen: int
    total_fen: int
    coupon_code: str | None
    created_at: datetime
    updated_at: datetime
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    done_at: datetime | None = None
    closed_at: datetime | None = None
    carrier: str | None = None
    tracking_no: str | None = None
    shipping_fen: int = 0
    invoice: Invoice | None = None
    note: str = field(default="", repr=False)
    receiver_name: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    address: str = field(default="", repr=False)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def goods_fen(self) -> int:
        """What the goods cost after promotions and coupons, before shipping."""
        return self.subtotal_fen - self.discount_fen


@dataclass(frozen=True)
class Ticket:
    ticket_no: str
    order_no: str
    channel: str
    user: str
    kind: TicketKind
    status: TicketStatus
    reason: str
    photo_media_ids: tuple[str, ...]
    note: str
    created_at: datetime
    updated_at: datetime
    alerted_at: datetime | None = None
    reminded_at: datetime | None = None
    return_tracking: str = ""
    """The tracking number of the parcel sent back to the warehouse, once the shopper gave it."""

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_TICKET_STATUSES


@dataclass(frozen=True)
class ShipmentEvent:
    at: datetime
    text: str


@dataclass(frozen=True)
class PendingNotice:
    id: int
    channel: str
    user: str
    topic: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Campaign:
    """A staff-created campaign. Exactly one of `cron` (5-field crontab) and `run_at` is set."""

    id: int
    name: str
    kind: str
    payload: dict[str, Any]
    cron: str | None
    run_at: datetime | None
    status: CampaignStatus
    created_by: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CampaignRun:
    campaign_id: int
    run_key: str
    status: RunStatus
    claimed_at: datetime
    finished_at: datetime | None
    sent: int
    failed: int
    error: str | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
