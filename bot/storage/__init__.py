"""The database layer: orders, order lines, stock, after-sales tickets, audit log, campaigns, opt-outs.

SQLite by default, PostgreSQL by URL, one code path (SQLAlchemy 2 Core, async). See DESIGN.md
("State and storage") and each module's docstring for its rules.

    db = await open_database("sqlite:///data/shopbot.sqlite3")
    order = await db.orders.create_order(user, "oa", lines, receiver_name=..., phone=...,
                                         address=..., idempotency_key=msg_id)
    await db.close()
"""

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
from bot.storage.masking import mask_phone, mask_text, scrub
from bot.storage.models import (
    AuditEntry,
    Campaign,
    CampaignRun,
    CampaignStatus,
    LineIn,
    Order,
    OrderLine,
    OrderStatus,
    RunStatus,
    Ticket,
    TicketKind,
    TicketStatus,
)

__all__ = [
    "AuditEntry",
    "Campaign",
    "CampaignNotFound",
    "CampaignRun",
    "CampaignStatus",
    "Database",
    "InvalidTransition",
    "LineIn",
    "Order",
    "OrderLine",
    "OrderNotFound",
    "OrderStatus",
    "OutOfStock",
    "RunStatus",
    "SchemaMismatch",
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
