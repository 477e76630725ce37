"""The aiohttp application WeChat calls."""

from bot.gateway.app import create_app
from bot.gateway.keys import PIPELINE, SERVICES

__all__ = ["PIPELINE", "SERVICES", "create_app"]
