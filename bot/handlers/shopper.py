"""Shopper text outside a dialog: welcome, small talk, FAQ answers, clarifying, an honest fallback.

Questions (payment, invoice, price_promo, ...) are answered in starts.py from the FAQ; without an
answer the fallback here says it did not understand and offers a human, rather than guessing. A message that only makes sense inside a dialog which has expired
(确认, 好了, a number, a photo) is told so instead of being misread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.dialogs import words
from bot.handlers import after_order, answers, handoff, queries, smalltalk
from bot.protocol import Inbound, Kind
from bot.router import Handler, Route, normalise_command_word
from bot.shop import catalog
from bot.step import Context, Step
from knowledge.entities import find_order_no
from knowledge.model import IntentId

WELCOME = (
    "您好，欢迎光临{shop}！我是店铺小助手，可以帮您：\n"
    "· 逛商品：回复“逛逛”，或直接说想买什么，例如“有没有保温杯”\n"
    "· 下单：例如“我要两件黑色M码的T恤”\n"
    "· 查订单、查物流：回复“我的订单”“查物流”\n"
    "· 退换货：回复“售后”\n"
    "需要人工客服请随时回复“人工”。"
)
FALLBACK = (
    "抱歉，这个问题我还没学会😅。您可以换个说法，或者告诉我想买什么，例如“有没有保温杯”。\n"
    "需要人工客服请回复“人工”。"
)
MODIFY = (
    "订单提交后暂时不能在线修改：未付款的订单可以回复“取消订单”后重新下单；"
    "已付款的订单请回复“人工”，客服帮您修改。"
)
EXPIRED = (
    "抱歉，您上一次的操作超过{minutes}分钟没有继续，已经自动结束了，没有提交任何订单或申请。\n"
    "需要的话请重新开始，例如回复“逛逛”“售后”。"
)
# When the database cannot confirm that nothing was submitted (an order may have gone through
# just before the session was lost), the reply must not say so.
EXPIRED_UNSURE = (
    "抱歉，您上一次的操作超过{minutes}分钟没有继续，已经自动结束了。\n"
    "回复“我的订单”可以查看已提交的订单；需要的话也可以重新开始，例如回复“逛逛”“售后”。"
)
NOTHING_TO_LEAVE = "当前没有进行中的操作。有什么可以帮您？回复“帮助”看看我能做什么。"
NOT_TEXT = "暂时只能看懂文字消息哦，请用文字告诉我您的需要，或回复“人工”。"
PHOTO = "收到图片～如果是要申请售后，请先回复“售后”，我会请您上传照片。"
INTENT_HINTS: dict[str, str] = {
    IntentId.ORDER_STATUS: "查订单或物流：回复“我的订单”",
    IntentId.RETURN_REFUND: "退货、退款或换货：回复“售后”",
    IntentId.CANCEL_ORDER: "取消未付款的订单：回复“取消订单”",
    IntentId.PRODUCT_SEARCH: "找商品：回复“逛逛”或说出商品名",
    IntentId.PLACE_ORDER: "下单：说出商品名和数量，例如“我要两件T恤”",
    IntentId.HUMAN_AGENT: "找人工客服：回复“人工”",
}
_CONTINUATIONS = words.YES | words.NO | words.CHECKOUT | words.PHOTOS_DONE | words.NEXT_PAGE
_CONTINUATIONS |= words.PREV_PAGE | words.BUY | words.MORE
_NUMBER = re.compile(r"^\d{1,3}$")


def welcome_text(ctx: Context) -> str:
    return WELCOME.format(shop=ctx.services.shop_name)


STILL_HERE = "在的，您说～想买什么、查订单还是售后，直接告诉我就行。"
"""The answer to 你好 / 在吗 in the middle of a conversation: the welcome was already given."""
MENU_WORDS = frozenset({"菜单", "帮助"})


async def greet(msg: Inbound, ctx: Context) -> Step:
    """The welcome for a first contact (or after a long silence); 你好 / 在吗 again in the middle
    of a conversation gets a short "在的" instead of the whole welcome once more. 菜单 / 帮助 ask
    for the welcome's list, and always get it."""
    greeting = msg.kind is Kind.TEXT and normalise_command_word(msg.text) not in MENU_WORDS
    if greeting and await talked_before(msg, ctx):
        return Step.say(STILL_HERE)
    return Step.say(welcome_text(ctx))


async def talked_before(msg: Inbound, ctx: Context) -> bool:
    """Did the shopper write before this message, within the life of their recent messages (two
    hours after the last one; handoff.py keeps them for the staff alert)?"""
    if ctx.session.state is not None or ctx.session.slots:
        return True
    heard = await handoff.recent_messages(ctx.services, str(msg.channel), msg.user)
    return len(heard) >= 2  # the message being answered is the last one heard


async def small_talk(msg: Inbound, ctx: Context) -> Step:
    """谢谢, 再见, 好的, [微笑], 👍 …: a short reply in kind (thanks_bye too: the matcher cannot
    tell 好的 from 再见)."""
    small = smalltalk.kind(msg.text)
    if small is smalltalk.Small.BOT:
        return Step.say(bot_answer(ctx))
    if small is smalltalk.Small.GREETING:
        return await greet(msg, ctx)
    if small is smalltalk.Small.SHOP:
        return Step.say(f"{shop_answer(ctx)}想看哪一类回复“逛逛”，或直接说想买什么～")
    said = smalltalk.outside(small or smalltalk.Small.THANKS, msg.text)
    again = ctx.session.state is None and ctx.session.slots.get(SMALL_SAID) == said
    if small is smalltalk.Small.ABUSE and again:  # still upset: never a smile, a shorter sorry
        return Step.say(smalltalk.SORRY_AGAIN, slots={SMALL_SAID: said})
    if small is smalltalk.Small.OWNER and again:  # asked after the owner again: said shorter
        return Step.say(smalltalk.inside(small, msg.text), slots={SMALL_SAID: said})
    # 哈哈哈, 👍, [微笑] in a row: the sentence once, then only a smile
    return Step.say(smalltalk.AGAIN if again else said, slots={SMALL_SAID: said})


SMALL_SAID = "small_said"
"""Session slot (outside any dialog): the small-talk answer last given (a smile may have been
sent for it); any other reply drops it."""


def bot_answer(ctx: Context) -> str:
    """An honest answer to "你是机器人吗", and how to reach a person."""
    return smalltalk.BOT_ANSWER.format(shop=ctx.services.shop_name)


def shop_answer(ctx: Context) -> str:
    """The shop's name and what it sells (shop.toml): "你们店叫啥名", "主要卖啥"."""
    categories = "、".join(catalog.kb(ctx).categories)
    sells = f"主要卖{categories}。" if categories else ""
    return f"我们是{ctx.services.shop_name}～{sells}"


async def are_you_a_bot(msg: Inbound, ctx: Context) -> Step:
    return Step.say(bot_answer(ctx))


async def empty_cart(msg: Inbound, ctx: Context) -> Step:
    """购物车 with no order under way (a cart lives in the order form)."""
    return Step.say("购物车还是空的。想买什么直接告诉我，例如“我要两件T恤”，或回复“逛逛”看看～")


async def nothing_to_leave(msg: Inbound, ctx: Context) -> Step:
    """取消 / 返回 with no dialog under way."""
    return Step.say(expired_text(ctx) if ctx.session.expired else NOTHING_TO_LEAVE)


async def restart(msg: Inbound, ctx: Context) -> Step:
    return Step.say(welcome_text(ctx), next_state=None, reset_slots=True)


async def fallback(msg: Inbound, ctx: Context) -> Step:
    if ctx.session.expired:
        return Step.say(expired_text(ctx))
    if msg.kind is Kind.IMAGE:
        return Step.say(PHOTO)
    if msg.kind is not Kind.TEXT:
        return Step.say(NOT_TEXT)
    if find_order_no(msg.text) or queries.ticket_no_in(msg.text):
        return Step.say(await queries.status_text(msg, ctx))
    parcel = await after_order.return_parcel(msg, ctx)  # a tracking number alone, sent back
    if parcel is not None:
        return parcel
    bought = await after_order.bought_at(msg, ctx)  # 我上周买的: which of their orders
    if bought is not None:
        return bought
    child = answers.for_a_child_answer(msg, ctx)  # 小孩穿的有吗: the children's products
    if child is not None:
        return Step.say(child)
    ctx.note_not_understood()
    return Step.say(FALLBACK)


def clarify_by_hints(
    msg: Inbound, ctx: Context, top: str, alternatives: Iterable[tuple[str, float]]
) -> Step:
    """Ask which of the close readings was meant, with the words that lead there."""
    child = answers.for_a_child_answer(msg, ctx)  # 小孩穿的有吗: the children's products
    if child is not None:
        return Step.say(child)
    hints = [INTENT_HINTS[i] for i in _readings(top, alternatives) if i in INTENT_HINTS]
    if not hints:
        ctx.note_not_understood()
        return Step.say(FALLBACK)
    listed = "\n".join(f"· {hint}" for hint in hints)
    return Step.say(f"我不太确定您的意思，您是想：\n{listed}\n也可以换个说法，或回复“人工”。")


async def promotions(msg: Inbound, ctx: Context) -> Step:
    return Step.say(_promotions_text(ctx))


def _readings(top: str, alternatives: Iterable[tuple[str, float]]) -> list[str]:
    return list(dict.fromkeys([top, *(intent for intent, _ in alternatives)]))[:3]


def _promotions_text(ctx: Context) -> str:
    kb = catalog.kb(ctx)
    day = catalog.today(ctx.services)
    lines = [f"· {p.title}" for p in kb.active_promotions(day)]
    lines += [f"· 优惠券 {c.code}：{c.title}" for c in kb.coupons.values() if c.active_on(day)]
    if not lines:
        return "目前没有进行中的活动，商品价格就是到手价～"
    return (
        "正在进行的优惠：\n"
        + "\n".join(lines)
        + "\n满减在下单时自动参加；优惠券在结算时发券码即可使用。"
    )


def expired_text(ctx: Context) -> str:
    text = EXPIRED if ctx.session.nothing_submitted else EXPIRED_UNSURE
    return text.format(minutes=int(ctx.services.sessions.ttl_s // 60))


async def expiry_notice(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """Middleware of the shopper's routes outside dialogs: a reply that only fits an expired
    dialog (确认, 好了, 2, a photo) is told it expired."""
    if ctx.session.expired and _continues_a_dialog(msg):
        return Step.say(expired_text(ctx))
    return await handler(msg, ctx)


async def frustration(handler: Handler, msg: Inbound, ctx: Context, route: Route) -> Step:
    """Middleware of the shopper's routes outside dialogs: "你好笨", "听不懂人话吗" get a short
    apology and a human offered, whatever the matcher makes of the words (你好 in 你好笨 is no
    greeting, 机器人 no question about the bot)."""
    if msg.kind is Kind.TEXT and smalltalk.kind(msg.text) is smalltalk.Small.ABUSE:
        return await small_talk(msg, ctx)
    return await handler(msg, ctx)


def _continues_a_dialog(msg: Inbound) -> bool:
    if msg.kind is Kind.IMAGE:
        return True
    word = normalise_command_word(msg.text)
    return word in _CONTINUATIONS or bool(_NUMBER.match(word))
