"""A running bot per test (real HTTP, real crypto, mock WeChat API), sharing one knowledge index.

The demo shop's promotions and coupons have dates; "today" is pinned so the transcripts do not
change meaning when the calendar moves on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from bot.clock import TestClock
from bot.config import Config
from bot.gateway import create_app
from bot.shop import catalog
from knowledge import KnowledgeHolder
from mockwechat import create_mock_app
from tests.dialogs.transcript import Shop
from tests.factories import demo_config, demo_knowledge
from tests.storage.conftest import BACKENDS, fresh_database_url

TODAY = date(2025, 6, 1)

MakeShop = Callable[..., Awaitable[Shop]]


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeHolder:
    return demo_knowledge()


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "today", lambda services: TODAY)


@pytest.fixture
def make_shop(aiohttp_client: Any, aiohttp_server: Any, knowledge: KnowledgeHolder) -> MakeShop:
    """`await make_shop(database=url, admin_token=...)`: a bot with these settings."""

    async def make(database: str | None = None, **shop: Any) -> Shop:
        mock = await aiohttp_server(create_mock_app())
        config: Config = demo_config(str(mock.make_url("")).rstrip("/"))
        config = replace(
            config,
            shop=replace(config.shop, **shop),
            scheduler=replace(config.scheduler, enabled=False),  # the tests call the jobs
        )
        if database is not None:
            config = replace(config, storage=replace(config.storage, database=database))
        clock = TestClock(frozen=False)  # runs with real time; a test may move it on
        client = await aiohttp_client(create_app(config, knowledge=knowledge, clock=clock))
        return Shop(client, mock, config, clock)

    return make


@pytest.fixture
async def shop(make_shop: MakeShop) -> Shop:
    return await make_shop()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Any) -> AsyncIterator[str]:
    """A fresh order store on SQLite (a file) and on PostgreSQL (a schema dropped afterwards)."""
    async with fresh_database_url(request, tmp_path / "shop.sqlite3") as url:
        yield url
