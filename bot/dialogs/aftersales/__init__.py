"""The after-sales form: the shopper's own paid order, kind, reason, photos → a ticket."""

from bot.dialogs.aftersales.dialog import build
from bot.dialogs.aftersales.form import kind_in
from bot.dialogs.aftersales.values import AfterSalesStep, TicketValues

__all__ = ["AfterSalesStep", "TicketValues", "build", "kind_in"]
