"""Pulling kf/sync_msg: one puller per open_kfid at a time, across workers and restarts.

A `kf_msg_or_event` callback (or the periodic pull) calls `wake`. That sets the account's
wake flag, keeps the callback's Token (sync_msg accepts it for 10 minutes; without one the
call is strictly rate-limited), and tries to take the account's lease in the state store.
Whoever holds the lease pulls until the flag stays down; a callback that finds the lease
taken just leaves the flag up for the holder, who checks it again after releasing (so a
callback arriving at that moment is not lost). So two callbacks for the same batch on two
workers cause one pull, and their messages are claimed once.

One pull follows `has_more` page by page (an empty page may still say has_more). Each page is
claimed and the cursor moved in one transaction (bot/kf/ledger.py), then handed to the inbox.
A sync_msg error or timeout leaves the cursor where it was and is retried after 1, 2, 4, 8 and
16 s; after that the pull gives up and the next callback or periodic pull starts again from
the same cursor. A stale Token (95007) is dropped and the pull goes on without it. The lease
(60 s, renewed after each page) only guards against waste: if it ran out mid-pull, the
cursor's compare-and-set still lets only one of two pullers claim a page.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field

from bot.kf.api import KfApi, Page
from bot.kf.inbox import Inbox
from bot.kf.ledger import CursorMoved, KfLedger
from bot.kf.metrics import KfMetrics
from bot.outbound import ApiResult, Outcome
from bot.state import StateStore, keys

log = logging.getLogger(__name__)

LEASE_S = 60.0
BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 16.0)
INVALID_MSG_TOKEN = 95007
MAX_STILL_PAGES = 3  # has_more with the cursor not moving: Tencent's hiccup, or a loop


class _StaleToken(Exception):
    pass


@dataclass
class Puller:
    store: StateStore
    api: KfApi
    ledger: KfLedger
    inbox: Inbox
    metrics: KfMetrics
    backoff_s: tuple[float, ...] = field(default=BACKOFF_S)

    async def wake(self, open_kfid: str, token: str = "") -> None:
        if token:
            await self.store.set(
                keys.KF_CALLBACK_TOKEN.key(open_kfid), token.encode(), keys.KF_CALLBACK_TOKEN.life_s
            )
        await self.store.set(
            keys.KF_WAKE.key(open_kfid), secrets.token_bytes(8), keys.KF_WAKE.life_s
        )
        await self._pull_while_woken(open_kfid)

    async def _pull_while_woken(self, open_kfid: str) -> None:
        wake_key, lease_key = keys.KF_WAKE.key(open_kfid), keys.KF_LEASE.key(open_kfid)
        while await self.store.get(wake_key) is not None:
            lease = secrets.token_bytes(12)
            if not await self.store.set_if_absent(lease_key, lease, LEASE_S):
                return  # the holder pulls, and sees the flag before it lets go
            try:
                while (flag := await self.store.get(wake_key)) is not None:
                    await self.store.delete_if_equals(wake_key, flag)
                    await self._pull_all(open_kfid, lease_key, lease)
            finally:
                await self.store.delete_if_equals(lease_key, lease)

    async def _pull_all(self, open_kfid: str, lease_key: str, lease: bytes) -> None:
        cursor = await self.ledger.cursor(open_kfid)
        still = 0
        while True:
            page = await self._page(open_kfid, cursor)
            if page is None:
                return
            next_cursor = page.next_cursor or cursor
            try:
                claimed = await self.ledger.claim(open_kfid, cursor, next_cursor, page.items)
            except CursorMoved:
                self.metrics.pulls.labels("cursor_moved").inc()
                cursor = await self.ledger.cursor(open_kfid)
                continue
            self.metrics.pulled.labels("any", "seen").inc(len(page.items) - len(claimed))
            await self.inbox.accept(open_kfid, claimed)
            await self._renew(lease_key, lease)
            still = still + 1 if next_cursor == cursor else 0
            cursor = next_cursor
            if not page.has_more or still >= MAX_STILL_PAGES:
                return

    async def _page(self, open_kfid: str, cursor: str) -> Page | None:
        """One page, retried with back-off; None when the pull gives up for now."""
        delays = [0.0, *self.backoff_s]
        stale_tokens = 0
        while delays:
            delay = delays.pop(0)
            if delay:
                await asyncio.sleep(delay)
            try:
                result = await self._sync(open_kfid, cursor)
            except _StaleToken:
                stale_tokens += 1
                if stale_tokens <= 2:
                    delays.insert(0, 0.0)  # at once again, without the token
                continue
            if result.ok:
                self.metrics.pulls.labels("ok").inc()
                return Page.of(result.data)
            label = "unknown" if result.outcome is Outcome.UNKNOWN else "error"
            self.metrics.pulls.labels(label).inc()
            log.warning("kf/sync_msg failed (%s %s); cursor kept", result.errcode, result.reason)
        log.warning("kf/sync_msg kept failing; the next callback or poll pulls again")
        return None

    async def _sync(self, open_kfid: str, cursor: str) -> ApiResult:
        token_key = keys.KF_CALLBACK_TOKEN.key(open_kfid)
        token = (await self.store.get(token_key) or b"").decode()
        result = await self.api.sync_msg(open_kfid, cursor, token)
        if token and result.errcode == INVALID_MSG_TOKEN:
            self.metrics.pulls.labels("token_stale").inc()
            await self.store.delete_if_equals(token_key, token.encode())
            raise _StaleToken
        return result

    async def _renew(self, lease_key: str, lease: bytes) -> None:
        if await self.store.get(lease_key) == lease:
            await self.store.set(lease_key, lease, LEASE_S)
