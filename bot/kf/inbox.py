"""From claimed messages to answers: one customer at a time, oldest first, each msgid once.

After a page is claimed (bot/kf/ledger.py), `accept` grants each customer's send window (from
their newest message's send_time) and starts a drain per customer. A drain holds the
customer's lock (`user:kf:<id>`, the pipeline's key) while it takes the oldest pending
messages — a conditional UPDATE, so of two workers draining the same customer only one gets
each message — and answers them, so answers keep the order of the questions. Any worker may drain any customer; the sweep (start-up, the periodic
pull) drains what a dead worker left pending.

A customer message (origin 3) goes through the router unchanged, unless it is older than the
48 h in which it could be answered, or a human has the session: in state 2 or 3 the hand-off
marker is set and the shopper handlers stay silent (handlers/handoff.py), in 0 or 1 a marker
left over is dropped and the bot answers again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.business.notify import deliver_waiting_to
from bot.handlers import handoff
from bot.kf.events import KfEvents
from bot.kf.ledger import Claimed, KfLedger, Pending
from bot.kf.metrics import KfMetrics
from bot.kf.sender import KfSender
from bot.kf.sessions import HUMAN, QUEUED, SENDABLE, WINDOW_S, KfSessions
from bot.kf.turns import run_turn
from bot.logs import begin_correlation, end_correlation
from bot.protocol import BadRequest, Inbound
from bot.protocol.kf import (
    ORIGIN_CUSTOMER,
    ORIGIN_SERVICER,
    ORIGIN_SYSTEM,
    origin_of,
    pulled_inbound,
)
from bot.router import Router
from bot.services import Services
from bot.state import LockTimeout, keys

log = logging.getLogger(__name__)

USER_LOCK_TTL_S = 60
USER_LOCK_WAIT_S = 20
CHANNEL = "kf"


@dataclass
class Inbox:
    services: Services
    router: Router
    ledger: KfLedger
    sessions: KfSessions
    sender: KfSender
    events: KfEvents
    metrics: KfMetrics

    async def accept(self, open_kfid: str, claimed: list[Claimed]) -> None:
        newest: dict[str, int] = {}
        for item in claimed:
            self.metrics.pulled.labels(str(item.origin), "new").inc()
            if item.origin == ORIGIN_CUSTOMER:
                newest[item.user] = max(newest.get(item.user, 0), item.send_time)
        for user, send_time in newest.items():
            await self.sessions.grant(open_kfid, user, send_time)
            # The new window carries the notices that waited for it (bot/business/notify.py).
            self.services.tasks.spawn(deliver_waiting_to(self.services, "kf", user))
        for user in dict.fromkeys(item.user for item in claimed):
            self.spawn_drain(open_kfid, user)

    def spawn_drain(self, open_kfid: str, user: str) -> None:
        self.services.tasks.spawn(self.drain(open_kfid, user))

    async def sweep(self, open_kfid: str, older_than_s: float) -> int:
        """Drain every customer with messages left pending (by a worker that died)."""
        users = await self.ledger.pending_users(open_kfid, older_than_s)
        for user in users:
            self.spawn_drain(open_kfid, user)
        return len(users)

    async def drain(self, open_kfid: str, user: str) -> None:
        store = self.services.store
        try:
            while True:
                async with store.lock(
                    keys.USER.key(CHANNEL, user), USER_LOCK_TTL_S, USER_LOCK_WAIT_S
                ):
                    taken = await self.ledger.take(open_kfid, user)
                    if not taken:
                        return
                    for pending in taken:
                        await self._handle(open_kfid, pending)
        except LockTimeout:  # another worker is draining this customer; what is left stays pending
            self.metrics.skipped.labels("busy").inc()
            log.info("a kf customer's lock stayed busy; the sweep will drain the rest")

    async def _handle(self, open_kfid: str, pending: Pending) -> None:
        correlation = begin_correlation()  # one id per pulled message, as per callback elsewhere
        try:
            await self._dispatch(open_kfid, pending)
        except Exception:  # one message's failure must not cost the rest of the batch
            self.metrics.skipped.labels("error").inc()
            log.exception("a pulled kf message could not be handled")
        finally:
            end_correlation(correlation)

    async def _dispatch(self, open_kfid: str, pending: Pending) -> None:
        try:
            msg = pulled_inbound(pending.item)
        except BadRequest as exc:
            self.metrics.skipped.labels("malformed").inc()
            log.warning("a pulled kf message is malformed (%s); skipped", exc)
            return
        origin = origin_of(msg)
        if origin == ORIGIN_SYSTEM:
            await self.events.handle(msg)
        elif origin == ORIGIN_SERVICER:
            await self.events.servicer_wrote(msg)
        else:
            await self._customer(open_kfid, msg)

    async def _customer(self, open_kfid: str, msg: Inbound) -> None:
        self.services.metrics.inbound.labels(CHANNEL, msg.kind).inc()
        if self.services.clock.time() - msg.received_at > WINDOW_S:
            self.metrics.skipped.labels("expired").inc()  # it can no longer be answered
            return
        await self.sessions.customer_wrote(open_kfid, msg.user)
        await self.sessions.grant_if_unknown(open_kfid, msg.user, msg.received_at)
        state = await self.sessions.state(open_kfid, msg.user)
        await self._follow_platform(msg.user, state)
        replies = await run_turn(self.services, self.router, msg)
        if not replies:
            if state in (QUEUED, HUMAN):
                self.metrics.silenced.labels(str(state)).inc()
            return
        results = await self.sender.send_to(open_kfid, msg.user, replies, answering=msg.msg_id)
        for result in results:
            self.services.metrics.replies.labels(
                CHANNEL, "api" if result.ok else "api_failed"
            ).inc()

    async def _follow_platform(self, user: str, state: int | None) -> None:
        """Tencent's session state decides whether a human has the customer."""
        marker = await handoff.handoff_state(self.services, CHANNEL, user)
        if state in (QUEUED, HUMAN) and marker is not handoff.HandoffState.ACTIVE:
            await handoff.hand_off(self.services, CHANNEL, user)
        elif state in SENDABLE and marker is handoff.HandoffState.ACTIVE:
            await handoff.forget(self.services, CHANNEL, user)
