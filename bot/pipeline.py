"""One callback → at most one run of its handler → one answer, however often WeChat retries.

Order matters (STYLE.md: dedup, then lock, then load):
1. Dedup: the first attempt claims `dedup:<key>` atomically in the state store (shared by every
   worker), as a lease it renews while it works (bot/state/claims.py). A retry that finds the
   claim never runs the handler while its owner lives: it waits for the owner's answer and gives
   the same passive reply, or `success` when that answer went through the API. A retry that finds
   the lease run out (the owner was killed or cut off) takes the claim over and runs the handler
   itself; orders are idempotent by the dedup key, so that never orders twice.
2. Per-user lock (a lease too, so a dead worker's lock frees within seconds), session load, route,
   handle, session save; the replies leave through `said_once` (bot/said_once.py), so no sentence
   is said twice in one answer, whichever parts and sources it was put together from.
3. Reply budget: the first reply goes back passively if ready within `reply_budget_s`; otherwise
   the callback is answered `success` and every reply goes through the customer-service API.
Only the attempt that holds the claim decides passive or API, so the answer goes out once.

When the state store does not answer at all (Redis down or stalled past its timeout), the
callback gets HTTP 200 with a short apology and the handler does not run: nothing was claimed,
so nothing can be doubled when Redis returns, and the shopper knows to send it again
(README, "When Redis is down"; counted as shopbot_store_unavailable).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

from bot.business.notify import deliver_waiting, waiting_marker
from bot.protocol import Channel, Inbound, Reply, TextReply
from bot.protocol.render import render_passive
from bot.router import Router
from bot.said_once import said_once
from bot.services import Services
from bot.session import Session, check_nothing_submitted
from bot.state import LockTimeout, keys
from bot.state.claims import Claim, read_record
from bot.step import Context

log = logging.getLogger(__name__)

DEDUP_TTL_S = 120  # WeChat's three tries span ~15 s; the record outlives them eightfold
POLL_S = 0.02
STORE_DOWN_LOG_EVERY_S = 60.0
SORRY = TextReply("抱歉，系统开了个小差，请稍后再试，或回复“人工”联系客服。")
BUSY = TextReply("上一条消息还在处理中，请稍等片刻再发。")
STORE_DOWN = TextReply("抱歉，系统有点忙，这条消息没能处理，请过一两分钟再发一次。")

SYSTEM_SENDERS = frozenset({"sys", ""})  # WeCom system events; nobody to lock for or reply to


class _StoreDown(Exception):
    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


async def _within(work: asyncio.Task[Any], budget_s: float) -> None:
    """Wait until `work` is done or `budget_s` has passed, whichever comes first; `work` goes on
    either way. What `asyncio.wait((work,), timeout=budget_s)` does for one task, without its
    sets and per-call bookkeeping (once per message)."""
    loop = asyncio.get_running_loop()
    woken = loop.create_future()

    def wake(_: object = None) -> None:
        if not woken.done():
            woken.set_result(None)

    timer = loop.call_later(budget_s, wake)
    work.add_done_callback(wake)
    try:
        await woken
    finally:
        timer.cancel()
        work.remove_done_callback(wake)


def _empty(session: Session) -> bool:
    return session.state is None and not session.slots and not session.expired


class Pipeline:
    def __init__(self, services: Services, router: Router) -> None:
        self.services = services
        self.router = router
        self.clock = services.clock
        self.budget_s = services.config.server.reply_budget_s
        # A replayed callback must still find its record while its timestamp is accepted.
        self.dedup_ttl_s = max(DEDUP_TTL_S, services.config.server.max_clock_skew_s + 60)
        self._background = services.tasks
        self._store_down_logged_at = -STORE_DOWN_LOG_EVERY_S

    async def handle(self, msg: Inbound) -> str | None:
        """The plaintext XML of the passive reply, or None to answer `success`. Never raises."""
        claim = Claim(self.services.store, keys.DEDUP.key(msg.dedup_key), self.dedup_ttl_s)
        try:
            owner = await claim.take()
        except Exception as exc:  # the state store did not answer: apologise, never a 5xx
            return self._store_down(msg, exc)
        if owner:
            return await self._as_owner(claim, msg, self.budget_s)
        self.services.metrics.duplicates.labels(msg.channel).inc()
        try:
            return await self._as_retry(claim, msg)
        except _StoreDown as down:
            return self._store_down(msg, down.error)

    async def _as_owner(self, claim: Claim, msg: Inbound, budget_s: float) -> str | None:
        """Run the handler under the claim. Never raises: whatever fails after the claim (the
        store, rendering) is logged and answered `success`, never a 5xx."""
        try:
            return await self._own(claim, msg, budget_s)
        except Exception:
            log.exception(
                "a %s callback failed after its dedup claim; answered success", msg.channel
            )
            with contextlib.suppress(Exception):  # its retries get `success` too, no second run
                await claim.settle({"s": "none"})
            return None

    async def _own(self, claim: Claim, msg: Inbound, budget_s: float) -> str | None:
        started = self.clock.monotonic()
        claim.keep()
        try:
            work = asyncio.create_task(self._run(msg))
            await _within(work, budget_s)  # the task goes on past the budget
            self.services.metrics.handle_seconds.labels(msg.channel).observe(
                self.clock.monotonic() - started
            )
            if not work.done():
                if await self._settle(claim, msg, {"s": "api"}):
                    self._spawn(self._deliver_when_done(msg, work))
                    self._count(msg, "deferred")
                return None
            return await self._answer_now(claim, msg, work.result())
        finally:
            await claim.stop()

    async def _answer_now(
        self, claim: Claim, msg: Inbound, replies: tuple[Reply, ...]
    ) -> str | None:
        if not replies:
            await self._settle(claim, msg, {"s": "none"})
            return None
        xml = render_passive(replies[0], msg, int(self.clock.time()))
        ours = await self._settle(claim, msg, {"s": "passive", "xml": xml})
        self._count(msg, "passive")
        if len(replies) > 1 and ours:
            self._spawn(self._deliver(msg, replies[1:]))
        # Even when the claim was taken over, this connection may be the one WeChat still
        # waits on: the reply is the same message's, so it is given.
        return xml

    async def _settle(self, claim: Claim, msg: Inbound, record: dict[str, str]) -> bool:
        """Record the answer; False only when another attempt has taken the claim over. A store
        failure here is logged and the answer still goes out (the handler has run)."""
        try:
            if await claim.settle(record):
                return True
        except Exception:
            log.warning("could not record the answer to a %s callback", msg.channel, exc_info=True)
            return True
        self.services.metrics.claims_lost.labels(msg.channel).inc()
        log.warning("a %s callback's claim was taken over before it answered", msg.channel)
        return False

    def _store_down(self, msg: Inbound, exc: Exception) -> str | None:
        self.services.metrics.store_unavailable.labels(msg.channel).inc()
        now = self.clock.monotonic()
        if now - self._store_down_logged_at >= STORE_DOWN_LOG_EVERY_S:
            self._store_down_logged_at = now
            log.error(
                "the state store did not answer (%s); %s callbacks get an apology until it does",
                type(exc).__name__,
                msg.channel,
            )
        if msg.user in SYSTEM_SENDERS:
            return None
        self._count(msg, "store_down")
        return render_passive(STORE_DOWN, msg, int(self.clock.time()))

    async def _run(self, msg: Inbound) -> tuple[Reply, ...]:
        """Lock, load, route, handle, save. Never raises: a failure becomes an apology."""
        if msg.user in SYSTEM_SENDERS:
            return await self._run_system_event(msg)
        services = self.services
        try:
            oa = msg.channel is Channel.OA
            if oa:
                await services.outbound.cs_quota.grant(msg)
            async with services.store.lock(keys.USER.key(msg.channel, msg.user), keys.USER.life_s):
                waiting_key = waiting_marker(str(msg.channel), msg.user) if oa else None
                session, waiting = await services.sessions.load_beside(msg, waiting_key)
                if waiting is not None:
                    # The new quota carries what waited for it (bot/business/notify.py); a task
                    # only for a shopper something waits for.
                    self._spawn(self._deliver_waiting(msg))
                if session.expired:
                    session = await check_nothing_submitted(session, msg, services.db)
                # The knowledge is read here, once: every handler of this message sees one catalogue.
                ctx = Context.begin(session, services)
                route = self.router.resolve(msg, ctx)
                if route is None:
                    log.info(
                        "no handler for %s %s%s; answered success",
                        msg.channel,
                        msg.raw_type or msg.kind,
                        f"/{msg.event}" if msg.event else "",
                    )
                    return ()
                step = await self.router.dispatch(route, msg, ctx)
                after = step.apply(session)
                if not (_empty(session) and _empty(after)):  # nothing to write or to clear
                    await services.sessions.save(msg, after)
                # Every reply a sender gets is put together here last: whichever parts and
                # sources it came from, no sentence of it is said twice.
                return said_once(step.replies)
        except LockTimeout:
            log.warning("user lock busy for a %s message; asked the user to wait", msg.channel)
            return (BUSY,)
        except Exception:
            services.metrics.handler_errors.labels(msg.channel).inc()
            log.exception("handler failed for a %s %s message", msg.channel, msg.kind)
            return (SORRY,)

    async def _deliver_waiting(self, msg: Inbound) -> None:
        await deliver_waiting(self.services, msg)

    async def _run_system_event(self, msg: Inbound) -> tuple[Reply, ...]:
        """WeCom customer and group events all come from "sys": no session and no lock, or every
        new customer's welcome would queue behind the others' (each has 20 s to go out)."""
        ctx = Context.begin(Session(), self.services)
        route = self.router.resolve(msg, ctx)
        if route is None:
            log.info("no handler for %s event %s; answered success", msg.channel, msg.event)
            return ()
        try:
            return (await self.router.dispatch(route, msg, ctx)).replies
        except Exception:
            self.services.metrics.handler_errors.labels(msg.channel).inc()
            log.exception("handler failed for a %s %s event", msg.channel, msg.event)
            return ()  # nobody to apologise to

    async def _as_retry(self, claim: Claim, msg: Inbound) -> str | None:
        """A retry: wait (within the budget) for the owner's answer, never run the handler while
        the owner lives; take the claim over once its lease has run out."""
        deadline = self.clock.monotonic() + self.budget_s
        while True:
            try:
                record = read_record(await claim.store.get(claim.key))
                owner = record is None and await claim.take()
            except Exception as exc:
                raise _StoreDown(exc) from exc
            if record is None:
                if owner:
                    self.services.metrics.takeovers.labels(msg.channel).inc()
                    log.warning("took over a %s callback whose first attempt stopped", msg.channel)
                    return await self._as_owner(
                        claim, msg, max(0.2, deadline - self.clock.monotonic())
                    )
                continue  # another retry took it a moment ago: read its record
            if record.get("s") != "pending" or self.clock.monotonic() >= deadline:
                xml = record.get("xml")
                return str(xml) if xml else None
            await asyncio.sleep(POLL_S)

    async def _deliver_when_done(self, msg: Inbound, work: asyncio.Task[tuple[Reply, ...]]) -> None:
        await self._deliver(msg, await work)

    async def _deliver(self, msg: Inbound, replies: tuple[Reply, ...]) -> None:
        for reply in replies:
            try:
                result = await self.services.outbound.send(msg.channel, msg.user, reply)
            except Exception:  # a background task has nobody to raise to: log, count, go on
                log.exception("sending a %s reply through the API failed", msg.channel)
                self._count(msg, "api_failed")
                continue
            self._count(msg, "api" if result.ok else "api_failed")

    def _count(self, msg: Inbound, mode: str) -> None:
        self.services.metrics.replies.labels(msg.channel, mode).inc()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self._background.spawn(coro)
