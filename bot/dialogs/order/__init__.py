"""The order form: a cart, the receiver and a confirmation, filled in any order."""

from bot.dialogs.order.dialog import build
from bot.dialogs.order.values import OrderStep, OrderValues

__all__ = ["OrderStep", "OrderValues", "build"]
