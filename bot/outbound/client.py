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

from bot.clock import Clock
from bot.config import Config
from bot.metrics import Metrics
from bot.outbound.caller import ApiCaller, ApiResult
from bot.outbound.limits import WECOM_APP_PER_MEMBER, RateLimited, SlidingLimiter
from bot.outbound.payloads import oa_custom_message, wecom_app_message
from bot.outbound.quota import CustomerServiceQuota
from bot.outbound.tokens import AccountTokens
from bot.outbound.transport import Transport
from bot.protocol import Channel, Reply
from bot.state import StateStore

log = logging.getLogger(__name__)


class ChannelSender(Protocol):
    """A channel that sends through its own module (微信客服: bot/kf/sender.py)."""

    async def send(self, user: str, reply: Reply) -> ApiResult: ...


class Outbound:
    """The top of outbound calls: one reply to one user within the platform's quota and rate
    limits, through the app's one caller (tokens, retries) over its one transport (HTTP)."""

    def __init__(
        self,
        config: Config,
        store: StateStore,
        session: aiohttp.ClientSession,
        *,
        metrics: Metrics | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.config = config
        self.clock = clock or store.clock
        self.transport = Transport(session)
        self.cs_quota = CustomerServiceQuota(store)
        self.rates = SlidingLimiter(store, self.clock)
        counted = (lambda kind: metrics.token_refreshes.labels(kind).inc()) if metrics else None
        self.tokens = AccountTokens.build(config, store, self.transport, counted)
        self.caller = ApiCaller(config.api, self.transport, self.tokens, metrics)
        self.kf: ChannelSender | None = None  # set by bot/kf when [kf] is configured

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
