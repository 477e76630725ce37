"""System events (origin 4) and servicer messages (origin 5) pulled from kf/sync_msg.

Tencent 接收消息和事件 (path 94670), each counted in shopbot_kf_events_total:

* enter_session → the welcome (bot/kf/welcome.py).
* session_status_change, change_type 1 (a servicer took the session from the queue), 2 (it was
  transferred), 4 (a servicer took back an ended session) → state 3: the bot stays silent (the
  hand-off marker is set, as for 人工). 3 (the session ended) → state 4: the hand-off ends, and
  when the bot had handed off, the customer is told with the event's msg_code that the bot
  answers again.
* servicer_status_change → the servicer is on (1) or off (2) duty for the hand-off rule.
* msg_send_fail → counted by fail_type; 4 (past 48 h) and 6 (over 5) close the send window,
  5 (the session was closed) marks it ended.
* A servicer's own message (origin 5) → the session is theirs (state 3).
Others (user_recall_msg, servicer_recall_msg, …) are only counted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.handlers import handoff
from bot.kf.metrics import KfMetrics
from bot.kf.sender import KfSender
from bot.kf.sessions import ENDED, HUMAN, KfSessions
from bot.kf.welcome import Welcome
from bot.protocol import Inbound, TextReply
from bot.services import Services

log = logging.getLogger(__name__)

CHANNEL = "kf"
TAKEN_BY_HUMAN = frozenset({"1", "2", "4"})
WINDOW_CLOSED_FAILS = frozenset({"4", "6"})
SESSION_CLOSED_FAIL = "5"


@dataclass
class KfEvents:
    services: Services
    sessions: KfSessions
    sender: KfSender
    welcome: Welcome
    metrics: KfMetrics

    async def handle(self, msg: Inbound) -> None:
        self.metrics.events.labels(msg.event or "unknown").inc()
        if msg.event == "enter_session":
            await self.welcome.enter(msg)
        elif msg.event == "session_status_change":
            await self._session_changed(msg)
        elif msg.event == "servicer_status_change":
            on_duty = msg.extra.get("status") != "2"
            await self.sessions.set_duty(msg.extra.get("servicer_userid", ""), on_duty)
        elif msg.event == "msg_send_fail":
            await self._send_failed(msg)

    async def servicer_wrote(self, msg: Inbound) -> None:
        self.metrics.events.labels("servicer_message").inc()
        await self.sessions.set_state(
            msg.account, msg.user, HUMAN, msg.extra.get("servicer_userid", "")
        )
        await self._silence(msg.user)

    async def _session_changed(self, msg: Inbound) -> None:
        change = msg.extra.get("change_type", "")
        if change in TAKEN_BY_HUMAN:
            servicer = msg.extra.get("new_servicer_userid", "")
            await self.sessions.set_state(msg.account, msg.user, HUMAN, servicer)
            await self._silence(msg.user)
        elif change == "3":
            await self.sessions.set_state(msg.account, msg.user, ENDED)
            await self._resume(msg)

    async def _silence(self, user: str) -> None:
        state = await handoff.handoff_state(self.services, CHANNEL, user)
        if state is not handoff.HandoffState.ACTIVE:
            await handoff.hand_off(self.services, CHANNEL, user)

    async def _resume(self, msg: Inbound) -> None:
        """The human session ended: the bot answers again, and says so if it had handed off."""
        was = await handoff.handoff_state(self.services, CHANNEL, msg.user)
        await handoff.forget(self.services, CHANNEL, msg.user)
        code = msg.extra.get("msg_code", "")
        if was is handoff.HandoffState.ACTIVE and code:
            note = (TextReply(handoff.STAFF_HANDED_BACK),)
            await self.sender.on_event(code, note, what="end-of-session")

    async def _send_failed(self, msg: Inbound) -> None:
        fail_type = msg.extra.get("fail_type", "0")
        self.metrics.send_failures.labels(fail_type).inc()
        log.warning("a kf message was not delivered (fail_type %s)", fail_type)
        if fail_type in WINDOW_CLOSED_FAILS:
            await self.sessions.close_window(msg.account, msg.user)
        elif fail_type == SESSION_CLOSED_FAIL:
            await self.sessions.set_state(msg.account, msg.user, ENDED)
