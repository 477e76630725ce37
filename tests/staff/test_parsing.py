"""Argument parsing for staff commands: quotes, dates and times the way staff type them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.handlers.staff.args import UsageError, parse_when, split_args

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 14, 15, 30, tzinfo=SHANGHAI)


def test_split_args_takes_chinese_quotes_and_unquoted_dates():
    assert split_args("--to groups:老客 “今晚 8点 秒杀”") == [
        "--to",
        "groups:老客",
        "今晚 8点 秒杀",
    ]
    assert split_args("--at 3-14 20:00 秒杀") == ["--at", "3-14 20:00", "秒杀"]
    assert split_args("--at 20:00 秒杀") == ["--at", "20:00", "秒杀"]
    with pytest.raises(UsageError):
        split_args('"unclosed')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:00", datetime(2025, 3, 14, 20, 0, tzinfo=SHANGHAI)),
        ("10:00", datetime(2025, 3, 15, 10, 0, tzinfo=SHANGHAI)),  # past today: tomorrow
        ("3-20 20:00", datetime(2025, 3, 20, 20, 0, tzinfo=SHANGHAI)),
        ("1-02 09:30", datetime(2026, 1, 2, 9, 30, tzinfo=SHANGHAI)),  # past this year: next
        ("2025-03-16 08:00", datetime(2025, 3, 16, 8, 0, tzinfo=SHANGHAI)),
        ("2025/03/16 08：00", datetime(2025, 3, 16, 8, 0, tzinfo=SHANGHAI)),
        ("now", NOW),
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text, NOW, SHANGHAI) == expected


def test_parse_when_refuses_nonsense():
    with pytest.raises(UsageError):
        parse_when("tonight", NOW, SHANGHAI)
