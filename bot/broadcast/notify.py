"""Telling staff how a broadcast goes: app messages to a member, posts to the staff group's robot.

WeCom 发送应用消息 (path 90236) drops messages over 30 a minute / 1000 an hour per member
*silently*, so each message first takes a unit of our own sliding limiter and gives up after
`MAX_WAIT_S` rather than queue a pile of stale progress lines. The group robot (群机器人, path
91770, `[scheduler] webhook_key`) allows 20 messages a minute; 45009 there backs off and retries.
The robot key is a credential: it never appears in a log line or a state-store key.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass

import aiohttp

from bot.outbound import ApiError
from bot.outbound.limits import (
    WECOM_WEBHOOK_PER_ROBOT,
    RateLimited,
    SlidingLimiter,
)
from bot.protocol import Channel, TextReply
from bot.services import Services

log = logging.getLogger(__name__)

MAX_WAIT_S = 20.0
WEBHOOK_RETRY_S = (2.0, 10.0)
WEBHOOK_MAX_BYTES = 2048


@dataclass
class Notifier:
    services: Services
    limiter: SlidingLimiter
    max_wait_s: float = MAX_WAIT_S

    async def tell(self, userid: str, text: str) -> bool:
        """One app message to one staff member, waiting for room within the per-member limits."""
        result = await self.services.outbound.send(
            Channel.WECOM, userid, TextReply(text), max_wait_s=self.max_wait_s
        )
        return result.ok

    async def announce(self, text: str) -> bool:
        """Post to the staff group's robot, if `[scheduler] webhook_key` is set."""
        key = self.services.config.scheduler.webhook_key
        if not key:
            return False
        robot = hashlib.sha256(key.encode()).hexdigest()[:16]
        try:
            await self.limiter.acquire(
                f"wecom:robot:{robot}", WECOM_WEBHOOK_PER_ROBOT, self.max_wait_s
            )
        except RateLimited:
            log.warning("group-robot limit reached; a notice was not posted")
            return False
        return await self._post_webhook(key, text)

    async def _post_webhook(self, key: str, text: str) -> bool:
        outbound = self.services.outbound
        url = outbound.config.api.wecom_base_url + "/cgi-bin/webhook/send"
        body = {"msgtype": "text", "text": {"content": _cut(text, WEBHOOK_MAX_BYTES)}}
        for delay in (*WEBHOOK_RETRY_S, None):
            try:
                await outbound.transport.post_json(url, body, {"key": key})
                return True
            except ApiError as exc:
                if exc.errcode != 45009 or delay is None:
                    log.warning("group-robot post refused: %d", exc.errcode)
                    return False
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                log.warning("group-robot post failed: %s", type(exc).__name__)
                return False
            await asyncio.sleep(delay)
        return False

    async def report(self, notify: str, text: str) -> None:
        """To whoever asked; config campaigns go to the robot, or else to every bot staff member."""
        if notify:
            await self.tell(notify, text)
            await self.announce(text)
            return
        if await self.announce(text):
            return
        for userid in self.services.config.wecom.staff:
            await self.tell(userid, text)


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[: limit - 3].decode("utf-8", "ignore") + "…"
