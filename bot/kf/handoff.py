"""人工 on 微信客服: the platform moves the session, and the bot then cannot write.

bot/handlers/handoff.py calls this through its platform hook (`PlatformHandoff`):

* `transfer`: kf/service_state/trans to 3 with the servicer the rule picks
  (KfSessions.pick_servicer: the customer's previous servicer, else round-robin over
  `kf.servicers` who are on duty); if none is configured or on duty, or Tencent refuses
  (95014: not a servicer on duty), to 2 — the queue, where WeCom's own assignment gives the
  customer to the next free servicer. The note to the customer goes with the msg_code the
  change answers (kf/send_msg_on_event), since send_msg no longer works in 2 or 3.
* `release` (staff /handback, or the customer's 取消人工): to 4, ending the human session, with
  the note on the end code; the customer's next message opens a new session the bot answers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.kf.api import KfApi
from bot.kf.metrics import KfMetrics
from bot.kf.sender import KfSender
from bot.kf.sessions import ENDED, HUMAN, QUEUED, SENDABLE, KfSessions
from bot.outbound import ApiResult
from bot.protocol import TextReply

log = logging.getLogger(__name__)


@dataclass
class KfHandoff:
    api: KfApi
    sessions: KfSessions
    sender: KfSender
    metrics: KfMetrics

    async def transfer(self, user: str, note: str) -> bool:
        open_kfid = await self.sessions.route(user)
        if open_kfid is None:
            return False
        servicer = await self.sessions.pick_servicer(open_kfid, user)
        if servicer is not None:
            result = await self.api.trans(open_kfid, user, HUMAN, servicer)
            if result.ok:
                await self._moved(open_kfid, user, HUMAN, servicer, result, note, "servicer")
                return True
            log.warning("kf hand-off to a servicer refused (%s); queueing", result.errcode)
        result = await self.api.trans(open_kfid, user, QUEUED)
        if result.ok:
            await self._moved(open_kfid, user, QUEUED, "", result, note, "queue")
            return True
        self.metrics.handoffs.labels("failed").inc()
        log.warning("kf hand-off failed: %s %s", result.errcode, result.reason)
        return False

    async def release(self, user: str, note: str) -> bool:
        open_kfid = await self.sessions.route(user)
        if open_kfid is None:
            return False
        state = await self.sessions.state(open_kfid, user)
        if state in SENDABLE:  # a human already ended it: just say so, within the window
            results = await self.sender.send_to(open_kfid, user, (TextReply(note),))
            return bool(results) and results[-1].ok
        result = await self.api.trans(open_kfid, user, ENDED)
        if not result.ok:
            log.warning("kf hand-back refused: %s %s", result.errcode, result.reason)
            await self.sessions.refresh(open_kfid, user)
            return False
        await self._moved(open_kfid, user, ENDED, "", result, note, "released")
        return True

    async def _moved(
        self,
        open_kfid: str,
        user: str,
        state: int,
        servicer: str,
        result: ApiResult,
        note: str,
        label: str,
    ) -> None:
        await self.sessions.set_state(open_kfid, user, state, servicer)
        self.metrics.handoffs.labels(label).inc()
        code = str(result.data.get("msg_code", ""))
        if code:
            await self.sender.on_event(code, (TextReply(note),), what="hand-off")
        else:
            log.info("kf session moved to %d without a msg_code: the customer was not told", state)
