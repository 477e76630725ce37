"""Calls to the WeChat and WeCom APIs: tokens shared across workers, quotas, retries."""

from bot.outbound.client import ApiError, Outbound, SendResult

__all__ = ["ApiError", "Outbound", "SendResult"]
