"""The order dialog: a form with a cart, a coupon, the receiver and a confirmation."""

from bot.dialogs.order.dialog import build
from bot.dialogs.order.states import OrderState

__all__ = ["OrderState", "build"]
