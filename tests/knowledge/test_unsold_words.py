"""The unsold thing is the thing, not the words around it: 卖不卖 is no part of what is asked for,
a one-character thing (酒) is still a thing, a present (生日礼物) names no kind of thing, and a
thing a product's name says (茶 in 冷泡绿茶茶包) is sold."""

from __future__ import annotations

import pytest

from knowledge import Matcher


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("你们卖不卖酒", "酒"),
        ("店里有卖烟吗", "烟"),
        ("有没有卖猫粮", "猫粮"),
        ("卖不卖自行车", "自行车"),
    ],
)
def test_the_thing_asked_for_without_the_selling_verb(
    matcher: Matcher, text: str, thing: str
) -> None:
    assert matcher.match(text).unsold == thing


@pytest.mark.parametrize(
    "text", ["给我妈买个生日礼物", "想买个小礼物 两百以内", "卖不卖茶", "有茶叶吗"]
)
def test_a_present_or_a_thing_the_shop_has_is_not_unsold(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).unsold is None


def test_tea_finds_the_tea_bags(matcher: Matcher) -> None:
    assert [p.name for p in matcher.match("那有茶叶吗").products][:1] == ["冷泡绿茶茶包"]


@pytest.mark.parametrize("text", ["人工几点下班", "你们人工什么时候下班"])
def test_when_the_humans_go_home_is_the_service_hours(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.faq is not None and result.faq.id == "service.hours"
