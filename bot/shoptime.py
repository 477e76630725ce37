"""The shop's time zone: the one calendar of everything dated.

Promotions and coupons start and end on the shop's dates; order and ticket numbers carry the
shop's date; daily stats, the unanswered log's days, quiet hours, campaigns and the times shown to
shoppers and staff all read the same zone, `[scheduler] timezone` (default Asia/Shanghai, China
Standard Time, whatever the server's own zone is). Code without a config (the storage layer's
defaults, tests) uses `DEFAULT_ZONE`. The moment itself comes from the app's one clock
(bot/clock.py), which carries this zone: `services.clock.today()` is the shop's day.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bot.config import Config

DEFAULT_ZONE_NAME = "Asia/Shanghai"
DEFAULT_ZONE = ZoneInfo(DEFAULT_ZONE_NAME)


@lru_cache(maxsize=8)
def zone_named(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def shop_zone(config: Config) -> ZoneInfo:
    """The shop's zone from its configuration (checked when the config is loaded)."""
    return zone_named(config.scheduler.timezone)


def shop_today(zone: ZoneInfo, now: datetime) -> date:
    """The shop's calendar day at `now` (this moment comes from the clock, bot/clock.py)."""
    return now.astimezone(zone).date()


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """A moment as shoppers and staff read it: month-day hour:minute in the shop's zone."""
    return moment.astimezone(zone).strftime("%m-%d %H:%M")
