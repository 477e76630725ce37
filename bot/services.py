"""What the app opens once and handlers share, reached through `Context.services`.

`Services` is a frozen list of typed attributes, all built in `build_services` (the one place:
`open_services` calls it for the server and the scheduler process, test kits and benches call it
with what they opened themselves). There is no bag to put things in on the side: a new service is
a new attribute here, built in `build_services` (from what is already built, never from a
`Services`, so the order of construction is plain), and reached as `services.<name>`.

The process's one clock (bot/clock.py) is `services.clock`: `open_services` makes it (or takes a
test's) and opens the state store and the database with it; `build_services` takes the
database's and hands that same one to everything it builds.

Two kinds of attribute are not plain values:
- `broadcaster` needs the whole `Services` (its planner and notifier read config, store,
  outbound and knowledge), so it is made on first use, once per `Services`;
- the scheduler and the 微信客服 runtime start after the services and stop before them (their own
  cleanup contexts), so they plug into a `Slot` while they run; `platform_handoffs` is where a
  channel whose platform moves the conversation itself registers its hand-off.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import aiohttp

from bot.background import Coalescers, TaskSet, WriteBehind
from bot.clock import Clock, shop_clock
from bot.config import Config, database_url, knowledge_dir
from bot.metrics import Metrics
from bot.outbound import Outbound
from bot.session import SessionStore
from bot.shop.stock import StockView
from bot.state import StateStore, open_state_store
from bot.stats import DailyStats
from bot.storage import Database

if TYPE_CHECKING:
    from bot.broadcast.runner import Broadcaster
    from bot.handlers.handoff import PlatformHandoff
    from bot.kf.metrics import KfMetrics
    from bot.kf.runtime import KfRuntime
    from knowledge import KnowledgeHolder

SHUTDOWN_GRACE_S = 10.0  # replies promised to shoppers get this long to go out at shutdown

T = TypeVar("T")


class SchedulerHandle(Protocol):
    """What handlers may ask of the scheduler running in this process."""

    def wake(self) -> None:
        """Look at the campaigns now instead of at the next sync (one was just created)."""


class Slot(Generic[T]):
    """A part that starts after the services and stops before them plugs in here while it runs."""

    def __init__(self) -> None:
        self._value: T | None = None

    @property
    def current(self) -> T | None:
        return self._value

    def attach(self, value: T) -> None:
        self._value = value

    def detach(self) -> None:
        self._value = None


@dataclass(frozen=True, eq=False)
class Services:
    config: Config
    clock: Clock  # every reading of the time; its zone is the shop's
    store: StateStore
    sessions: SessionStore
    db: Database
    knowledge: KnowledgeHolder  # handlers read the message's snapshot, `ctx.knowledge`
    outbound: Outbound
    metrics: Metrics
    tasks: TaskSet  # work not waited for; drained at shutdown
    stats: DailyStats
    write_behind: WriteBehind
    alerts: Coalescers  # batched staff alerts, one stream per name
    stock: StockView  # this process's seeding mark and displayed counts
    kf_metrics: KfMetrics
    scheduler: Slot[SchedulerHandle] = field(default_factory=Slot)
    kf: Slot[KfRuntime] = field(default_factory=Slot)
    platform_handoffs: dict[str, PlatformHandoff] = field(default_factory=dict)  # by channel

    @cached_property
    def broadcaster(self) -> Broadcaster:
        """The process's broadcaster (campaign runs it has under way are its own state)."""
        from bot.broadcast.runner import Broadcaster  # it imports this module

        return Broadcaster(self)

    @property
    def shop_name(self) -> str:
        """What the bot calls the shop: `shop.name` when set, else the knowledge files' name."""
        return self.config.shop.name or self.knowledge.current.kb.shop_name


def build_services(
    config: Config,
    *,
    store: StateStore,
    db: Database,
    knowledge: KnowledgeHolder,
    http: aiohttp.ClientSession,
    metrics: Metrics | None = None,
) -> Services:
    """Everything `Services` holds, from what the caller opened (and closes). The clock is the
    one the database was opened with (`open_database(url, clock)`)."""
    from bot.kf.metrics import KfMetrics
    from knowledge import INTENT_IDS

    metrics = metrics or Metrics()
    tasks = TaskSet()
    clock = db.clock
    return Services(
        config=config,
        clock=clock,
        store=store,
        sessions=SessionStore(store, clock=clock),
        db=db,
        knowledge=knowledge,
        outbound=Outbound(config, store, http, metrics=metrics, clock=clock),
        metrics=metrics,
        tasks=tasks,
        stats=DailyStats(store, clock, names=INTENT_IDS),
        write_behind=WriteBehind(db, tasks),
        alerts=Coalescers(tasks),
        stock=StockView(),
        kf_metrics=KfMetrics(metrics.registry),
    )


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
    clock: Clock | None = None,
    http_timeout_s: float = 5.0,
) -> AsyncIterator[Services]:
    """Open everything a worker or the scheduler process needs, and close it in order.

    `clock` is the system clock in the shop's zone unless a test passes its own. A `store` or
    `knowledge` passed in belongs to the caller and is not closed here. On the way
    out, background work (replies through the API, welcomes) gets SHUTDOWN_GRACE_S to finish.
    """
    from bot.storage import open_database

    holder = (
        knowledge
        if knowledge is not None
        else await asyncio.to_thread(load_knowledge_holder, config)
    )
    clock = clock or shop_clock(config)
    state = store if store is not None else open_state_store(config.storage.state, clock)
    try:
        db = await open_database(database_url(config), clock)
        metrics = Metrics()
        db.transactor.committed.append(metrics.count_committed)
        timeout = aiohttp.ClientTimeout(total=http_timeout_s)
        async with db, aiohttp.ClientSession(timeout=timeout) as http:
            services = build_services(
                config, store=state, db=db, knowledge=holder, http=http, metrics=metrics
            )
            try:
                yield services
            finally:
                await services.tasks.close(SHUTDOWN_GRACE_S)
    finally:
        if store is None:
            await state.close()
