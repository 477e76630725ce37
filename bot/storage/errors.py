"""Errors the storage layer raises on purpose.

Each carries the facts a handler needs to answer the shopper or staff member (which SKU, how many
are left, which state the order is in), and none carries personal data, so they are safe to log.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class: a request the database refused for a business reason."""


class OutOfStock(StorageError):
    """Not enough stock for one SKU; the order was not created and nothing was reserved."""

    def __init__(self, sku: str, available: int) -> None:
        super().__init__(f"out of stock: {sku} has {available} available")
        self.sku = sku
        self.available = available


class OrderNotFound(StorageError):
    """No such order, or not this shopper's (the two are indistinguishable on purpose)."""

    def __init__(self, order_no: str) -> None:
        super().__init__(f"order not found: {order_no}")
        self.order_no = order_no


class InvalidTransition(StorageError):
    """The order or ticket is not in a state that allows the requested change."""

    def __init__(self, number: str, current: str, target: str) -> None:
        super().__init__(f"{number}: cannot go from {current} to {target}")
        self.number = number
        self.current = current
        self.target = target


class TicketNotAllowed(StorageError):
    """After-sales tickets are only for orders that were paid (paid, shipped or done)."""

    def __init__(self, order_no: str, status: str) -> None:
        super().__init__(f"order {order_no} is {status}; after-sales needs a paid order")
        self.order_no = order_no
        self.status = status


class TicketAlreadyOpen(StorageError):
    """The order already has an active ticket; one at a time per order."""

    def __init__(self, order_no: str, ticket_no: str) -> None:
        super().__init__(f"order {order_no} already has active ticket {ticket_no}")
        self.order_no = order_no
        self.ticket_no = ticket_no


class TicketNotFound(StorageError):
    """No such ticket, or not this shopper's."""

    def __init__(self, ticket_no: str) -> None:
        super().__init__(f"ticket not found: {ticket_no}")
        self.ticket_no = ticket_no


class CampaignNotFound(StorageError):
    def __init__(self, campaign_id: int) -> None:
        super().__init__(f"campaign not found: {campaign_id}")
        self.campaign_id = campaign_id


class SchemaMismatch(StorageError):
    """The database was created by a different version of shopbot; refuse rather than guess."""
