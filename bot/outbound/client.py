"""The async API client: OA customer-service messages and WeCom app messages.

wechatpy's clients are synchronous (requests) and hard-code api.weixin.qq.com in places, so the
calls are made here with aiohttp against the configured base URLs; wechatpy stays our reference for
the payload shapes. Tencent docs: OA "客服消息" (/cgi-bin/message/custom/send); WeCom "发送应用消息"
(/cgi-bin/message/send).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

import aiohttp

from bot.config import Config
from bot.metrics import Metrics
from bot.outbound.caller import ApiCaller, ApiResult
from bot.outbound.errors import ApiError
from bot.outbound.limits import WECOM_APP_PER_MEMBER, RateLimited, SlidingLimiter
from bot.outbound.payloads import oa_custom_message, wecom_app_message
from bot.outbound.quota import CustomerServiceQuota
from bot.outbound.tokens import Fetch, TokenCache
from bot.protocol import Channel, Reply
from bot.state import StateStore

log = logging.getLogger(__name__)


class ChannelSender(Protocol):
    """A channel that sends through its own module (微信客服: bot/kf/sender.py)."""

    async def send(self, user: str, reply: Reply) -> ApiResult: ...


class Outbound:
    def __init__(
        self,
        config: Config,
        store: StateStore,
        session: aiohttp.ClientSession,
        *,
        metrics: Metrics | None = None,
    ) -> None:
        self.config = config
        self.http = session
        self.metrics = metrics
        self.cs_quota = CustomerServiceQuota(store)
        self.rates = SlidingLimiter(store)
        self.oa_token = self._tokens(store, "oa", f"oa:{config.oa.app_id}", self._fetch_oa_token)
        wecom = config.wecom
        app = f"wecom:{wecom.corp_id}:{wecom.agent_id}"
        self.wecom_token = self._tokens(store, "wecom", app, self._fetch_wecom_token)
        # externalcontact/* wants the customer-contact secret's token when one is configured.
        contact = f"wecom:{wecom.corp_id}:contact"
        self.contact_token = (
            self._tokens(store, "contact", contact, self._fetch_contact_token)
            if wecom.contact_secret
            else self.wecom_token
        )
        # kf/* wants the token of the secret configured for 微信客服, else the app's own.
        self.kf_token = (
            self._tokens(store, "kf", f"wecom:{wecom.corp_id}:kf", self._fetch_kf_token)
            if config.kf.secret
            else self.wecom_token
        )
        self.kf: ChannelSender | None = None  # set by bot/kf when [kf] is configured
        self.caller = ApiCaller(self)

    def _tokens(self, store: StateStore, kind: str, name: str, fetch: Fetch) -> TokenCache:
        metrics = self.metrics
        counted = (lambda: metrics.token_refreshes.labels(kind).inc()) if metrics else None
        return TokenCache(store, name, fetch, counted)

    async def send(
        self, channel: Channel, user: str, reply: Reply, *, max_wait_s: float = 0.0
    ) -> ApiResult:
        """Send one reply to one user outside the passive answer, within the platform's limits.

        WeCom drops app messages over a member's limit silently, so one that finds no room within
        `max_wait_s` is refused here (45009) instead of being sent to vanish.
        """
        if channel is Channel.OA:
            return await self._send_oa(user, reply)
        if channel is Channel.KF:
            if self.kf is None:
                return ApiResult.refused(0, "the 微信客服 channel is not configured")
            return await self.kf.send(user, reply)
        return await self._send_wecom(user, reply, max_wait_s)

    async def _send_oa(self, user: str, reply: Reply) -> ApiResult:
        payload = oa_custom_message(user, reply)
        if payload is None:
            return ApiResult.refused(0, f"{type(reply).__name__} has no customer-service form")
        if not await self.cs_quota.take(user):
            log.warning("customer-service quota used up for a user; message not sent")
            return ApiResult.refused(45047, "customer-service quota used up")
        return await self.call_oa("/cgi-bin/message/custom/send", payload)

    async def _send_wecom(self, user: str, reply: Reply, max_wait_s: float) -> ApiResult:
        payload = wecom_app_message(user, self.config.wecom.agent_id, reply)
        if payload is None:
            return ApiResult.refused(0, f"{type(reply).__name__} has no app-message form")
        try:
            await self.rates.acquire(f"wecom:member:{user}", WECOM_APP_PER_MEMBER, max_wait_s)
        except RateLimited:
            log.warning("WeCom per-member message limit reached; message not sent")
            return ApiResult.refused(45009, "per-member limit of 30/min, 1000/h reached")
        return await self.call_wecom("/cgi-bin/message/send", payload)

    async def call_oa(
        self, path: str, payload: dict[str, Any], *, idempotent: bool = False
    ) -> ApiResult:
        return await self.caller.oa(path, payload, idempotent=idempotent)

    async def call_wecom(
        self, path: str, payload: dict[str, Any], *, idempotent: bool = False
    ) -> ApiResult:
        return await self.caller.wecom(path, payload, idempotent=idempotent)

    async def post_json(
        self, url: str, payload: dict[str, Any], params: dict[str, str] | None = None
    ) -> dict[str, Any]:
        async with self.http.post(url, json=payload, params=params) as response:
            return _checked(await response.json(content_type=None))

    async def get_json(self, url: str, params: dict[str, str]) -> dict[str, Any]:
        async with self.http.get(url, params=params) as response:
            return _checked(await response.json(content_type=None))

    async def _fetch_oa_token(self) -> tuple[str, int]:
        oa = self.config.oa
        body = {"grant_type": "client_credential", "appid": oa.app_id, "secret": oa.app_secret}
        data = await self.post_json(self.config.api.oa_base_url + "/cgi-bin/stable_token", body)
        return str(data["access_token"]), int(data.get("expires_in", 7200))

    async def _fetch_wecom_token(self) -> tuple[str, int]:
        return await self._fetch_wecom_secret_token(self.config.wecom.secret)

    async def _fetch_contact_token(self) -> tuple[str, int]:
        return await self._fetch_wecom_secret_token(self.config.wecom.contact_secret)

    async def _fetch_kf_token(self) -> tuple[str, int]:
        return await self._fetch_wecom_secret_token(self.config.kf.secret)

    async def _fetch_wecom_secret_token(self, secret: str) -> tuple[str, int]:
        params = {"corpid": self.config.wecom.corp_id, "corpsecret": secret}
        data = await self.get_json(self.config.api.wecom_base_url + "/cgi-bin/gettoken", params)
        return str(data["access_token"]), int(data.get("expires_in", 7200))


def _checked(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ApiError(-2, "answer is not a JSON object")
    errcode = int(data.get("errcode", 0) or 0)
    if errcode:
        raise ApiError(errcode, str(data.get("errmsg", "")))
    return data
