"""Fixtures for the 微信客服 tests: `make_kf()` gives a bot (or several workers) and the mock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import Any

import aiohttp
import pytest

from bot.config import Config
from bot.gateway import create_app
from bot.state import StateStore
from knowledge import KnowledgeHolder
from mockwechat import create_mock_app
from tests.factories import demo_config, demo_knowledge
from tests.kf.kit import KfShop

MakeKf = Callable[..., Awaitable[KfShop]]


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeHolder:
    return demo_knowledge()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def make_kf(
    aiohttp_client: Any, aiohttp_server: Any, knowledge: KnowledgeHolder, http: Any
) -> MakeKf:
    """`await make_kf(workers=2, store=shared, database=url, mock=server, **kf_keys)`."""

    async def make(
        workers: int = 1,
        store: StateStore | None = None,
        database: str | None = None,
        mock: Any = None,
        router_factory: Any = None,
        **kf: Any,
    ) -> KfShop:
        mock = mock or await aiohttp_server(create_mock_app())
        config: Config = demo_config(str(mock.make_url("")).rstrip("/"))
        config = replace(
            config,
            kf=replace(config.kf, **({"poll_interval_s": 0} | kf)),
            scheduler=replace(config.scheduler, enabled=False),
        )
        if database is not None:
            config = replace(config, storage=replace(config.storage, database=database))
        extra = {"router_factory": router_factory} if router_factory else {}
        clients = [
            await aiohttp_client(create_app(config, store=store, knowledge=knowledge, **extra))
            for _ in range(workers)
        ]
        return KfShop(clients, mock, config, http)

    return make
