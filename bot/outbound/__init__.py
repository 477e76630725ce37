"""Calls to the WeChat and WeCom APIs: tokens shared across workers, quotas, retries."""

from bot.outbound.caller import ApiCaller, ApiResult, Outcome
from bot.outbound.client import Outbound
from bot.outbound.errors import ApiError

__all__ = ["ApiCaller", "ApiError", "ApiResult", "Outbound", "Outcome"]
