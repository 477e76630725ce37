"""The router on its own: middlewares per route kind in their declared order whatever order the
routes registered in, outer middlewares once per message, guards that pass a word on, routing
results that say what was recognised, and no silent overwrite of a route."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.protocol import Channel, Inbound, Kind, TextReply
from bot.router import Handler, Route, RouteKind, Router, Table
from bot.session import Session
from bot.step import Context, Step
from knowledge import IntentId


def text(words: str, channel: Channel = Channel.OA) -> Inbound:
    return Inbound(channel, "u", "gh", Kind.TEXT, 0, msg_id="1", text=words)


def event(name: str) -> Inbound:
    return Inbound(Channel.OA, "u", "gh", Kind.EVENT, 0, event=name)


def context(state: str | None = None) -> Context:
    return Context(Session(state), SimpleNamespace(), SimpleNamespace())  # type: ignore[arg-type]


def says(answer: str) -> Handler:
    async def handler(msg: Inbound, ctx: Context) -> Step:
        return Step.say(answer)

    return handler


def tagging(tag: str, trail: list[str]) -> Any:
    async def middleware(call_next: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
        trail.append(f"{tag}>")
        step = await call_next(msg, ctx)
        trail.append(f"<{tag}")
        return step

    return middleware


async def run(router: Router, msg: Inbound, ctx: Context | None = None) -> tuple[Route, str]:
    ctx = ctx or context()
    route = router.resolve(msg, ctx)
    assert route is not None
    step = await router.dispatch(route, msg, ctx)
    if not step.replies:
        return route, ""
    reply = step.replies[0]
    assert isinstance(reply, TextReply)  # the handlers here only say text
    return route, reply.text


@pytest.mark.parametrize("routes_first", [True, False])
async def test_middlewares_run_in_declared_order_whenever_routes_register(
    routes_first: bool,
) -> None:
    router = Router()
    trail: list[str] = []

    def routes() -> None:
        router.word("你好")(says("hi"))

    if routes_first:
        routes()
    router.use(tagging("gate", trail), RouteKind.SHOPPER)
    router.use(tagging("notice", trail), RouteKind.SHOPPER)
    if not routes_first:
        routes()
    _, answer = await run(router, text("你好"))
    assert answer == "hi"
    assert trail == ["gate>", "notice>", "<notice", "<gate"]


async def test_a_middleware_runs_only_for_its_kinds() -> None:
    router = Router()
    trail: list[str] = []
    router.use(tagging("gate", trail), RouteKind.SHOPPER, RouteKind.MENU)
    router.command("help")(says("help"))
    router.word("退订", anytime=True, kind=RouteKind.CONSENT)(says("ok"))
    router.event("view", kind=RouteKind.PLATFORM)(says(""))
    router.event("click")(says("menu"))
    for msg in (text("/help"), text("退订"), event("view")):
        await run(router, msg)
    assert trail == []
    await run(router, event("click"))
    assert trail == ["gate>", "<gate"]


async def test_outer_middlewares_run_once_a_message_and_not_when_a_handler_routes_again() -> None:
    router = Router()
    trail: list[str] = []
    router.outer(tagging("stats", trail))
    router.use(tagging("gate", trail))

    @router.dialog("browse")
    async def browse(msg: Inbound, ctx: Context) -> Step:
        again = router.resolve(msg, context())
        assert again is not None and again.table is Table.WORD
        return await again(msg, ctx)

    router.word("我的订单")(says("orders"))
    _, answer = await run(router, text("我的订单"), context("browse:list"))
    assert answer == "orders"
    assert trail == ["stats>", "gate>", "gate>", "<gate", "<gate", "<stats"]


async def test_a_guarded_word_passes_other_senders_on_to_the_intent_and_fallback() -> None:
    router = Router()
    router.word("确认", kind=RouteKind.STAFF, when=lambda m, c: m.channel is Channel.WECOM)(
        says("staff")
    )
    router.fallback(says("fallback"))
    staff, answer = await run(router, text("确认", Channel.WECOM))
    assert (staff.kind, answer) == (RouteKind.STAFF, "staff")
    shopper, answer = await run(router, text("确认"))
    assert (shopper.table, shopper.kind, answer) == (Table.FALLBACK, RouteKind.SHOPPER, "fallback")


async def test_the_route_says_which_knowledge_intent_was_recognised() -> None:
    router = Router()
    readings = {"退货": IntentId.RETURN_REFUND, "发票": IntentId.INVOICE, "嗯": "clarify"}
    router.intent_resolver = lambda msg, ctx: readings.get(msg.text)
    router.intent(IntentId.RETURN_REFUND)(says("after-sales"))
    router.intent("clarify")(says("which one"))
    router.fallback(says("fallback"))
    acted, _ = await run(router, text("退货"))
    assert (acted.table, acted.recognised) == (Table.INTENT, "return_refund")
    unrouted, _ = await run(router, text("发票"))  # recognised, but nothing routes it
    assert (unrouted.is_fallback, unrouted.recognised) == (True, "invoice")
    narrowed, answer = await run(router, text("嗯"))
    assert (narrowed.recognised, answer) == (None, "which one")
    nothing, _ = await run(router, text("啊这"))
    assert (nothing.is_fallback, nothing.recognised) == (True, None)


def test_a_key_routed_twice_to_different_handlers_is_refused() -> None:
    router = Router()
    first = says("a")
    router.word("逛逛", "看看")(first)
    router.word("逛逛")(first)  # the same route again is harmless
    with pytest.raises(ValueError, match="逛逛"):
        router.word("逛逛！")(says("b"))
    with pytest.raises(ValueError, match="subscribe"):
        router.event("subscribe")(says("welcome"))
        router.event("subscribe")(says("welcome again"))
