"""The 广告法 word list, quiet hours and the weekly cap."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.compliance import PeriodCap, QuietHours, WordList, iso_week
from bot.config import ComplianceConfig
from bot.state import open_state_store

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("全网最低价", ("最",)),
        ("销量第 一，国家级品质", ("第一", "国家级")),
        ("100%纯棉", ("100%",)),
        ("１００％ 纯棉", ("100%",)),
        ("ＮＯ．１ 的选择", ("no.1",)),
        ("顶级面料，极品口感，绝对划算", ("顶级", "极品", "绝对")),
        ("根治失眠", ("根治",)),
        ("好评返现5元", ("好评返现",)),
    ],
)
def test_banned_words_are_found(text, hits):
    check = WordList().check(text)
    assert set(hits) <= set(check.hits)
    assert check.blocked and not check.ok


@pytest.mark.parametrize(
    "text",
    [
        "最近上新了几款",
        "活动最后一天",
        "最终解释权归本店所有",
        "每人最多3件",
        "今晚8点秒杀，限量100件",
    ],
)
def test_everyday_words_pass(text):
    assert WordList().check(text).ok


def test_warn_mode_and_extra_words():
    words = WordList.from_config(ComplianceConfig(mode="warn", extra_banned_words=("秒杀",)))
    check = words.check("今晚秒杀")
    assert check.hits == ("秒杀",) and not check.blocked
    assert "确认后仍会发送" in check.describe()


def test_quiet_hours_span_midnight():
    quiet = QuietHours.parse("22:00-08:00", SHANGHAI)
    assert quiet is not None
    at = lambda h, m=0: datetime(2025, 3, 14, h, m, tzinfo=SHANGHAI)  # noqa: E731
    assert quiet.contains(at(23)) and quiet.contains(at(7, 59)) and quiet.contains(at(22))
    assert not quiet.contains(at(8)) and not quiet.contains(at(21, 59))
    assert quiet.end_after(at(23)) == datetime(2025, 3, 15, 8, 0, tzinfo=SHANGHAI)
    assert quiet.end_after(at(6)) == datetime(2025, 3, 14, 8, 0, tzinfo=SHANGHAI)
    assert quiet.contains(datetime(2025, 3, 14, 15, 30, tzinfo=UTC))  # 23:30 in Shanghai
    assert QuietHours.parse("", SHANGHAI) is None
    day = QuietHours.parse("12:00-14:00", SHANGHAI)
    assert day is not None and day.contains(at(13)) and not day.contains(at(15))


async def test_weekly_cap_holds_under_concurrency():
    store = open_state_store("memory://")
    cap = PeriodCap(store, "promo:test", 3)
    day = date(2025, 3, 14)
    results = await asyncio.gather(*(cap.take(["g1", "g2"], day) for _ in range(5)))
    allowed = [t for got, _ in results for t in got]
    assert allowed.count("g1") == 3 and allowed.count("g2") == 3
    assert await cap.used("g1", day) == 3
    assert (await cap.take(["g1"], date(2025, 3, 17)))[0] == ["g1"]  # a new ISO week
    await cap.give_back(["g1"], day)
    assert await cap.used("g1", day) == 2
    assert iso_week(day) == "2025W11"


async def test_zero_means_no_cap():
    cap = PeriodCap(open_state_store("memory://"), "promo:none", 0)
    allowed, capped = await cap.take(["g"] * 10, date(2025, 3, 14))
    assert len(allowed) == 10 and capped == []
