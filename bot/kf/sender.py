"""Sending on 微信客服 within its rules; there is no passive reply on this channel.

kf/send_msg (Tencent 发送消息, path 94677) works only while the session is 0 (new) or 1 (bot),
within 48 h of the customer's last message, at most 5 messages after it. So before each send
the cached session state is checked and one unit of the window is spent (bot/kf/sessions.py);
what is not allowed is not sent and is counted. When Tencent still refuses, the reason is told
apart and never retried blindly:

* 95018 (session state does not allow it): a human or the queue has the session; the state is
  asked again and the bot stays silent.
* 95002 (48 h passed) / 95001 (5 sent): the window is closed until the customer writes.
* anything else: counted as an error; no answer (a timeout): counted as unknown — the message
  may have gone out, so it is not sent again.

Every message answering a pulled msgid carries a msgid of its own derived from it
(`reply_msgid`): Tencent refuses a msgid used before in the account, which makes any repeat
of the same answer harmless. kf/send_msg_on_event (event replies: the welcome, a hand-off
note) takes one message per code, text or msgmenu, and the code works once.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.kf import menus
from bot.kf.api import KfApi
from bot.kf.metrics import KfMetrics
from bot.kf.sessions import SENDABLE, KfSessions
from bot.outbound import ApiResult, Outcome
from bot.protocol import Reply

log = logging.getLogger(__name__)

SESSION_STATE = 95018
COUNT_LIMIT = 95001
TIME_LIMIT = 95002
WINDOW_CLOSED = frozenset({COUNT_LIMIT, TIME_LIMIT})


def reply_msgid(open_kfid: str, inbound_msgid: str, index: int) -> str:
    """The msgid of the `index`-th message answering `inbound_msgid`: 32 of [0-9a-z]."""
    digest = hashlib.sha1(f"{open_kfid}|{inbound_msgid}|{index}".encode()).hexdigest()
    return "sb" + digest[:30]


@dataclass
class KfSender:
    api: KfApi
    sessions: KfSessions
    metrics: KfMetrics

    async def send(self, user: str, reply: Reply) -> ApiResult:
        """`Outbound.send(Channel.KF, …)`: to the account the customer last wrote to."""
        open_kfid = await self.sessions.route(user)
        if open_kfid is None:
            return ApiResult.refused(0, "this customer never wrote to a 微信客服 account")
        results = await self.send_to(open_kfid, user, (reply,))
        return results[-1] if results else ApiResult.refused(0, "nothing to send on kf")

    async def send_to(
        self, open_kfid: str, user: str, replies: Sequence[Reply], answering: str = ""
    ) -> list[ApiResult]:
        """Each reply as kf messages, in order; stops at the first one not allowed."""
        results: list[ApiResult] = []
        bodies = [body for reply in replies for body in menus.render(reply)]
        for index, body in enumerate(bodies):
            msgid = reply_msgid(open_kfid, answering, index) if answering else ""
            result = await self._send_one(open_kfid, user, body, msgid)
            results.append(result)
            if not result.ok:
                break
        return results

    async def _send_one(
        self, open_kfid: str, user: str, body: dict[str, Any], msgid: str
    ) -> ApiResult:
        state = await self.sessions.state(open_kfid, user)
        if state is not None and state not in SENDABLE:
            return self._refused("not_allowed", SESSION_STATE, f"session state {state}")
        if not await self.sessions.take_send(open_kfid, user):
            return self._refused("not_allowed", COUNT_LIMIT, "no send left in the 48 h window")
        result = await self.api.send_msg(open_kfid, user, body, msgid)
        await self._learn(open_kfid, user, result)
        return result

    def _refused(self, label: str, errcode: int, reason: str) -> ApiResult:
        """Not sent because the rules do not allow it now: counted, not an error."""
        self.metrics.sends.labels("send_msg", label).inc()
        return ApiResult.refused(errcode, reason)

    async def _learn(self, open_kfid: str, user: str, result: ApiResult) -> None:
        label = _label(result)
        self.metrics.sends.labels("send_msg", label).inc()
        if label == "session_state":
            state = await self.sessions.refresh(open_kfid, user)
            log.info("kf/send_msg refused (95018): the session is in state %s", state)
        elif label in ("window_expired", "count_limit"):
            await self.sessions.close_window(open_kfid, user)
            log.info("kf/send_msg refused (%d): the send window is closed", result.errcode)
        elif label == "unknown":
            log.warning("kf/send_msg got no answer (%s); not sent again", result.reason)
        elif label == "error":
            log.warning("kf/send_msg refused: %s %s", result.errcode, result.reason)

    async def on_event(
        self, code: str, replies: Sequence[Reply], msgid: str = "", what: str = "event"
    ) -> ApiResult:
        """One message with an event code (welcome_code, msg_code)."""
        body = menus.render_one(replies)
        if body is None:
            return ApiResult.refused(0, "nothing to send")
        result = await self.api.send_msg_on_event(code, body, msgid)
        label = "ok" if result.ok else ("unknown" if result.outcome is Outcome.UNKNOWN else "error")
        self.metrics.sends.labels("send_msg_on_event", label).inc()
        if not result.ok:
            log.warning("kf %s message not sent: %s %s", what, result.errcode, result.reason)
        return result


def _label(result: ApiResult) -> str:
    if result.ok:
        return "ok"
    if result.outcome is Outcome.UNKNOWN:
        return "unknown"
    if result.errcode == SESSION_STATE:
        return "session_state"
    if result.errcode == TIME_LIMIT:
        return "window_expired"
    if result.errcode == COUNT_LIMIT:
        return "count_limit"
    return "error"
