"""Hand-off to a human (人工): the bot stays silent for that shopper until staff hand back, the
shopper says 取消人工 / 机器人, or `shop.handoff_timeout_min` passes.

The marker lives in the state store (shared by every worker), keyed by channel and user, holding
its deadline and a copy of the conversation at the moment of the hand-off (the dialog state and
its values: the cart, the receiver typed so far). It is kept a day past the deadline (or past a
hand-back), so the first message after the human part can say so, and a cart whose session ran
out while a human talked is put back: the shopper continues where they stopped.
On OA the first reply is `transfer_customer_service` (the message goes to the agents' console,
Tencent 客服消息转发) plus a text, sent through the API, telling the shopper a human will answer.

Staff are alerted in the WeCom app with the shopper's last messages (phone numbers masked), what
was under way (the cart, the after-sales form, or the latest order) and the /handback command,
naming the shopper by a short number (`顾客 #17`), never by openid.
While the shopper waits, the bot does not answer for the human, but on OA it never leaves a new
question unheard: a question or request ("我上周买的东西能退吗") gets `QUEUED_QUESTION`, which says
the human is still coming and how to have the bot answer it now; the question is kept in the
marker and answered when the shopper leaves the queue, as is a question asked in the message
that leaves it ("算了不用人工了 快递单号多少"). A nudge ("人呢", "在吗") after
`WAIT_NOTICE_S` without a word gets one short "已经通知客服了" (`WAITING`: staff were alerted, which
is true; never a promise of when a human comes), at most that often; a plain 好的 / 谢谢 gets
nothing. The shopper leaves the queue with any way of saying so ("算了等不了 取消人工", "不用人工
了", "不要客服了": `leaves_the_human`), not only the exact words. On OA a
message reaches the bot only while the shopper is still queued (WeChat forwards everything
straight to the console once an agent has taken the session), so the notice never talks over a
human; on WeCom and 微信客服 the bot cannot tell, and stays silent.
A channel whose platform moves the conversation itself (微信客服: bot/kf/handoff.py) plugs in a
`PlatformHandoff` under `services.platform_handoffs[channel]`; the notes then travel with the
platform's transfer, since the bot cannot write once a human has the session.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from bot.background import Coalescer
from bot.dialogs.conversation import Conversation, texts
from bot.protocol import Channel, Inbound, Kind, TextReply, TransferToHuman
from bot.router import Handler, Middleware, Route, Router, normalise_command_word
from bot.session import Session
from bot.state import jsonbytes, keys
from bot.step import KEEP, Context, Step
from bot.storage.masking import mask_phone

if TYPE_CHECKING:
    from bot.dialogs import Dialogs
    from bot.services import Services

log = logging.getLogger(__name__)

KEEP_AFTER_DEADLINE_S = 86400
HEARD_KEPT = 5  # the shopper's last messages quoted to staff
ALERT_EVERY_S = 10.0  # staff get at most one hand-off alert this often, naming every shopper
ALERT_MAX_NAMES = 20
ALERT_DETAILED = 3  # shoppers shown with their messages and cart in one alert (2048 bytes)
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
    "找真人",
    "真人客服",
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
_HUMAN = frozenset(normalise_command_word(w) for w in HUMAN_WORDS)
_LEAVE_HUMAN = re.compile(
    r"(?:取消|不要|不用|不需要|不找|不转|不等|结束|退出)(?:了)?(?:转|找|等)?(?:人工|客服|真人)"
    r"|(?:人工|客服|真人)(?:客服)?(?:就|也)?(?:不用|不要|不需要|不找|不等|取消)(?:了|啦)?"
    r"(?:吧|啊)?(?=$|[\s，,。.!！~～])"
    r"|(?:回到|返回|转回?|切回|切换回?|换回)(?:到)?(?:机器人|智能助手|智能客服)"
)
"""Leaving the human queue in the shopper's words ("算了等不了 取消人工", "不用人工了", "客服不
用了 我自己看"); "不要机器人 我要人工" is no such wish."""
_NUDGE = re.compile(
    r"^(?:(?:还|到底)?在(?:吗|不在|不|没)|(?:客服|人工|人)(?:呢|在吗|在不在)|有人(?:吗|没|在吗)?"
    r"|有没有人|怎么(?:还)?没人(?:理|回|回复)?|(?:还要|要|还得)?等(?:多久|好久|半天)(?:了|啊)?"
    r"|多久(?:来|到)|快点|你好|您好|hello|hi|喂|急|[啊呀了哈呢吗]|[?？])+$"
)
"""Asking for the human ("人呢", "在吗 怎么没人理"): WAITING's rule, not a question to pass on."""
_CLAUSES = re.compile(r"[\s，,。.!！~～;；]+")
_FILLER = re.compile(
    r"^(?:算了|那|那就|好吧|好|行|唉|哎|太慢了|等不了|不等了|你?帮我(?:看看|查查|查一下|看一下)"
    r"|我(?:自己)?(?:查|看|来|弄|问你)(?:吧|一下|下)?|还是|吧|了|啊|呀)*$"
)
"""What is said around leaving the queue that asks nothing ("算了", "我自己查吧")."""
KEPT_QUESTIONS = 3
"""Questions acknowledged with QUEUED_QUESTION, kept to be answered when the shopper leaves."""
_OK = re.compile(r"^(?:好的?|嗯+|哦+|噢|ok|okay|行|可以|收到|知道了|谢谢|谢了|好吧|那好)+$")
"""A plain 好的 / 谢谢 while waiting needs no answer."""
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")

_NAMES_THE_HUMAN = re.compile(r"客服|人工|真人|经理|领导")
STILL_HERE = "在的在的，我一直在～您直接说想买什么、要办什么就行；想找人工客服，回复“人工”。"
"""人呢 in the middle of a talk: the bot is there, and the way to a human is said."""
QUEUED_AGAIN = (
    "这条也收到了，客服接入后会看到；不想等的话回复“取消人工”。",
    "好的，也记下了～客服接入后会一起看。",
)
"""Later questions while queued: acknowledged, never with QUEUED_QUESTION word for word again."""
HANDED_OFF = "好的，正在为您转接人工客服，请稍候，客服会在这里直接回复您。"
KEPT = "刚才{what}都帮您留着，回来后可以接着办。"
BACK_TO_BOT = "（想回到智能助手，请回复“取消人工”）"
HANDED_BACK = "好的，已切换回智能助手，有什么可以帮您？"
BACK_TO_ANSWER = "好的，已切换回智能助手，先回答您刚才的问题："
BACK_AND_ANSWER = "好的，已切换回智能助手。"
WELCOME_BACK = "好的，已切换回智能助手。我们接着来："
STAFF_HANDED_BACK = "人工客服已结束本次服务，接下来由智能助手为您服务，有需要随时找我～"
STAFF_HANDED_BACK_KEPT = (
    "人工客服已结束本次服务，接下来由智能助手为您服务。刚才没办完的还帮您留着，直接回复就能接着办～"
)
TIMED_OUT = "（人工客服会话已结束，现在由智能助手为您服务。）"
NO_HUMAN_NOW = "抱歉，人工客服暂时都不在线，我先继续为您服务；稍后可以再回复“人工”试试。"
WAITING = "已经通知客服了，请再稍等一下～不想等了可以回复“取消人工”，我继续为您服务。"
QUEUED_QUESTION = (
    "收到～人工客服还在接入中，请稍等。不想等的话回复“取消人工”，我马上为您解答这个问题。"
)
WAIT_NOTICE_S = 180
"""Quiet time after the hand-off (or the last WAITING) before a waiting shopper hears WAITING."""


_CALLS_IT_OFF = re.compile(
    r"(?:那|哎|唉|嗯)?[\s，,]*"
    r"(?:(?:算了|算啦|算了吧|不用了|不要了|不等了|不需要了|取消吧|取消|先不用了)[\s，,。.!！~～]*)+"
)
"""A bare "never mind" while waiting for a human ("算了不用了 取消吧", "不用了"): the request for
the human is what it calls off; nothing else is under way to cancel."""


def leaves_the_human(text: str) -> bool:
    """The shopper wants the bot back (or no human after all), said any way."""
    said = normalise_command_word(text)
    return said in _HAND_BACK or bool(_LEAVE_HUMAN.search(said))


class PlatformHandoff(Protocol):
    async def transfer(self, user: str, note: str) -> bool:
        """Give the conversation to a human and tell the shopper `note`; False if nobody
        could take it (the shopper was not told)."""

    async def release(self, user: str, note: str) -> bool:
        """End the human's part and tell the shopper `note`; False if they were not told."""


def platform_handoff(services: Services, channel: str) -> PlatformHandoff | None:
    return services.platform_handoffs.get(str(channel))


class HandoffState(Enum):
    NONE = "none"
    ACTIVE = "active"
    TIMED_OUT = "timed_out"
    ENDED = "ended"  # staff or the shopper handed back; the next message picks up from here


def marker_key(channel: str, user: str) -> str:
    return keys.HANDOFF.key(channel, user)


def heard_key(channel: str, user: str) -> str:
    return keys.HEARD.key(channel, user)


async def _marker(services: Services, channel: str, user: str) -> dict[str, Any] | None:
    return _marker_record(await services.store.get(marker_key(channel, user)))


def _marker_record(raw: bytes | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        data = jsonbytes.loads(raw)
    except ValueError:
        return {"until": 0}
    return data if isinstance(data, dict) else {"until": 0}


async def hand_off(
    services: Services,
    channel: str,
    user: str,
    parked: Session | None = None,
    *,
    summary: str | None = None,
) -> None:
    """Mark `user` as talking to a human for `shop.handoff_timeout_min` minutes, keeping a copy
    of the conversation under way (`parked`) for when they come back, and what it is about
    (`summary`, the cart or request) for the staff alert."""
    timeout_s = services.config.shop.handoff_timeout_min * 60
    now = services.clock.time()
    record: dict[str, Any] = {"until": now + timeout_s, "told": now}
    if parked is not None and parked.state:
        record["session"] = {"state": parked.state, "slots": dict(parked.slots)}
    if summary:
        record["summary"] = summary
    value = json.dumps(record, ensure_ascii=False).encode()
    await services.store.set(marker_key(channel, user), value, timeout_s + KEEP_AFTER_DEADLINE_S)
    # Written in the background: a commit per 人工 inside the message was its slowest part.
    services.write_behind.audit(f"shopper:{user}", "handoff.start", f"user:{channel}:{user}")


async def handoff_state(services: Services, channel: str, user: str) -> HandoffState:
    return _state_of(await _marker(services, channel, user), services.clock.time())


def _state_of(record: dict[str, Any] | None, now: float) -> HandoffState:
    if record is None:
        return HandoffState.NONE
    if record.get("ended"):
        return HandoffState.ENDED
    deadline = float(record.get("until", 0))
    return HandoffState.ACTIVE if now < deadline else HandoffState.TIMED_OUT


async def forget(services: Services, channel: str, user: str) -> None:
    """Drop the marker and the messages kept for staff, without a word (the shopper unfollowed)."""
    await services.store.delete(marker_key(channel, user))
    await services.store.delete(heard_key(channel, user))


async def hand_back(services: Services, channel: str, user: str, *, actor: str = "staff") -> bool:
    """Staff (or the shopper) end the hand-off; the shopper is told the bot answers again.

    Returns False when the shopper was not handed off (nothing is sent then). For the staff
    command: `await hand_back(services, "oa", openid, actor="staff:zhangsan")`.
    """
    record = await _end(services, channel, user, actor)
    if record is None:
        return False
    text = STAFF_HANDED_BACK_KEPT if record.get("session") else STAFF_HANDED_BACK
    hook = platform_handoff(services, channel)
    if hook is not None:
        if not await hook.release(user, text):
            log.warning("could not tell a %s shopper the hand-off ended", channel)
        return True
    result = await services.outbound.send(Channel(channel), user, TextReply(text))
    if not result.ok:
        log.warning("could not tell a %s shopper the hand-off ended: %s", channel, result.reason)
    return True


async def _end(services: Services, channel: str, user: str, actor: str) -> dict[str, Any] | None:
    """Mark the hand-off ended, keeping the parked conversation for the next message; the record
    (and an audit entry) if a hand-off was still active."""
    record = await _marker(services, channel, user)
    if _state_of(record, services.clock.time()) is not HandoffState.ACTIVE or record is None:
        return None
    ended = {**record, "ended": True}
    value = json.dumps(ended, ensure_ascii=False).encode()
    await services.store.set(marker_key(channel, user), value, KEEP_AFTER_DEADLINE_S)
    services.write_behind.audit(actor, "handoff.end", f"user:{channel}:{user}")
    return record


# ---------------------------------------------------------------------- the shopper's side


async def start(msg: Inbound, ctx: Context, conv: Conversation | None = None) -> Step:
    """人工: hand the shopper to a human. A dialog under way waits, values and all, for the
    shopper's return; "你是机器人吗" gets an honest answer instead."""
    from bot.handlers import shopper, smalltalk

    if smalltalk.asks_if_bot(msg.text):
        return Step.say(shopper.bot_answer(ctx))
    if leaves_the_human(msg.text):  # "不用人工了" names 人工 and the matcher hears a request
        return await hand_back_word(msg, ctx)
    if await _anyone_there(msg, ctx):  # 人呢？？ right after an answer: "are you there"
        return Step.say(STILL_HERE)
    channel = str(msg.channel)
    under_way = conv.summary(ctx.session) if conv is not None else None
    text = "\n".join(x for x in (HANDED_OFF, _kept(conv, under_way), BACK_TO_BOT) if x)
    hook = platform_handoff(ctx.services, channel)
    if hook is not None and not await hook.transfer(msg.user, text):
        return Step.say(NO_HUMAN_NOW)
    parked = ctx.session if conv is not None else None
    await hand_off(ctx.services, channel, msg.user, parked, summary=under_way)
    _staff_alerts(ctx.services, channel).add(msg.user)
    if hook is not None:  # the platform told the shopper
        return Step(next_state=KEEP)
    said = TextReply(text)
    replies = (TransferToHuman(), said) if msg.channel is Channel.OA else (said,)
    return Step(replies=replies, next_state=KEEP)


def _is_anyone_there(text: str) -> bool:
    """人呢 / 有人吗 / 在不在: asking whether anyone is there, not naming the human (客服呢)."""
    said = normalise_command_word(text)
    return bool(said) and bool(_NUDGE.match(said)) and not _NAMES_THE_HUMAN.search(said)


async def _anyone_there(msg: Inbound, ctx: Context) -> bool:
    """Is "人呢" asked in a talk the bot is answering? The first time it is answered with
    `STILL_HERE` (which offers 人工); asked again right after that, it is the human wanted."""
    from bot.handlers import shopper

    if msg.kind is not Kind.TEXT or not _is_anyone_there(msg.text):
        return False
    if not await shopper.talked_before(msg, ctx):
        return False
    heard = await recent_messages(ctx.services, str(msg.channel), msg.user)
    earlier = heard[-2] if len(heard) >= 2 else ""
    # 在吗 → 在的 → 人呢 is still a question; 人呢 → 在的… → 人呢 wants the human
    return not (_is_anyone_there(earlier) and "人" in earlier)


def _kept(conv: Conversation | None, under_way: str | None) -> str:
    """What waits for the shopper's return, said when they are handed off."""
    if conv is None or under_way is None:
        return ""
    return KEPT.format(what="的购物车和填写的信息" if conv.name == "order" else "填写的内容")


def _staff_alerts(services: Services, channel: str) -> Coalescer:
    """Alerts go out in batches, one stream per channel: the first at once, the next ones
    together (bot/background.py), so a busy hour stays within WeCom's 30 messages a minute."""

    async def send(users: list[str]) -> None:
        await alert_staff(services, channel, users)

    return services.alerts.stream(f"handoff_alerts:{channel}", send, ALERT_EVERY_S)


async def alert_staff(services: Services, channel: str, users: list[str]) -> None:
    """Tell the staff in the WeCom app who is waiting, what about, and how to hand them back."""
    if not services.config.wecom.corp_id:
        return
    text = await alert_text(services, channel, users)
    for staff_id in services.config.wecom.staff:
        result = await services.outbound.send(Channel.WECOM, staff_id, TextReply(text))
        if not result.ok:
            log.warning("could not alert a staff member of a hand-off: %s", result.reason)


async def alert_text(services: Services, channel: str, users: list[str]) -> str:
    """Shoppers are named by their short number (`顾客 #17`, bot/business/shoppers.py), which
    /handback takes and which already says the channel: staff never read or type an openid."""
    from bot.business.shoppers import label, shopper_no

    minutes = services.config.shop.handoff_timeout_min
    where = {"oa": "公众号", "wecom": "企业微信", "kf": "微信客服"}.get(channel, "其他渠道")
    later = (
        "在企业微信里结束会话也会交还"
        if platform_handoff(services, channel)
        else f"{minutes} 分钟后也会自动交还"
    )
    # Only the shoppers the alert names get their number looked up (or given): a busy batch of
    # hundreds counts the rest, and numbering them all was a database call each.
    named = users[:ALERT_MAX_NAMES]
    numbers = [await shopper_no(services, channel, user) for user in named]
    if len(users) == 1:
        head = f"{label(numbers[0])}（{where}）请求人工客服，请在客服工具中接待。"
        details = await _shopper_details(services, channel, users[0])
        tail = f"处理完回复 {_handback(numbers[0])} 交还给智能助手（{later}）。"
        return "\n".join([head, *details, tail])
    sections = []
    for user, number in list(zip(named, numbers, strict=True))[:ALERT_DETAILED]:
        details = await _shopper_details(services, channel, user)
        sections.append("\n".join([f"{label(number)}：", *details, f"交还：{_handback(number)}"]))
    others = [label(n) for n in numbers[ALERT_DETAILED:ALERT_MAX_NAMES]]
    more = f" 等 {len(users) - ALERT_DETAILED} 位" if len(users) > ALERT_MAX_NAMES else ""
    rest = [f"另有：{'、'.join(others)}{more}"] if others else []
    head = f"{len(users)} 位顾客请求人工客服（{where}），请在客服工具中接待："
    tail = f"处理完回复 /handback 顾客编号 交还给智能助手（{later}）。"
    return "\n\n".join([head, *sections, *rest, tail])


def _handback(number: int | None) -> str:
    return f"/handback {number}" if number is not None else "/handback 顾客编号"


async def _shopper_details(services: Services, channel: str, user: str) -> list[str]:
    """What staff need about one waiting shopper: their last messages, the cart or order."""
    details = []
    heard = await recent_messages(services, channel, user)
    if heard:
        details.append("最近的消息：\n" + "\n".join(f"· {mask_phones(t)}" for t in heard))
    record = await _marker(services, channel, user)
    summary = record.get("summary") if record else None
    context = summary if isinstance(summary, str) else await _latest_order(services, channel, user)
    if context:
        details.append(context)
    return details


async def _latest_order(services: Services, channel: str, user: str) -> str | None:
    from bot.shop.texts import order_brief

    orders = await services.db.orders.list_orders(user, 1, channel=channel)
    return f"最近的订单：{order_brief(orders[0])}" if orders else None


def mask_phones(text: str) -> str:
    return _PHONE.sub(lambda m: mask_phone(m.group()), text)


async def hear(services: Services, msg: Inbound, before: bytes | None) -> None:
    """Keep the shopper's last few texts, for the staff alert of a hand-off (`before`: what
    was kept until now, as stored)."""
    if msg.kind is not Kind.TEXT or not msg.text.strip():
        return
    key = heard_key(str(msg.channel), msg.user)
    heard = [*_heard(before), msg.text.strip()[:200]][-HEARD_KEPT:]
    await services.store.set(key, jsonbytes.dumps(heard), keys.HEARD.life_s)


async def recent_messages(services: Services, channel: str, user: str) -> list[str]:
    return _heard(await services.store.get(heard_key(channel, user)))


def _heard(raw: bytes | None) -> list[str]:
    try:
        heard = jsonbytes.loads(raw) if raw else []
    except ValueError:
        return []
    return [str(t) for t in heard] if isinstance(heard, list) else []


def gate(dialogs: Dialogs | None = None, router: Router | None = None) -> Middleware:
    """Middleware of the shopper's routes: silent while a human has the conversation. After the
    human part, a conversation that waited for the shopper carries on (`dialogs` to find it);
    the questions acknowledged while queued are answered when the shopper leaves the queue
    (`router` to route them), as QUEUED_QUESTION promised."""

    async def gated(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
        services = ctx.services
        channel = str(msg.channel)
        # The texts kept for staff and the marker in one state-store call (one Redis round trip).
        heard, marker = await services.store.get_many(
            [heard_key(channel, msg.user), marker_key(channel, msg.user)]
        )
        await hear(services, msg, heard)
        record = _marker_record(marker)
        state = _state_of(record, services.clock.time())
        if state is HandoffState.ACTIVE:
            return await _while_handed_off(msg, ctx, record or {}, dialogs, router)
        if state is HandoffState.NONE:
            return await handler(msg, ctx)
        await services.store.delete(marker_key(channel, msg.user))
        step = await _carry_on(msg, ctx, record or {}, dialogs, handler)
        return _prefixed(TIMED_OUT, step) if state is HandoffState.TIMED_OUT else step

    return gated


def _parked(record: dict[str, Any]) -> Session | None:
    raw = record.get("session")
    if not isinstance(raw, dict) or not isinstance(raw.get("state"), str):
        return None
    slots = raw.get("slots")
    return Session(raw["state"], slots if isinstance(slots, dict) else {})


async def _carry_on(
    msg: Inbound,
    ctx: Context,
    record: dict[str, Any],
    dialogs: Dialogs | None,
    handler: Handler,
) -> Step:
    """The first message after the human part. A conversation whose session ran out meanwhile
    is put back from the marker's copy, and the message goes to it."""
    parked = _parked(record)
    conv = dialogs.active(parked.state) if dialogs is not None and parked is not None else None
    if parked is None or conv is None or ctx.session.state is not None:
        return await handler(msg, ctx)
    restored = ctx.with_session(parked)
    return rebased(await conv.handle(msg, restored), parked)


def rebased(step: Step, base: Session) -> Step:
    """`step`, computed on `base`, as a step that writes all of it (the loaded session is not
    `base`: it ran out while a human talked)."""
    after = step.apply(base)
    return Step(step.replies, after.state, dict(after.slots), reset_slots=True)


async def _while_handed_off(
    msg: Inbound,
    ctx: Context,
    record: dict[str, Any],
    dialogs: Dialogs | None,
    router: Router | None,
) -> Step:
    if msg.kind is not Kind.TEXT:
        return Step()  # silent: a human answers this one
    if not leaves_the_human(msg.text) and not _CALLS_IT_OFF.fullmatch(msg.text.strip()):
        return await _still_waiting(msg, ctx, record)
    await _end(ctx.services, str(msg.channel), msg.user, f"shopper:{msg.user}")
    await ctx.services.store.delete(marker_key(str(msg.channel), msg.user))
    hook = platform_handoff(ctx.services, msg.channel)
    if hook is not None:  # the platform says it; the dialog waits for the next message
        await hook.release(msg.user, HANDED_BACK)
        return Step()
    session = ctx.session if ctx.session.state else _parked(record)
    conv = dialogs.active(session.state) if dialogs is not None and session else None
    kept_questions = _kept_questions(record)
    questions = [*kept_questions, *_asked_beside_leaving(msg.text)]
    if router is not None and questions:
        kept = Session(None, dict(ctx.session.slots), ctx.session.updated_at)
        base = session if conv is not None and session is not None else kept
        note = BACK_TO_ANSWER if kept_questions else BACK_AND_ANSWER
        return _prefixed(note, await _answer(router, msg, ctx, base, questions))
    if conv is None or session is None:
        return Step.say(HANDED_BACK, next_state=None, reset_slots=True)
    restored = ctx.with_session(session)
    return rebased(await conv.resume(msg, restored, texts(WELCOME_BACK)), session)


def _kept_questions(record: dict[str, Any]) -> list[str]:
    asked = record.get("asked")
    return [str(q) for q in asked] if isinstance(asked, list) else []


def _asked_beside_leaving(text: str) -> list[str]:
    """What the message that leaves the queue also asks ("算了不用人工了 我自己查吧 快递单号多少"
    → "快递单号多少"); nothing when it only leaves ("算了等不了 取消人工")."""
    parts = []
    for clause in _CLAUSES.split(text):
        rest = _LEAVE_HUMAN.sub("", normalise_command_word(clause)) if clause else ""
        rest = rest.removeprefix("了").removeprefix("啦")
        calls_off = bool(_CALLS_IT_OFF.fullmatch(rest))  # 算了不用了: no question beside it
        if rest and not calls_off and not _FILLER.match(rest) and not leaves_the_human(rest):
            parts.append(clause if normalise_command_word(clause) == rest else rest)
    return [" ".join(parts)] if parts else []


async def _answer(
    router: Router, msg: Inbound, ctx: Context, base: Session, questions: list[str]
) -> Step:
    """Each question routed in turn as if just sent, from `base` (the conversation that waited
    for the shopper, which answers a question of its own and asks its step again), every step
    seeing the session the previous one left."""
    replies: list[Any] = []
    session = base
    for question in questions:
        asked = replace(msg, text=question)
        here = ctx.with_session(session, fresh_cache=True)
        route = router.resolve(asked, here)
        if route is None:
            continue
        step = await route(asked, here)
        replies.extend(step.replies)
        session = step.apply(session)
    return Step(tuple(replies), session.state, dict(session.slots), reset_slots=True)


async def _still_waiting(msg: Inbound, ctx: Context, record: dict[str, Any]) -> Step:
    """A text while queued for a human (OA only: see the module's docstring): a question is
    acknowledged each time; a nudge hears WAITING once `WAIT_NOTICE_S` passed since the shopper
    was last told anything; 好的 / 谢谢 get nothing."""
    channel = str(msg.channel)
    if msg.channel is not Channel.OA or platform_handoff(ctx.services, channel) is not None:
        return Step()
    said = normalise_command_word(msg.text)
    if not said or _OK.match(said):
        return Step()
    now = ctx.services.clock.time()
    if not _NUDGE.match(said) and said not in _HUMAN:  # 人工 said again is a nudge too
        asked = [*_kept_questions(record), msg.text.strip()][-KEPT_QUESTIONS:]
        acked = int(record.get("acked", 0))
        await _told(ctx, channel, msg.user, {**record, "asked": asked, "acked": acked + 1}, now)
        if acked == 0:
            return Step.say(QUEUED_QUESTION)
        return Step.say(QUEUED_AGAIN[(acked - 1) % len(QUEUED_AGAIN)])
    told = float(record.get("told", 0))
    if now - told < WAIT_NOTICE_S:
        return Step()
    await _told(ctx, channel, msg.user, record, now)
    return Step.say(WAITING)


async def _told(ctx: Context, channel: str, user: str, record: dict[str, Any], now: float) -> None:
    """Note in the marker that the waiting shopper was just told something (WAITING's clock)."""
    until = float(record.get("until", now))
    value = json.dumps({**record, "told": now}, ensure_ascii=False).encode()
    life_s = max(1, int(until - now) + KEEP_AFTER_DEADLINE_S)
    await ctx.services.store.set(marker_key(channel, user), value, life_s)


def _prefixed(note: str, step: Step) -> Step:
    first = step.replies[0] if step.replies else None
    replies: Sequence[Any]
    if isinstance(first, TextReply):
        replies = (TextReply(f"{note}\n{first.text}"), *step.replies[1:])
    else:
        replies = (TextReply(note), *step.replies)
    return Step(tuple(replies), step.next_state, step.slots, step.reset_slots)


async def hand_back_word(msg: Inbound, ctx: Context) -> Step:
    """取消人工 while nobody handed the shopper off."""
    return Step.say("您现在就在和智能助手聊天，有什么可以帮您？")
