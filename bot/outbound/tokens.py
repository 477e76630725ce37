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
from typing import TYPE_CHECKING

from bot.state import StateStore, keys

if TYPE_CHECKING:
    from bot.config import Config
    from bot.outbound.transport import Transport

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


@dataclass(frozen=True)
class AccountTokens:
    """The token of each secret the configuration holds: the OA's, the WeCom app's, and, when
    their own secrets are set, 客户联系's (externalcontact/*) and 微信客服's (kf/*); without one,
    those calls use the app's token, as WeCom allows when the app is granted them."""

    oa: TokenCache
    wecom: TokenCache
    contact: TokenCache
    kf: TokenCache

    @classmethod
    def build(
        cls,
        config: Config,
        store: StateStore,
        transport: Transport,
        refreshed: Callable[[str], None] | None = None,
    ) -> AccountTokens:
        def cache(kind: str, name: str, fetch: Fetch) -> TokenCache:
            counted = (lambda: refreshed(kind)) if refreshed else None
            return TokenCache(store, name, fetch, counted)

        api, oa, wecom = config.api, config.oa, config.wecom

        async def oa_token() -> tuple[str, int]:
            body = {"grant_type": "client_credential", "appid": oa.app_id, "secret": oa.app_secret}
            data = await transport.post_json(api.oa_base_url + "/cgi-bin/stable_token", body)
            return str(data["access_token"]), int(data.get("expires_in", 7200))

        def wecom_token(secret: str) -> Fetch:
            async def fetch() -> tuple[str, int]:
                params = {"corpid": wecom.corp_id, "corpsecret": secret}
                data = await transport.get_json(api.wecom_base_url + "/cgi-bin/gettoken", params)
                return str(data["access_token"]), int(data.get("expires_in", 7200))

            return fetch

        app = cache("wecom", f"wecom:{wecom.corp_id}:{wecom.agent_id}", wecom_token(wecom.secret))
        contact = (
            cache("contact", f"wecom:{wecom.corp_id}:contact", wecom_token(wecom.contact_secret))
            if wecom.contact_secret
            else app
        )
        kf = (
            cache("kf", f"wecom:{wecom.corp_id}:kf", wecom_token(config.kf.secret))
            if config.kf.secret
            else app
        )
        return cls(cache("oa", f"oa:{oa.app_id}", oa_token), app, contact, kf)
