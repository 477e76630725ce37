"""WeCom customers and customer groups, and the shoppers' 退订 / 订阅.

- **New customer** (`change_external_contact` / `add_external_contact` with a WelcomeCode):
  `externalcontact/send_welcome_msg` (path 92137) must be called within 20 s of the event, once.
  It is called inside the handler, so it goes out as soon as the callback arrives; 41051 (already
  welcomed, or they started chatting) is fine, anything else is logged. No WelcomeCode means an
  admin-configured welcome exists, so we stay quiet.
  In a real corp this API takes the 客户联系 secret's token, not the app's; the mock takes either.
- **Customer joins a group** (`change_external_chat` / `update` / `add_member`): the event names
  no member and may be late or out of order, so 2 s later `groupchat/get` is read again and
  compared with the members we saw last time. No API posts into a customer group, so the welcome
  is a group-message task for the group's owner to confirm (one per group per
  `GROUP_WELCOME_EVERY_S`, joins in between are welcomed together). It spends the group's monthly
  platform cap, but not the weekly promotion cap: it answers the customers' own action.
- **OA follow**: the `record_scene` middleware (declared in middlewares.py) records the
  `qrscene_` scene of a subscribe event in the audit log and today's stats, so a campaign's QR
  code can be credited.
- **退订 / 订阅** (OA): opt out of, or back into, promotions (bot/storage/optouts.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable

from bot.broadcast.audience import LookupFailed
from bot.broadcast.plan import days_in_month
from bot.broadcast.runner import ADD_MSG_TEMPLATE
from bot.compliance import PeriodCap
from bot.outbound.caller import Outcome
from bot.outbound.limits import WECOM_API_PER_CORP
from bot.protocol import Channel, Inbound
from bot.router import Handler, Route, RouteKind, Router, Table
from bot.services import Services
from bot.state import keys
from bot.step import Context, Step

log = logging.getLogger(__name__)

SEND_WELCOME = "/cgi-bin/externalcontact/send_welcome_msg"
WELCOME_ALREADY_SENT = 41051
REREAD_AFTER_S = 2.0
GROUP_WELCOME_EVERY_S = 30 * 60
EXTERNAL_MEMBER = 2

OPT_OUT_WORDS = ("退订", "取消订阅", "td")
OPT_IN_WORDS = ("订阅", "恢复订阅")


def contact_welcome(shop: str) -> str:
    return (
        f"您好，欢迎添加{shop}！我是您的专属顾问，有任何商品、订单或售后问题都可以直接找我。\n"
        "想第一时间收到新品和优惠，欢迎加入我们的客户群～"
    )


def group_welcome(shop: str, group: str, names: list[str]) -> str:
    who = "、".join(names[:10]) + (" 等新朋友" if len(names) > 10 else "")
    return (
        f"欢迎 {who} 加入「{group}」！🎉\n"
        f"这里是{shop}的福利群：新品、秒杀和专属优惠都会第一时间发在群里。\n"
        "有问题随时@群主，不想收到活动消息可以私聊我们回复“退订”。"
    )


# --- new customers -------------------------------------------------------------------------


async def external_contact(msg: Inbound, ctx: Context) -> Step:
    change = msg.extra.get("ChangeType", "")
    code = msg.extra.get("WelcomeCode", "")
    if change not in ("add_external_contact", "add_half_external_contact") or not code:
        return Step()
    shop = ctx.services.shop_name
    body = {"welcome_code": code, "text": {"content": contact_welcome(shop)}}
    result = await ctx.services.broadcaster.api.wecom(SEND_WELCOME, body)
    if result.ok:
        log.info("welcome sent to a new customer (state %r)", msg.extra.get("State", ""))
    elif result.errcode == WELCOME_ALREADY_SENT:
        log.info("welcome not needed: the customer was welcomed or is already chatting")
    else:
        log.warning("send_welcome_msg failed: %s %s", result.errcode, result.reason)
    return Step()


# --- customers joining groups --------------------------------------------------------------


async def external_chat(msg: Inbound, ctx: Context) -> Step:
    extra = msg.extra
    chat_id = extra.get("ChatId", "")
    if not chat_id or extra.get("ChangeType") not in ("update", "create"):
        return Step()
    if extra.get("ChangeType") == "create" or extra.get("UpdateDetail") != "add_member":
        # Keep our member list current so the next join is compared with the right set.
        ctx.services.tasks.spawn(GroupWelcomes(ctx.services).refresh(chat_id))
        return Step()
    ctx.services.tasks.spawn(GroupWelcomes(ctx.services).after_join(chat_id))
    return Step()


class GroupWelcomes:
    """New external members of a group, found by comparing `groupchat/get` with what we saw."""

    def __init__(self, services: Services, reread_after_s: float | None = None) -> None:
        self.services = services
        self.broadcaster = services.broadcaster
        self.reread_after_s = REREAD_AFTER_S if reread_after_s is None else reread_after_s

    async def refresh(self, chat_id: str) -> None:
        await asyncio.sleep(self.reread_after_s)
        try:
            await self._new_members(chat_id)
        except LookupFailed as exc:
            log.warning("group re-read failed: %s", exc)

    async def after_join(self, chat_id: str) -> None:
        await asyncio.sleep(self.reread_after_s)
        try:
            chat, names = await self._new_members(chat_id)
        except LookupFailed as exc:
            log.warning("group re-read after a join failed: %s", exc)
            return
        if not names:
            return
        store = self.services.store
        pending_key = keys.GROUP_WELCOME_PENDING.key(chat_id)
        await store.set(
            pending_key,
            json.dumps(_pending(await store.get(pending_key)) + names, ensure_ascii=False).encode(),
            GROUP_WELCOME_EVERY_S * 2,
        )
        if not await store.set_if_absent(
            keys.GROUP_WELCOME_SENT.key(chat_id), b"1", GROUP_WELCOME_EVERY_S
        ):
            log.info("group welcome for a group deferred: one was sent in the last 30 min")
            return
        waiting = _pending(await store.get(pending_key))
        await store.delete(pending_key)
        await self._welcome(chat, waiting)

    async def _new_members(self, chat_id: str) -> tuple[dict[str, object], list[str]]:
        chat = await self.broadcaster.groups.details(chat_id)
        members = [m for m in _list(chat.get("member_list")) if m.get("type") == EXTERNAL_MEMBER]
        current = {str(m.get("userid")): str(m.get("name") or "新朋友") for m in members}
        key = keys.GROUP_MEMBERS.key(chat_id)
        seen_raw = await self.services.store.get(key)
        await self.services.store.set(
            key, json.dumps(sorted(current)).encode(), keys.GROUP_MEMBERS.life_s
        )
        if seen_raw is None:
            # First sight of this group: the newest joiner (by join time) is the one the event
            # was about; the others were there before we started watching.
            newest = max(members, key=lambda m: int(str(m.get("join_time", 0))), default=None)
            return chat, [current[str(newest.get("userid"))]] if newest else []
        seen = set(json.loads(seen_raw))
        return chat, [name for uid, name in current.items() if uid not in seen]

    async def _welcome(self, chat: dict[str, object], names: list[str]) -> None:
        chat_id, owner = str(chat.get("chat_id", "")), str(chat.get("owner", ""))
        day = self.services.clock.today()
        monthly = PeriodCap(self.services.store, "wecom:groupmsg", days_in_month(day), "month")
        allowed, _ = await monthly.take([chat_id], day)
        if not allowed or not owner:
            log.info("group welcome skipped: the group's monthly message cap is used up")
            return
        text = group_welcome(self.services.shop_name, str(chat.get("name", "")), names)
        body = {
            "chat_type": "group",
            "sender": owner,
            "chat_id_list": [chat_id],
            "text": {"content": text},
        }
        corp = self.services.config.wecom.corp_id
        await self.broadcaster.limiter.acquire(
            f"wecom:{corp}:api:add_msg_template", WECOM_API_PER_CORP
        )
        result = await self.broadcaster.api.wecom(ADD_MSG_TEMPLATE, body)
        if result.outcome is Outcome.REFUSED:
            await monthly.give_back([chat_id], day)
            log.warning("group welcome task refused: %s %s", result.errcode, result.reason)
        elif result.ok:
            log.info("group welcome task created for %d new members", len(names))


def _pending(raw: bytes | None) -> list[str]:
    return list(json.loads(raw)) if raw else []


def _list(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


# --- 退订 / 订阅 ----------------------------------------------------------------------------


async def opt_out(msg: Inbound, ctx: Context) -> Step:
    await ctx.services.db.opt_outs.opt_out(str(msg.channel), msg.user)
    await ctx.services.stats.count("optout")
    return Step.say("已为您退订促销消息，之后不会再收到活动推送。回复“订阅”可随时恢复。")


async def opt_in(msg: Inbound, ctx: Context) -> Step:
    await ctx.services.db.opt_outs.opt_in(str(msg.channel), msg.user)
    return Step.say("已为您恢复订阅，新品和优惠会第一时间通知您～回复“退订”可随时取消。")


# --- OA follows: attribution ----------------------------------------------------------------


async def record_scene(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """Middleware of the shopper's events: a follow counts, and the parameter QR code's scene is
    recorded, then the subscribe handler answers as usual."""
    if route.table is Table.EVENT and route.key == "subscribe":
        await _attribute(msg, ctx.services)
    return await handler(msg, ctx)


async def _attribute(msg: Inbound, services: Services) -> None:
    scene = msg.event_key.removeprefix("qrscene_") if msg.event_key else ""
    stats = services.stats
    await stats.count("subscribe")
    if scene:
        await stats.count(f"scene:{scene[:64]}")
        await services.db.audit.record(
            f"shopper:{msg.user}", "oa.subscribe", f"scene:{scene[:100]}"
        )


def register(router: Router) -> None:
    router.event("change_external_contact", kind=RouteKind.PLATFORM)(external_contact)
    router.event("change_external_chat", kind=RouteKind.PLATFORM)(external_chat)
    # Anytime: a shopper in the middle of an order who says 退订 is opted out, and the order
    # form stays where it was.
    router.word(*OPT_OUT_WORDS, anytime=True, kind=RouteKind.CONSENT)(_oa_only(opt_out))
    router.word(*OPT_IN_WORDS, anytime=True, kind=RouteKind.CONSENT)(_oa_only(opt_in))


def _oa_only(handler: Handler) -> Callable[[Inbound, Context], Awaitable[Step]]:
    async def only_oa(msg: Inbound, ctx: Context) -> Step:
        if msg.channel is not Channel.OA:
            return Step.say("退订和订阅适用于公众号的促销消息。")
        return await handler(msg, ctx)

    return only_oa
