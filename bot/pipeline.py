"""One callback → at most one run of its handler → one answer, however often WeChat retries.

Order matters (STYLE.md: dedup, then lock, then load):
1. Dedup: the first attempt claims `dedup:<key>` atomically in the state store (shared by every
   worker). A retry that finds the claim never runs the handler: it waits for the first attempt's
   record and gives the same passive reply, or `success` when that answer went through the API.
2. Per-user lock, session load, route, handle, session save.
3. Reply budget: the first reply goes back passively if ready within `reply_budget_s`; otherwise
   the callback is answered `success` and every reply goes through the customer-service API.
Only the attempt that ran the handler decides passive or API, so the answer goes out exactly once.
If that worker dies mid-way, the claim expires with nobody having answered: we prefer a lost reply
to a doubled order.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Coroutine
from typing import Any

from bot.background import TaskSet
from bot.business.notify import deliver_waiting
from bot.protocol import Channel, Inbound, Kind, Reply, TextReply
from bot.protocol.render import render_passive
from bot.router import Handler, Router
from bot.services import Services
from bot.session import Session
from bot.state import LockTimeout
from bot.stats import INTENT_PREFIX, DailyStats
from bot.step import RECOGNISED_INTENT, Context

log = logging.getLogger(__name__)

DEDUP_TTL_S = 120  # WeChat's three tries span ~15 s; the record outlives them eightfold
USER_LOCK_TTL_S = 30
POLL_S = 0.02
SORRY = TextReply("抱歉，系统开了个小差，请稍后再试，或回复“人工”联系客服。")
BUSY = TextReply("上一条消息还在处理中，请稍等片刻再发。")

_PENDING = b'{"s":"pending"}'
SYSTEM_SENDERS = frozenset({"sys", ""})  # WeCom system events; nobody to lock for or reply to


def _empty(session: Session) -> bool:
    return session.state is None and not session.slots and not session.expired


class Pipeline:
    def __init__(self, services: Services, router: Router) -> None:
        self.services = services
        self.router = router
        self.budget_s = services.config.server.reply_budget_s
        # A replayed callback must still find its record while its timestamp is accepted.
        self.dedup_ttl_s = max(DEDUP_TTL_S, services.config.server.max_clock_skew_s + 60)
        self._background = TaskSet.of(services)

    async def handle(self, msg: Inbound) -> str | None:
        """The plaintext XML of the passive reply, or None to answer `success`."""
        key = f"dedup:{msg.dedup_key}"
        store = self.services.store
        if not await store.set_if_absent(key, _PENDING, self.dedup_ttl_s):
            self.services.metrics.duplicates.labels(msg.channel).inc()
            return await self._answer_of_first_attempt(key)
        try:
            return await self._first_attempt(key, msg)
        except Exception:  # the store or rendering failed after the claim: answer, never 500
            log.exception(
                "a %s callback failed after its dedup claim; answered success", msg.channel
            )
            with contextlib.suppress(Exception):
                await self._record(key, {"s": "none"})
            return None

    async def _first_attempt(self, key: str, msg: Inbound) -> str | None:
        started = time.perf_counter()
        work = asyncio.create_task(self._run(msg))
        await asyncio.wait((work,), timeout=self.budget_s)  # the task goes on past the budget
        self.services.metrics.handle_seconds.labels(msg.channel).observe(
            time.perf_counter() - started
        )
        if not work.done():
            await self._record(key, {"s": "api"})
            self._spawn(self._deliver_when_done(msg, work))
            self._count(msg, "deferred")
            return None
        return await self._answer_now(key, msg, work.result())

    async def _answer_now(self, key: str, msg: Inbound, replies: tuple[Reply, ...]) -> str | None:
        if not replies:
            await self._record(key, {"s": "none"})
            return None
        xml = render_passive(replies[0], msg)
        await self._record(key, {"s": "passive", "xml": xml})
        self._count(msg, "passive")
        if len(replies) > 1:
            self._spawn(self._deliver(msg, replies[1:]))
        return xml

    async def _run(self, msg: Inbound) -> tuple[Reply, ...]:
        """Lock, load, route, handle, save. Never raises: a failure becomes an apology."""
        if msg.user in SYSTEM_SENDERS:
            return await self._run_system_event(msg)
        services = self.services
        try:
            if msg.channel is Channel.OA:
                await services.outbound.cs_quota.grant(msg)
                # The new quota carries what waited for it (bot/business/notify.py).
                self._spawn(self._deliver_waiting(msg))
            async with services.store.lock(f"user:{msg.channel}:{msg.user}", USER_LOCK_TTL_S):
                session = await services.sessions.load(msg)
                ctx = Context(session, services)
                handler = self.router.resolve(msg, ctx)
                if handler is None:
                    log.info(
                        "no handler for %s %s%s; answered success",
                        msg.channel,
                        msg.raw_type or msg.kind,
                        f"/{msg.event}" if msg.event else "",
                    )
                    return ()
                step = await handler(msg, ctx)
                after = step.apply(session)
                if not (_empty(session) and _empty(after)):  # nothing to write or to clear
                    await services.sessions.save(msg, after)
                await self._count_for_stats(msg, ctx, handler)
                return step.replies
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
        ctx = Context(Session(), self.services)
        handler = self.router.resolve(msg, ctx)
        if handler is None:
            log.info("no handler for %s event %s; answered success", msg.channel, msg.event)
            return ()
        try:
            return (await handler(msg, ctx)).replies
        except Exception:
            self.services.metrics.handler_errors.labels(msg.channel).inc()
            log.exception("handler failed for a %s %s event", msg.channel, msg.event)
            return ()  # nobody to apologise to

    async def _count_for_stats(self, msg: Inbound, ctx: Context, handler: Handler) -> None:
        """Today's numbers for /stats and /metrics: shopper messages (the OA and 微信客服; WeCom
        is staff), their recognised intents, fallbacks."""
        if msg.channel is Channel.WECOM or msg.kind is Kind.EVENT:
            return
        stats = DailyStats.of(self.services)
        metrics = self.services.metrics
        await stats.count("messages")
        intent = ctx.match_cache.get(RECOGNISED_INTENT)
        if intent:
            await stats.count(INTENT_PREFIX + str(intent))
            metrics.intents.labels(msg.channel, str(intent)).inc()
        if handler is self.router.fallback_handler:
            await stats.count("fallback")
            metrics.fallbacks.labels(msg.channel).inc()

    async def _answer_of_first_attempt(self, key: str) -> str | None:
        """A retry: wait (within the budget) for what the first attempt answered, never re-run."""
        deadline = time.monotonic() + self.budget_s
        while True:
            raw = await self.services.store.get(key)
            record = json.loads(raw) if raw else {"s": "gone"}
            if record["s"] != "pending" or time.monotonic() >= deadline:
                xml = record.get("xml")
                return str(xml) if xml else None
            await asyncio.sleep(POLL_S)

    async def _record(self, key: str, record: dict[str, str]) -> None:
        await self.services.store.set(
            key, json.dumps(record, ensure_ascii=False).encode(), self.dedup_ttl_s
        )

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
