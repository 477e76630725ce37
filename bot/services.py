"""What the app opens once and handlers share, reached through `Context.services`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp

from bot.config import Config, database_url, knowledge_dir
from bot.metrics import Metrics
from bot.outbound import Outbound
from bot.session import SessionStore
from bot.shoptime import shop_zone
from bot.state import StateStore, open_state_store

if TYPE_CHECKING:
    from bot.storage import Database
    from knowledge import KnowledgeHolder

SHUTDOWN_GRACE_S = 10.0  # replies promised to shoppers get this long to go out at shutdown


@dataclass
class Services:
    config: Config
    store: StateStore
    sessions: SessionStore
    outbound: Outbound
    metrics: Metrics
    knowledge: KnowledgeHolder | None = None
    db: Database | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # what later packages add (scheduler, ...)

    @property
    def shop_name(self) -> str:
        """What the bot calls the shop: `shop.name` when set, else the knowledge files' name."""
        if self.config.shop.name or self.knowledge is None:
            return self.config.shop.name
        return self.knowledge.current.kb.shop_name


def load_knowledge_holder(config: Config) -> KnowledgeHolder:
    """Build the index of the configured knowledge (seconds for a large catalogue: run it in a
    thread). Raises KnowledgeError naming file and line."""
    from knowledge import KnowledgeHolder

    return KnowledgeHolder.load(knowledge_dir(config))


@asynccontextmanager
async def open_services(
    config: Config,
    *,
    store: StateStore | None = None,
    knowledge: KnowledgeHolder | None = None,
    http_timeout_s: float = 5.0,
) -> AsyncIterator[Services]:
    """Open everything a worker or the scheduler process needs, and close it in order.

    A `store` or `knowledge` passed in belongs to the caller and is not closed here. On the way
    out, background work (replies through the API, welcomes) gets SHUTDOWN_GRACE_S to finish.
    """
    from bot.background import TaskSet
    from bot.storage import open_database

    holder = (
        knowledge
        if knowledge is not None
        else await asyncio.to_thread(load_knowledge_holder, config)
    )
    state = store if store is not None else open_state_store(config.storage.state)
    try:
        db = await open_database(database_url(config), shop_zone(config))
        metrics = Metrics()
        db.transactor.committed.append(metrics.count_committed)
        timeout = aiohttp.ClientTimeout(total=http_timeout_s)
        async with db, aiohttp.ClientSession(timeout=timeout) as http:
            services = Services(
                config=config,
                store=state,
                sessions=SessionStore(state),
                outbound=Outbound(config, state, http, metrics=metrics),
                metrics=metrics,
                knowledge=holder,
                db=db,
            )
            try:
                yield services
            finally:
                await TaskSet.of(services).close(SHUTDOWN_GRACE_S)
    finally:
        if store is None:
            await state.close()
