"""What the bot knows of each 微信客服 conversation, in the state store (shared by workers).

* **Session state** (kf/service_state): 0 new, 1 bot, 2 queued for a human, 3 a human serves,
  4 ended. kf/send_msg works only in 0 and 1 (else 95018). The state is cached from what the
  bot did (trans), what it was told (session_status_change events) and, when it knows nothing,
  from kf/service_state/get. A customer writing into an ended session reopens it as 0, as
  Tencent does. States 2 and 3 are cached only `keys.KF_HUMAN_STATE_TTL_S` (10 minutes), then asked again, so a
  missed "session ended" event silences the bot for minutes, not for good.
* **The send window**: a customer message allows 5 kf/send_msg within 48 h of it; a newer one
  starts again at 5. The grant is set when the message is claimed (so a backlog answered later
  does not count as fresh), from the message's own send_time.
* **Route**: the account a customer last wrote to, so that `Outbound.send(KF, user, …)` (order
  notices, staff hand-back) knows which open_kfid to send from.
* **Servicers** (the hand-off rule, bot/kf/README.md): `kf.servicers` in order; one who has
  stopped receiving (servicer_status_change status 2) is skipped until they resume; the
  customer's previous servicer first, otherwise round-robin over the others.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from bot.kf.api import KfApi
from bot.state import StateStore, keys

log = logging.getLogger(__name__)

NEW, BOT, QUEUED, HUMAN, ENDED = 0, 1, 2, 3, 4
SENDABLE = frozenset({NEW, BOT})
WINDOW_S = 48 * 3600
SENDS_PER_MESSAGE = 5


@dataclass
class KfSessions:
    store: StateStore
    api: KfApi
    servicers: tuple[str, ...] = ()

    # ------------------------------------------------------------ session state

    def _state_key(self, open_kfid: str, user: str) -> str:
        return keys.KF_STATE.key(open_kfid, user)

    async def state(self, open_kfid: str, user: str) -> int | None:
        """The session state, asked of Tencent when not known; None if that failed too."""
        raw = await self.store.get(self._state_key(open_kfid, user))
        if raw is not None:
            return int(json.loads(raw)["s"])
        result = await self.api.service_state(open_kfid, user)
        if not result.ok:
            log.warning("kf/service_state/get failed (%s %s)", result.errcode, result.reason)
            return None
        state = int(result.data.get("service_state", NEW))
        await self.set_state(open_kfid, user, state, str(result.data.get("servicer_userid", "")))
        return state

    async def refresh(self, open_kfid: str, user: str) -> int | None:
        await self.store.delete(self._state_key(open_kfid, user))
        return await self.state(open_kfid, user)

    async def set_state(self, open_kfid: str, user: str, state: int, servicer: str = "") -> None:
        ttl = keys.KF_HUMAN_STATE_TTL_S if state in (QUEUED, HUMAN) else WINDOW_S
        value = json.dumps({"s": state, "by": servicer}).encode()
        await self.store.set(self._state_key(open_kfid, user), value, ttl)
        if state == HUMAN and servicer:
            key = keys.KF_SERVICER.key(open_kfid, user)
            await self.store.set(key, servicer.encode(), keys.KF_SERVICER.life_s)

    async def customer_wrote(self, open_kfid: str, user: str) -> None:
        """A customer message: remember the route; an ended session is new again."""
        await self.store.set(keys.KF_ROUTE.key(user), open_kfid.encode(), keys.KF_ROUTE.life_s)
        raw = await self.store.get(self._state_key(open_kfid, user))
        if raw is not None and int(json.loads(raw)["s"]) == ENDED:
            await self.set_state(open_kfid, user, NEW)

    async def route(self, user: str) -> str | None:
        raw = await self.store.get(keys.KF_ROUTE.key(user))
        return raw.decode() if raw else None

    # ------------------------------------------------------------ the send window

    def _quota_key(self, open_kfid: str, user: str) -> str:
        return keys.KF_QUOTA.key(open_kfid, user)

    async def grant(self, open_kfid: str, user: str, send_time: int) -> None:
        """5 sends until 48 h after the customer's message at `send_time` (none if past)."""
        left_s = send_time + WINDOW_S - self.store.clock.time()
        if left_s > 0:
            key = self._quota_key(open_kfid, user)
            await self.store.set(key, str(SENDS_PER_MESSAGE).encode(), left_s)

    async def grant_if_unknown(self, open_kfid: str, user: str, send_time: int) -> None:
        """The grant of a message claimed by a process whose state store is gone (a restart
        with memory://): nothing is known, so the message's own window applies."""
        left_s = send_time + WINDOW_S - self.store.clock.time()
        if left_s > 0:
            key = self._quota_key(open_kfid, user)
            await self.store.set_if_absent(key, str(SENDS_PER_MESSAGE).encode(), left_s)

    async def take_send(self, open_kfid: str, user: str) -> bool:
        return await self.store.take(self._quota_key(open_kfid, user))

    async def close_window(self, open_kfid: str, user: str) -> None:
        """Tencent says the window is over (48 h passed, or 5 used): nothing more until the
        customer writes again (their next message's grant replaces this 0)."""
        await self.store.set(self._quota_key(open_kfid, user), b"0", WINDOW_S)

    async def sends_left(self, open_kfid: str, user: str) -> int:
        raw = await self.store.get(self._quota_key(open_kfid, user))
        return max(0, int(raw)) if raw else 0

    # ------------------------------------------------------------ servicers

    async def set_duty(self, servicer: str, on_duty: bool) -> None:
        key = keys.KF_OFF_DUTY.key(servicer)
        if on_duty:
            await self.store.delete(key)
        else:
            await self.store.set(key, b"1", keys.KF_OFF_DUTY.life_s)

    async def on_duty(self, servicer: str) -> bool:
        return await self.store.get(keys.KF_OFF_DUTY.key(servicer)) is None

    async def pick_servicer(self, open_kfid: str, user: str) -> str | None:
        """The servicer a hand-off goes to, by the documented rule; None: the queue (state 2)."""
        available = [s for s in self.servicers if await self.on_duty(s)]
        if not available:
            return None
        previous = await self.store.get(keys.KF_SERVICER.key(open_kfid, user))
        if previous is not None and previous.decode() in available:
            return previous.decode()
        turn = await self.store.incr(keys.KF_ROUND_ROBIN.key(open_kfid))
        return available[(turn - 1) % len(available)]
