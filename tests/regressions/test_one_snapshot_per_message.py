"""Issue 13, item 1: a staff /reload in the middle of a message could mix two catalogues in one
reply (the catalogue helpers re-read the holder on every call, although holder.py promises one
snapshot per message), and services were reached through a string-keyed bag."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from types import MappingProxyType
from typing import Any

import pytest

from bot.services import Services, Slot
from bot.session import Session
from bot.shop import catalog
from bot.step import Context
from knowledge import KnowledgeHolder, KnowledgeSnapshot
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.fixture
async def shop(make_shop) -> Shop:  # noqa: F811
    return await make_shop()


def emptied(snapshot: KnowledgeSnapshot) -> KnowledgeSnapshot:
    """The same shop after a reload that took every product away."""
    return KnowledgeSnapshot(replace(snapshot.kb, products=MappingProxyType({})), snapshot.matcher)


def reload_after_first_read(monkeypatch: pytest.MonkeyPatch, holder: KnowledgeHolder) -> None:
    """The holder serves its snapshot once, then the emptied one: a reload lands mid-message."""
    first, later = holder.current, emptied(holder.current)
    reads = {"n": 0}

    def current(self: KnowledgeHolder) -> KnowledgeSnapshot:
        if self is not holder:
            return self._snapshot
        reads["n"] += 1
        return first if reads["n"] == 1 else later

    monkeypatch.setattr(KnowledgeHolder, "current", property(current))


async def test_the_catalogue_helpers_read_the_snapshot_the_message_began_with(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    reload_after_first_read(monkeypatch, shop.services.knowledge)
    ctx = Context.begin(Session(), shop.services)
    assert shop.services.knowledge.current.kb.products == {}  # reloaded meanwhile
    assert catalog.product(ctx, "AP-1002") is not None
    assert catalog.kb(ctx) is ctx.kb and "AP-1002" in ctx.kb.products
    names = [p.sku for p in catalog.named_products(ctx, "重磅连帽卫衣")]
    assert names == ["AP-1002"]


async def test_a_reload_while_a_message_is_answered_leaves_its_reply_whole(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = shop.chat()
    await chat.say("你好")  # the session exists; the next message is the one under test
    reload_after_first_read(monkeypatch, shop.services.knowledge)
    await chat.run(
        """
        > 重磅连帽卫衣
        < 重磅连帽卫衣
        < ¥159.00
        """
    )


async def test_services_is_a_fixed_set_of_typed_attributes(shop: Shop) -> None:
    services = shop.services
    names = {f.name for f in dataclasses.fields(Services)}
    assert "extras" not in names and {"db", "knowledge", "tasks", "stats"} <= names
    with pytest.raises(dataclasses.FrozenInstanceError):
        services.db = None  # type: ignore[misc, assignment]  # the write must be refused
    assert services.broadcaster is services.broadcaster  # one per process


class Woken:
    def __init__(self) -> None:
        self.times = 0

    def wake(self) -> None:
        self.times += 1


async def test_a_confirmed_campaign_wakes_the_scheduler_in_its_slot() -> None:
    from bot.broadcast.drafts import wake_scheduler

    slot: Slot[Any] = Slot()
    ctx: Any = type("Ctx", (), {"services": type("S", (), {"scheduler": slot})()})()
    wake_scheduler(ctx)  # no scheduler in this process: nothing to wake, no error
    woken = Woken()
    slot.attach(woken)
    wake_scheduler(ctx)
    slot.detach()
    wake_scheduler(ctx)
    assert woken.times == 1
