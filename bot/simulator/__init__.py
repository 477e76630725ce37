"""Talk to a running shopbot as WeChat would: real signed and encrypted callbacks."""

from bot.simulator.callbacks import Callback, CallbackBuilder

__all__ = ["Callback", "CallbackBuilder"]
