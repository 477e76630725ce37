"""The database layer: orders, order lines, stock, after-sales tickets, audit log, campaigns, opt-outs.

SQLite by default, PostgreSQL by URL, one code path (SQLAlchemy 2 Core, async). See DESIGN.md
("State and storage") and each module's docstring for its rules.

    db = await open_database("sqlite:///data/shopbot.sqlite3")
    order = await db.orders.create_order(user, "oa", lines, receiver_name=..., phone=...,
                                         address=..., idempotency_key=msg_id)
    await db.close()
"""

from bot.storage.changes import Cancellation
from bot.storage.database import Database, open_database
from bot.storage.errors import (
    CampaignNotFound,
    InvalidTransition,
    OrderNotFound,
    OutOfStock,
    SchemaMismatch,
    StorageError,
    TicketAlreadyOpen,
    TicketNotAllowed,
    TicketNotFound,
)
from bot.storage.invoices import InvalidInvoice
from bot.storage.masking import mask_phone, mask_text, scrub
from bot.storage.models import (
    AuditEntry,
    Campaign,
    CampaignRun,
    CampaignStatus,
    Invoice,
    InvoiceKind,
    LineIn,
    Order,
    OrderLine,
    OrderStatus,
    PendingNotice,
    RunStatus,
    ShipmentEvent,
    Ticket,
    TicketKind,
    TicketStatus,
)
from bot.storage.policy import Change

__all__ = [
    "AuditEntry",
    "Campaign",
    "CampaignNotFound",
    "CampaignRun",
    "CampaignStatus",
    "Cancellation",
    "Change",
    "Database",
    "InvalidInvoice",
    "InvalidTransition",
    "Invoice",
    "InvoiceKind",
    "LineIn",
    "Order",
    "OrderLine",
    "OrderNotFound",
    "OrderStatus",
    "OutOfStock",
    "PendingNotice",
    "RunStatus",
    "SchemaMismatch",
    "ShipmentEvent",
    "StorageError",
    "Ticket",
    "TicketAlreadyOpen",
    "TicketKind",
    "TicketNotAllowed",
    "TicketNotFound",
    "TicketStatus",
    "mask_phone",
    "mask_text",
    "open_database",
    "scrub",
]
