"""The after-sales form's states, events and slots (the table is in dialog.py)."""

from __future__ import annotations

from enum import StrEnum


class AfterSalesState(StrEnum):
    ORDER = "order"
    KIND = "kind"
    REASON = "reason"
    PHOTOS = "photos"
    CONFIRM = "confirm"


class Ev(StrEnum):
    DONE = "done"
    NO_ORDERS = "no_orders"  # nothing the shopper owns can have after-sales
    SUBMITTED = "submitted"
    REFUSED = "refused"  # the store said no (a ticket already open, the order changed)


ORDER_NO, KIND, REASON, PHOTOS, PHOTOS_DONE, CHOICES = (
    "order_no",
    "kind",
    "reason",
    "photos",
    "photos_done",
    "choices",
)
