"""One shop time zone (`[scheduler] timezone`) for everything dated: order and ticket numbers, the
unanswered log's days, daily stats, promotions, quiet hours and the times shoppers and staff read.
Before, order numbers, the log and promotions used a fixed +08:00 whatever the setting said."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.clock import SystemClock
from bot.compliance import quiet_hours
from bot.config import ComplianceConfig, SchedulerConfig
from bot.services import open_services
from bot.shoptime import DEFAULT_ZONE, local_time, shop_today, shop_zone
from bot.storage import open_database
from bot.storage.ids import new_order_no, new_ticket_no
from tests.factories import sample_config

NEW_YORK = ZoneInfo("America/New_York")
EVENING_IN_NEW_YORK = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)  # already 12-02 in Shanghai


def test_numbers_carry_the_shops_date() -> None:
    assert new_order_no(EVENING_IN_NEW_YORK).startswith("SB20261202")
    assert new_order_no(EVENING_IN_NEW_YORK, NEW_YORK).startswith("SB20261201")
    assert new_ticket_no(EVENING_IN_NEW_YORK, NEW_YORK).startswith("AS20261201")


def test_times_read_in_the_shops_zone() -> None:
    assert local_time(EVENING_IN_NEW_YORK, DEFAULT_ZONE) == "12-02 06:00"
    assert local_time(EVENING_IN_NEW_YORK, NEW_YORK) == "12-01 17:00"
    assert shop_today(NEW_YORK, EVENING_IN_NEW_YORK).isoformat() == "2026-12-01"


async def test_the_unanswered_log_counts_the_shops_day(tmp_path) -> None:
    async with await open_database(
        f"sqlite:///{tmp_path / 'z.sqlite3'}", SystemClock(NEW_YORK)
    ) as db:
        await db.unanswered.record("有洗碗机吗", "no_product", at=EVENING_IN_NEW_YORK)
        later = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # still 12-01 in New York
        [gap] = await db.unanswered.most_frequent(days=1, now=later)
        assert gap.count == 1


async def test_every_part_of_the_app_reads_the_configured_zone() -> None:
    base = sample_config()
    config = replace(
        base,
        scheduler=replace(SchedulerConfig(), timezone="America/New_York"),
        compliance=replace(ComplianceConfig(), quiet_hours="22:00-08:00"),
    )
    assert shop_zone(config) == NEW_YORK
    async with open_services(config) as services:
        assert services.clock.zone == NEW_YORK and services.db.clock is services.clock
        assert services.db.transactor.zone == NEW_YORK
        assert services.stats.zone == NEW_YORK
    hours = quiet_hours(config)
    assert hours is not None and hours.zone == NEW_YORK
