"""Hand-off to a human (人工): the bot stays silent for that shopper until staff hand back, the
shopper says 取消人工 / 机器人, or `shop.handoff_timeout_min` passes.

The marker lives in the state store (shared by every worker), keyed by channel and user, holding
its deadline. It is kept a day past the deadline so the first message after a timeout can say
that the human session ended, instead of the bot silently starting to talk again.
On OA the first reply is `transfer_customer_service` (the message goes to the agents' console,
Tencent 客服消息转发) plus a text, sent through the API, telling the shopper a human will answer.
A channel whose platform moves the conversation itself (微信客服: bot/kf/handoff.py) plugs in a
`PlatformHandoff` under `services.extras[HOOKS_KEY][channel]`; the notes then travel with the
platform's transfer, since the bot cannot write once a human has the session.
"""

from __future__ import annotations

import json
import logging
import time
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from bot.background import AuditTrail, Coalescer
from bot.protocol import Channel, Inbound, Kind, TextReply, TransferToHuman
from bot.router import Handler, normalise_command_word
from bot.step import Context, Step

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

KEEP_AFTER_DEADLINE_S = 86400
ALERT_EVERY_S = 10.0  # staff get at most one hand-off alert this often, naming every shopper
ALERT_MAX_NAMES = 20
HUMAN_WORDS = (
    "人工",
    "转人工",
    "人工客服",
    "客服",
    "真人",
    "找客服",
    "在线客服",
    "联系客服",
    "我要找客服",
    "找人工",
    "人工服务",
    "我要人工",
    "转人工客服",
)
HAND_BACK_WORDS = (
    "取消人工",
    "机器人",
    "结束人工",
    "返回机器人",
    "转机器人",
    "不要人工",
    "智能客服",
)
_HAND_BACK = frozenset(normalise_command_word(w) for w in HAND_BACK_WORDS)

HANDED_OFF = "好的，正在为您转接人工客服，请稍候，客服会在这里直接回复您。\n（想回到智能助手，请回复“取消人工”）"
HANDED_BACK = "好的，已切换回智能助手，有什么可以帮您？"
STAFF_HANDED_BACK = "人工客服已结束本次服务，接下来由智能助手为您服务，有需要随时找我～"
TIMED_OUT = "（人工客服会话已结束，现在由智能助手为您服务。）"
NO_HUMAN_NOW = "抱歉，人工客服暂时都不在线，我先继续为您服务；稍后可以再回复“人工”试试。"
HOOKS_KEY = "handoff_hooks"


class PlatformHandoff(Protocol):
    async def transfer(self, user: str, note: str) -> bool:
        """Give the conversation to a human and tell the shopper `note`; False if nobody
        could take it (the shopper was not told)."""

    async def release(self, user: str, note: str) -> bool:
        """End the human's part and tell the shopper `note`; False if they were not told."""


def platform_handoff(services: Services, channel: str) -> PlatformHandoff | None:
    hooks = services.extras.get(HOOKS_KEY)
    return hooks.get(str(channel)) if isinstance(hooks, dict) else None


class HandoffState(Enum):
    NONE = "none"
    ACTIVE = "active"
    TIMED_OUT = "timed_out"


def marker_key(channel: str, user: str) -> str:
    return f"handoff:{channel}:{user}"


async def hand_off(services: Services, channel: str, user: str) -> None:
    """Mark `user` as talking to a human for `shop.handoff_timeout_min` minutes."""
    timeout_s = services.config.shop.handoff_timeout_min * 60
    deadline = time.time() + timeout_s
    value = json.dumps({"until": deadline}).encode()
    await services.store.set(marker_key(channel, user), value, timeout_s + KEEP_AFTER_DEADLINE_S)
    # Written in the background: a commit per 人工 inside the message was its slowest part.
    AuditTrail.of(services).record(f"shopper:{user}", "handoff.start", f"user:{channel}:{user}")


async def handoff_state(services: Services, channel: str, user: str) -> HandoffState:
    raw = await services.store.get(marker_key(channel, user))
    if raw is None:
        return HandoffState.NONE
    deadline = float(json.loads(raw).get("until", 0))
    return HandoffState.ACTIVE if time.time() < deadline else HandoffState.TIMED_OUT


async def forget(services: Services, channel: str, user: str) -> None:
    """Drop the marker without a word (the shopper unfollowed)."""
    await services.store.delete(marker_key(channel, user))


async def hand_back(services: Services, channel: str, user: str, *, actor: str = "staff") -> bool:
    """Staff (or the shopper) end the hand-off; the shopper is told the bot answers again.

    Returns False when the shopper was not handed off (nothing is sent then). For the staff
    command: `await hand_back(services, "oa", openid, actor="staff:zhangsan")`.
    """
    if not await _end(services, channel, user, actor):
        return False
    hook = platform_handoff(services, channel)
    if hook is not None:
        if not await hook.release(user, STAFF_HANDED_BACK):
            log.warning("could not tell a %s shopper the hand-off ended", channel)
        return True
    result = await services.outbound.send(Channel(channel), user, TextReply(STAFF_HANDED_BACK))
    if not result.ok:
        log.warning("could not tell a %s shopper the hand-off ended: %s", channel, result.reason)
    return True


async def _end(services: Services, channel: str, user: str, actor: str) -> bool:
    """Remove the marker; True (and an audit entry) if a hand-off was still active."""
    active = await handoff_state(services, channel, user) is HandoffState.ACTIVE
    await services.store.delete(marker_key(channel, user))
    if active:
        AuditTrail.of(services).record(actor, "handoff.end", f"user:{channel}:{user}")
    return active


async def start(msg: Inbound, ctx: Context) -> Step:
    """人工: hand the shopper to a human, leaving any dialog (its half-filled form is dropped)."""
    hook = platform_handoff(ctx.services, msg.channel)
    if hook is not None and not await hook.transfer(msg.user, HANDED_OFF):
        return Step.say(NO_HUMAN_NOW)
    await hand_off(ctx.services, str(msg.channel), msg.user)
    _staff_alerts(ctx.services, str(msg.channel)).add(msg.user)
    if hook is not None:  # the platform told the shopper
        return Step(next_state=None, reset_slots=True)
    text = TextReply(HANDED_OFF)
    replies = (TransferToHuman(), text) if msg.channel is Channel.OA else (text,)
    return Step(replies=replies, next_state=None, reset_slots=True)


def _staff_alerts(services: Services, channel: str) -> Coalescer:
    """Alerts go out in batches, one stream per channel: the first at once, the next ones
    together (bot/background.py)."""

    async def send(users: list[str]) -> None:
        await alert_staff(services, channel, users)

    return Coalescer.of(services, f"handoff_alerts:{channel}", send, ALERT_EVERY_S)


def alert_text(services: Services, channel: str, users: list[str]) -> str:
    minutes = services.config.shop.handoff_timeout_min
    flag = "" if channel == "oa" else f" --channel {channel}"
    later = (
        "在企业微信里结束会话也会交还"
        if platform_handoff(services, channel)
        else f"{minutes} 分钟后也会自动交还"
    )
    if len(users) == 1:
        return (
            f"顾客 {users[0]} 请求人工客服，请在客服工具中接待。\n"
            f"处理完回复 /handback {users[0]}{flag} 交还给智能助手（{later}）。"
        )
    listed = "、".join(users[:ALERT_MAX_NAMES])
    more = f" 等 {len(users)} 位" if len(users) > ALERT_MAX_NAMES else ""
    return (
        f"{len(users)} 位顾客请求人工客服：{listed}{more}，请在客服工具中接待。\n"
        f"处理完回复 /handback 顾客ID{flag} 交还给智能助手（{later}）。"
    )


async def alert_staff(services: Services, channel: str, users: list[str]) -> None:
    """Tell the staff in the WeCom app that shoppers are waiting, and how to hand them back."""
    if not services.config.wecom.corp_id:
        return
    text = alert_text(services, channel, users)
    for staff_id in services.config.wecom.staff:
        result = await services.outbound.send(Channel.WECOM, staff_id, TextReply(text))
        if not result.ok:
            log.warning("could not alert a staff member of a hand-off: %s", result.reason)


def gated(handler: Handler) -> Handler:
    """The shopper-facing handler, silent while a human has the conversation."""

    async def gate(msg: Inbound, ctx: Context) -> Step:
        state = await handoff_state(ctx.services, str(msg.channel), msg.user)
        if state is HandoffState.ACTIVE:
            return await _while_handed_off(msg, ctx)
        if state is HandoffState.TIMED_OUT:
            await ctx.services.store.delete(marker_key(str(msg.channel), msg.user))
            return _prefixed(TIMED_OUT, await handler(msg, ctx))
        return await handler(msg, ctx)

    gate.__name__ = getattr(handler, "__name__", "handler")
    gate.__doc__ = handler.__doc__
    return gate


async def _while_handed_off(msg: Inbound, ctx: Context) -> Step:
    if msg.kind is Kind.TEXT and normalise_command_word(msg.text) in _HAND_BACK:
        await _end(ctx.services, str(msg.channel), msg.user, f"shopper:{msg.user}")
        hook = platform_handoff(ctx.services, msg.channel)
        if hook is not None:
            await hook.release(msg.user, HANDED_BACK)
            return Step(next_state=None, reset_slots=True)
        return Step.say(HANDED_BACK, next_state=None, reset_slots=True)
    return Step()  # silent: a human answers this one


def _prefixed(note: str, step: Step) -> Step:
    first = step.replies[0] if step.replies else None
    if isinstance(first, TextReply):
        replies = (TextReply(f"{note}\n{first.text}"), *step.replies[1:])
    else:
        replies = (TextReply(note), *step.replies)
    return Step(replies, step.next_state, step.slots, step.reset_slots)


async def hand_back_word(msg: Inbound, ctx: Context) -> Step:
    """取消人工 while nobody handed the shopper off."""
    return Step.say("您现在就在和智能助手聊天，有什么可以帮您？")
