"""Intent resolution: act → the intent, clarify → the clarifying handler, fallback → None."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.handlers.understanding import CLARIFY, resolve_intent
from bot.protocol import Channel, Inbound, Kind
from bot.session import Session
from bot.step import Context
from tests.factories import demo_knowledge


@pytest.fixture(scope="module")
def services() -> Any:
    return SimpleNamespace(knowledge=demo_knowledge())


def _ask(services: Any, text: str) -> tuple[str | None, Context]:
    msg = Inbound(Channel.OA, "u", "gh", Kind.TEXT, 0, msg_id="1", text=text)
    ctx = Context.begin(Session(), services)
    return resolve_intent(msg, ctx), ctx


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("我要两件黑色M码的T恤", "place_order"),
        ("有没有适合油皮的面霜", "product_search"),
        ("我要退货", "return_refund"),
        ("运费多少", "price_promo"),
        ("怎么付款", "payment"),
    ],
)
def test_confident_readings_act(services: Any, text: str, intent: str) -> None:
    assert _ask(services, text)[0] == intent


def test_nonsense_falls_back_and_the_match_is_cached(services: Any) -> None:
    intent, ctx = _ask(services, "今天天气怎么样呀哈哈")
    assert intent is None
    cached = ctx.match_cache["match"]
    assert cached is not None and cached.band == "fallback"


def test_an_empty_text_or_no_reading_resolves_to_nothing(services: Any) -> None:
    # Services always hold knowledge now (bot/services.py); what was "no knowledge" is a
    # matcher with no reading of the text.
    class Matcher:
        def match(self, text: str) -> Any:
            return None

    assert _ask(services, "   ")[0] is None
    nothing = SimpleNamespace(current=SimpleNamespace(matcher=Matcher()))
    assert _ask(SimpleNamespace(knowledge=nothing), "我要退货")[0] is None


@pytest.mark.parametrize(
    ("band", "expected"), [("act", "invoice"), ("clarify", CLARIFY), ("fallback", None)]
)
def test_each_band_maps_to_its_route(band: str, expected: str | None) -> None:
    class Matcher:
        def match(self, text: str) -> Any:
            return SimpleNamespace(intent="invoice", band=band, unsold=None)

    holder = SimpleNamespace(current=SimpleNamespace(matcher=Matcher()))
    assert _ask(SimpleNamespace(knowledge=holder), "发票")[0] == expected
