"""The app's router: which middlewares each kind of route gets, and its intent routes held to the
knowledge's intents (the check the app runs when it builds the router)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.gateway.app import default_router
from bot.handlers import groups, queries, register_all, routes, shopper
from bot.handlers.staff.chat import staff_in_dialog, staff_text
from bot.router import Entry, Route, RouteKind, Router, Table
from knowledge import INTENT_IDS, IntentId
from tests.factories import demo_knowledge


@pytest.fixture(scope="module")
def router() -> Router:
    return register_all(Router(), INTENT_IDS)


def names(router: Router, table: Table, key: str, entry: Entry) -> list[str]:
    route = router._route(table, key, entry)
    return [getattr(m, "__name__", "") for m in route.inner]


def test_shopper_routes_are_gated_then_told_of_expiry_then_asked_about_a_cancel(
    router: Router,
) -> None:
    """Staff's plain words the shopper routes would not understand get a staff reply, inside
    the gate (a member waiting for a human is left to the human); receiver details sent before
    anything else start an order, unless the session expired (the notice says so first); a
    buying message with only a short reference orders the product spoken of it fits; a bare
    span ("110-120的有吗") is read as a height or a price innermost."""
    expected = [
        "gated",
        staff_text.__name__,
        "receiver_first",
        "ordered_by_reference",
        shopper.expiry_notice.__name__,
        queries.cancel_confirmation.__name__,
        shopper.frustration.__name__,
        "height_or_price",
    ]
    tables = ((Table.WORD, router.words), (Table.PREFIX, router.prefixes))
    for table, entries in (*tables, (Table.INTENT, router.intents)):
        for key, entry in entries.items():
            if entry.kind is RouteKind.SHOPPER:
                assert names(router, table, key, entry) == expected, key
    assert router.fallback_entry is not None
    assert names(router, Table.FALLBACK, "", router.fallback_entry) == expected


def test_dialogs_and_menu_events_are_gated_staff_platform_and_consent_are_not(
    router: Router,
) -> None:
    # staff inside a shopper dialog they opened still get staff answers (staff.chat)
    assert names(router, Table.DIALOG, "order", router.dialogs["order"]) == [
        "gated",
        staff_in_dialog.__name__,
    ]
    assert names(router, Table.DIALOG, "broadcast", router.dialogs["broadcast"]) == []
    click = router.events["click"]
    assert names(router, Table.EVENT, "click", click) == [groups.record_scene.__name__, "gated"]
    for name in ("unsubscribe", "view", "change_external_contact"):
        assert names(router, Table.EVENT, name, router.events[name]) == [], name
    assert names(router, Table.ANYTIME, "退订", router.anytime_words["退订"]) == []
    assert names(router, Table.COMMAND, "help", router.commands["help"]) == []
    outer = [layer.middleware.__name__ for layer in router.outer_layers]
    assert outer == ["count_stats", "vary_not_sure", "follow_up"]
    # a shopper's replies only: staff, platform events and consent words are never rewritten
    assert router.outer_layers[1].kinds == {RouteKind.SHOPPER, RouteKind.DIALOG}


def test_every_knowledge_intent_is_routed_and_every_routed_one_exists() -> None:
    kb = demo_knowledge().current.kb
    assert set(kb.intents) == set(IntentId)
    assert routes.intent_problems(register_all(Router()), kb.intents) == []


def test_a_route_to_an_unknown_intent_or_an_unrouted_intent_is_named(router: Router) -> None:
    known = [i for i in INTENT_IDS if i != IntentId.INVOICE] + ["gift_wrap"]
    assert routes.intent_problems(router, known) == [
        "routed intent 'invoice' is not in the knowledge",
        "intent 'gift_wrap' is neither routed nor listed in routes.UNROUTED",
    ]


def test_an_intent_listed_as_unrouted_need_not_be_routed(monkeypatch: Any) -> None:
    bare = Router()
    bare.intent(*(i for i in IntentId if i is not IntentId.OTHER))(shopper.fallback)
    assert routes.intent_problems(bare, INTENT_IDS) == [
        "intent 'other' is neither routed nor listed in routes.UNROUTED"
    ]
    monkeypatch.setattr(routes, "UNROUTED", frozenset({IntentId.OTHER}))
    assert routes.intent_problems(bare, INTENT_IDS) == []


def test_the_app_does_not_build_a_router_its_knowledge_disagrees_with() -> None:
    intents = {i: object() for i in INTENT_IDS if i != IntentId.PAYMENT}
    kb = SimpleNamespace(intents=intents)
    services: Any = SimpleNamespace(knowledge=SimpleNamespace(current=SimpleNamespace(kb=kb)))
    with pytest.raises(routes.IntentRoutesError, match="'payment' is not in the knowledge"):
        default_router(services)


def test_a_route_is_a_handler_with_its_middlewares(router: Router) -> None:
    route = Route(Table.WORD, "你好", router.words["你好"])
    assert route.kind is RouteKind.SHOPPER and not route.is_fallback
