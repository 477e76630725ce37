"""Telling a shopper something the shop did (paid, shipped, a ticket moved): now, or with their
next message when the customer-service quota is used up.

On OA a message the bot starts needs quota (PLATFORM.md): 5 per shopper message for 48 h,
unlimited for 48 h after a payment; 微信客服 allows 5 in the 48 hours after the customer's
message. When Tencent (or our own count) refuses for quota or the window (QUOTA_ERRCODES), the
notice is kept in the database (`db.notices`, one per topic, the newest) and a marker in the
state store says so; the pipeline (OA) and the 微信客服 inbox call `deliver_waiting` for a
shopper message when the marker is there (the pipeline reads it beside the session, in the same
state-store call, and starts no task for a shopper nothing waits for). Any other failure is
logged and dropped: the change itself is stored either way and "我的订单" / "售后进度" show it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.protocol import Channel, Inbound, TextReply
from bot.state import keys

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

# OA: quota used up, outside the 48-hour window; 微信客服: 5 sent, 48 hours passed.
QUOTA_ERRCODES = frozenset({45047, 45015, 95001, 95002})


def waiting_marker(channel: str, user: str) -> str:
    """The state-store key that says notices wait for this shopper's next message."""
    return keys.NOTICES.key(channel, user)


async def tell(services: Services, channel: str, user: str, text: str, *, topic: str) -> bool:
    """Send `text` to one shopper; True if it went out now, False if held or failed."""
    result = await services.outbound.send(Channel(channel), user, TextReply(text))
    if result.ok:
        return True
    if result.errcode in QUOTA_ERRCODES:
        await services.db.notices.hold(channel, user, topic, text)
        await services.store.set(waiting_marker(channel, user), b"1", keys.NOTICES.life_s)
        log.info("a %s notice (%s) waits for the shopper's next message", channel, topic)
        return False
    log.warning(
        "could not notify a %s shopper (%s): %s %s", channel, topic, result.errcode, result.reason
    )
    return False


async def deliver_waiting(services: Services, msg: Inbound) -> int:
    return await deliver_waiting_to(services, str(msg.channel), msg.user)


async def deliver_waiting_to(services: Services, channel: str, user: str) -> int:
    """The shopper wrote, so there is quota again: send what waited for it; how many went.

    Each notice is claimed before it is sent, so two messages arriving together send it once;
    one that could not be sent is put back for the next message."""
    if await services.store.get(waiting_marker(channel, user)) is None:
        return 0
    notices = services.db.notices
    sent, waiting = 0, await notices.waiting(channel, user)
    for notice in waiting:
        if not await notices.claim(notice.id):
            continue  # another message of this shopper is sending it
        result = await services.outbound.send(Channel(channel), user, TextReply(notice.text))
        if not result.ok:
            await notices.restore(notice)  # it, and those after it, wait for the next message
            break
        sent += 1
    if not await notices.waiting(channel, user):
        await services.store.delete(waiting_marker(channel, user))
    return sent
