"""The 微信客服 channel of one worker: built when [kf] is configured, reached by the gateway.

`open_kf(services, router)` builds it, creates the ledger's tables, plugs the kf sender into
`Outbound.send` and the hand-off hook into handlers/handoff.py, and runs the periodic work:
at start a sweep of messages a previous process claimed and never answered, then every
`kf.poll_interval_s` a pull without a callback (one worker per interval, by a store key) and a
sweep of what stayed pending, and once an hour the ledger's purge.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from bot.kf.api import KfApi
from bot.kf.events import KfEvents
from bot.kf.handoff import KfHandoff
from bot.kf.inbox import Inbox
from bot.kf.ledger import KfLedger
from bot.kf.puller import Puller
from bot.kf.sender import KfSender
from bot.kf.sessions import KfSessions
from bot.kf.welcome import Welcome
from bot.protocol import Inbound
from bot.router import Router
from bot.services import Services
from bot.state import keys

log = logging.getLogger(__name__)

SWEEP_AGE_S = 30.0  # pending this long: its drain is not coming (its worker died)


class KfRuntime:
    def __init__(self, services: Services, router: Router) -> None:
        kf = services.config.kf
        self.services = services
        self.open_kfids = kf.open_kfids
        self.poll_interval_s = kf.poll_interval_s
        self.metrics = services.kf_metrics
        self.api = KfApi(services.outbound)
        self.sessions = KfSessions(services.store, self.api, kf.servicers)
        self.sender = KfSender(self.api, self.sessions, self.metrics)
        self.ledger = KfLedger(services.db)
        welcome = Welcome(services, self.sender, self.metrics)
        events = KfEvents(services, self.sessions, self.sender, welcome, self.metrics)
        self.inbox = Inbox(
            services, router, self.ledger, self.sessions, self.sender, events, self.metrics
        )
        self.puller = Puller(services.store, self.api, self.ledger, self.inbox, self.metrics)
        self.handoff = KfHandoff(self.api, self.sessions, self.sender, self.metrics)

    def on_callback(self, msg: Inbound) -> None:
        """A verified kf_msg_or_event: pull in the background (the callback is answered now)."""
        open_kfid = msg.extra.get("OpenKfId", "")
        if open_kfid not in self.open_kfids:
            log.warning("kf callback for an account not in kf.open_kfids; ignored")
            self.metrics.events.labels("other_account").inc()
            return
        self.metrics.events.labels("kf_msg_or_event").inc()
        self.services.tasks.spawn(self.puller.wake(open_kfid, msg.extra.get("Token", "")))

    async def start(self) -> None:
        self.services.outbound.kf = self.sender
        self.services.platform_handoffs["kf"] = self.handoff

    async def recover(self) -> None:
        """Answer what a previous process claimed and did not take (a restart mid-way)."""
        for open_kfid in self.open_kfids:
            found = await self.inbox.sweep(open_kfid, older_than_s=0.0)
            if found:
                log.info("kf: %d customers had messages left pending; answering them", found)

    async def poll_once(self) -> None:
        store = self.services.store
        interval = max(1.0, self.poll_interval_s * 0.9)
        for open_kfid in self.open_kfids:
            if await store.set_if_absent(keys.KF_POLL.key(open_kfid), b"1", interval):
                await self.puller.wake(open_kfid)
            await self.inbox.sweep(open_kfid, SWEEP_AGE_S)
        if await store.set_if_absent(keys.KF_PURGE.key(), b"1", keys.KF_PURGE.life_s):
            await self.ledger.purge()

    async def run_periodic(self) -> None:
        while self.poll_interval_s:
            await asyncio.sleep(self.poll_interval_s)
            await self.guarded(self.poll_once)

    async def guarded(self, work: Callable[[], Awaitable[None]]) -> None:
        try:
            await work()
        except Exception:  # the loop must outlive a database or network hiccup
            log.exception("kf periodic work failed; trying again at the next interval")


def runtime_of(services: Services) -> KfRuntime | None:
    return services.kf.current


@asynccontextmanager
async def open_kf(services: Services, router: Router) -> AsyncIterator[KfRuntime]:
    runtime = KfRuntime(services, router)
    await runtime.start()
    services.kf.attach(runtime)
    await runtime.guarded(runtime.recover)
    periodic = asyncio.create_task(runtime.run_periodic())
    try:
        yield runtime
    finally:
        periodic.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await periodic
        services.outbound.kf = None
        services.platform_handoffs.pop("kf", None)
        services.kf.detach()
