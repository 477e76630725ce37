"""What a shopper may change or cancel in each state of an order: one table, enforced by the store.

| state      | receiver (name, phone, address) | note | invoice | cancel                         |
|------------|---------------------------------|------|---------|--------------------------------|
| created    | yes                             | yes  | yes     | yes: stock back, nothing paid  |
| paid       | yes                             | yes  | yes     | yes: stock back + refund ticket |
| shipped    | no                              | no   | yes     | no (拒收 or 售后 after receipt)  |
| done       | no                              | no   | yes     | no (售后)                       |
| cancelled  | no                              | no   | no      | no                             |
| expired    | no                              | no   | no      | no                             |

The order store moves with `UPDATE … WHERE status IN (ALLOWED[change])`, so the table is the rule
and not a description of it; the FAQ answers about changing and cancelling are checked against
it (tests/handlers/test_changes_policy_faq.py). A paid order cancelled before shipping gets a
refund ticket in the same transaction, already approved (the policy grants the full refund; staff
only pay it and mark it refunded).
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from bot.storage.models import OrderStatus

S = OrderStatus


class Change(StrEnum):
    RECEIVER = "receiver"  # name, phone or address
    NOTE = "note"
    INVOICE = "invoice"
    CANCEL = "cancel"


NOT_SHIPPED = (S.CREATED, S.PAID)
OPEN_ORDERS = (S.CREATED, S.PAID, S.SHIPPED, S.DONE)

ALLOWED = MappingProxyType(
    {
        Change.RECEIVER: NOT_SHIPPED,
        Change.NOTE: NOT_SHIPPED,
        Change.INVOICE: OPEN_ORDERS,
        Change.CANCEL: NOT_SHIPPED,
    }
)
"""change → the order states in which the shopper may make it."""

REFUND_ON_CANCEL = (S.PAID,)
"""Cancelling in these states opens an approved refund ticket with the cancellation."""


def allows(change: Change, status: OrderStatus) -> bool:
    return status in ALLOWED[change]
