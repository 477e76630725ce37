"""The after-sales dialog: the shopper's own paid order, kind, reason, photos → a ticket."""

from bot.dialogs.aftersales.dialog import build
from bot.dialogs.aftersales.form import kind_in
from bot.dialogs.aftersales.states import AfterSalesState

__all__ = ["AfterSalesState", "build", "kind_in"]
