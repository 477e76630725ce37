"""The async API client: OA customer-service messages and WeCom app messages.

wechatpy's clients are synchronous (requests) and hard-code api.weixin.qq.com in places, so the
calls are made here with aiohttp against the configured base URLs; wechatpy stays our reference for
the payload shapes. Tencent docs: OA "客服消息" (/cgi-bin/message/custom/send); WeCom "发送应用消息"
(/cgi-bin/message/send).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.config import Config
from bot.outbound.payloads import oa_custom_message, wecom_app_message
from bot.outbound.quota import WECOM_MEMBER_WINDOWS, CustomerServiceQuota, RateLimiter
from bot.outbound.tokens import TOKEN_ERRORS, TokenCache
from bot.protocol import Channel, Reply
from bot.state import LockTimeout, StateStore

log = logging.getLogger(__name__)

RETRY_ERRORS = frozenset({-1, 45009, 45033})  # system busy, frequency limit, concurrency limit
RETRY_DELAYS_S = (0.5, 2.0)


class ApiError(Exception):
    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"{errcode} {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg


@dataclass(frozen=True)
class SendResult:
    ok: bool
    errcode: int = 0
    reason: str = ""


class Outbound:
    def __init__(self, config: Config, store: StateStore, session: aiohttp.ClientSession) -> None:
        self.config = config
        self.http = session
        self.cs_quota = CustomerServiceQuota(store)
        self.rates = RateLimiter(store)
        self.oa_token = TokenCache(store, f"oa:{config.oa.app_id}", self._fetch_oa_token)
        wecom = config.wecom
        self.wecom_token = TokenCache(
            store, f"wecom:{wecom.corp_id}:{wecom.agent_id}", self._fetch_wecom_token
        )

    async def send(self, channel: Channel, user: str, reply: Reply) -> SendResult:
        """Send one reply to one user outside the passive answer, within the platform's limits."""
        if channel is Channel.OA:
            return await self._send_oa(user, reply)
        return await self._send_wecom(user, reply)

    async def _send_oa(self, user: str, reply: Reply) -> SendResult:
        payload = oa_custom_message(user, reply)
        if payload is None:
            return SendResult(False, reason=f"{type(reply).__name__} has no customer-service form")
        if not await self.cs_quota.take(user):
            log.warning("customer-service quota used up for a user; message not sent")
            return SendResult(False, 45047, "customer-service quota used up")
        return await self.call_oa("/cgi-bin/message/custom/send", payload)

    async def _send_wecom(self, user: str, reply: Reply) -> SendResult:
        payload = wecom_app_message(user, self.config.wecom.agent_id, reply)
        if payload is None:
            return SendResult(False, reason=f"{type(reply).__name__} has no app-message form")
        if not await self.rates.allow(f"wecom:member:{user}", WECOM_MEMBER_WINDOWS):
            log.warning("WeCom per-member message limit reached; message not sent")
            return SendResult(False, 45009, "per-member limit of 30/min, 1000/h reached")
        return await self.call_wecom("/cgi-bin/message/send", payload)

    async def call_oa(self, path: str, payload: dict[str, Any]) -> SendResult:
        return await self._call(self.config.api.oa_base_url, path, payload, self.oa_token)

    async def call_wecom(self, path: str, payload: dict[str, Any]) -> SendResult:
        return await self._call(self.config.api.wecom_base_url, path, payload, self.wecom_token)

    async def _call(
        self, base: str, path: str, payload: dict[str, Any], tokens: TokenCache
    ) -> SendResult:
        """POST with the token; refresh once on a token error, back off on frequency errors."""
        refreshed = False
        for delay in (*RETRY_DELAYS_S, None):
            token = ""
            try:
                token = await tokens.get()
                await self.post_json(base + path, payload, {"access_token": token})
                return SendResult(True)
            except ApiError as exc:
                if exc.errcode in TOKEN_ERRORS and token and not refreshed:
                    await tokens.invalidate(token)
                    refreshed = True
                    continue
                if exc.errcode not in RETRY_ERRORS or delay is None:
                    log.warning("%s failed: %s", path, exc)
                    return SendResult(False, exc.errcode, exc.errmsg)
            # ValueError: an answer that is not JSON (a proxy's error page, say)
            except (aiohttp.ClientError, TimeoutError, ValueError, LockTimeout) as exc:
                if delay is None:
                    log.warning("%s failed: %s", path, type(exc).__name__)
                    return SendResult(False, reason=type(exc).__name__)
            await asyncio.sleep(delay or 0)
        return SendResult(False, reason="retries exhausted")

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
        wecom = self.config.wecom
        params = {"corpid": wecom.corp_id, "corpsecret": wecom.secret}
        data = await self.get_json(self.config.api.wecom_base_url + "/cgi-bin/gettoken", params)
        return str(data["access_token"]), int(data.get("expires_in", 7200))


def _checked(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ApiError(-2, "answer is not a JSON object")
    errcode = int(data.get("errcode", 0) or 0)
    if errcode:
        raise ApiError(errcode, str(data.get("errmsg", "")))
    return data
