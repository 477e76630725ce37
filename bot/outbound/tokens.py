"""access_token shared by every worker without the refresh race of wechatpy #684.

The token lives in the state store. One worker at a time refreshes it, under a store lock, and the
others wait for and reuse its result. OA uses `stable_token`, which hands every caller the same
token, so even a refresh from outside shopbot does not knock our workers out.
Tencent docs: OA "获取稳定版接口调用凭据" (/cgi-bin/stable_token); WeCom "获取access_token" (/cgi-bin/gettoken).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.state import StateStore, keys

log = logging.getLogger(__name__)

EARLY_REFRESH_S = 300  # refresh five minutes before Tencent's expiry, as stable_token itself does
TOKEN_ERRORS = frozenset({40001, 40014, 42001})

Fetch = Callable[[], Awaitable[tuple[str, int]]]  # → (token, expires_in seconds)


@dataclass
class TokenCache:
    store: StateStore
    name: str  # e.g. "oa:wx123" or "wecom:ww123:1000002"
    fetch: Fetch
    refreshed: Callable[[], None] | None = None  # called after each fetch (metrics)

    @property
    def key(self) -> str:
        return keys.TOKEN.key(self.name)

    async def get(self) -> str:
        cached = await self.store.get(self.key)
        if cached:
            return cached.decode()
        async with self.store.lock(self.key, ttl_s=15, wait_s=15):
            cached = await self.store.get(self.key)  # another worker may have refreshed meanwhile
            if cached:
                return cached.decode()
            token, expires_in = await self.fetch()
            ttl = max(60, expires_in - EARLY_REFRESH_S)
            await self.store.set(self.key, token.encode(), ttl)
            log.info("access token refreshed for %s, valid %d s", self.name, expires_in)
            if self.refreshed is not None:
                self.refreshed()
            return token

    async def invalidate(self, token: str) -> None:
        """Drop `token` after Tencent refused it, unless another worker already replaced it."""
        await self.store.delete_if_equals(self.key, token.encode())
