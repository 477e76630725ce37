"""Kind (退货/退款/换货), reason, photo evidence, confirmation → a ticket and its number.

Photos arrive as image messages (MediaId kept, at most 9, the store's limit). A photo sent before
the form asks for it is kept too, rather than answered with "please type a reason".
"""

from __future__ import annotations

import functools
import re

from bot.dialogs import words
from bot.dialogs.aftersales.states import KIND, ORDER_NO, PHOTOS, PHOTOS_DONE, REASON, Ev
from bot.dialogs.machine import RETRY, STAY, UNCLEAR, OnFn, Outcome, Prompt, prompt
from bot.dialogs.slots import pick_number
from bot.dialogs.turn import Turn
from bot.protocol import Kind
from bot.shop import stock
from bot.shop.texts import TICKET_KIND, numbered
from bot.storage import (
    OrderNotFound,
    Ticket,
    TicketAlreadyOpen,
    TicketKind,
    TicketNotAllowed,
)

MAX_PHOTOS = 9
MAX_REASON = 200
KINDS = (TicketKind.RETURN, TicketKind.REFUND, TicketKind.EXCHANGE)
KIND_CHOICES = ("退货退款", "仅退款（没收到货、少发漏发）", "换货")
_QUESTION = re.compile(r"[?？]$|吗$|怎么|多久|谁出|什么时候")


def kind_in(text: str) -> TicketKind | None:
    """退货 → return, 换货 → exchange, 退款 → refund (退货退款 is a return)."""
    if "换" in text:
        return TicketKind.EXCHANGE
    if "退货" in text:
        return TicketKind.RETURN
    if "退款" in text or "退钱" in text:
        return TicketKind.REFUND
    return None


def _add_photo(turn: Turn) -> int:
    photos: list[str] = list(turn.slots.get(PHOTOS) or [])
    media = turn.msg.extra.get("MediaId") or turn.msg.extra.get("PicUrl", "")
    if media and len(photos) < MAX_PHOTOS:
        photos.append(media)
    turn.slots[PHOTOS] = photos
    return len(photos)


def keeps_photos(on: OnFn) -> OnFn:
    """An image sent to a state that asks for words is kept for the ticket, then the question
    is asked again."""

    @functools.wraps(on)
    async def wrapper(turn: Turn) -> Outcome:
        if turn.msg.kind is Kind.IMAGE:
            count = _add_photo(turn)
            return Outcome.say(RETRY, f"收到照片（共{count}张），会附在售后申请里。")
        return await on(turn)

    return wrapper


# ------------------------------------------------------------------------ kind


async def ask_kind(turn: Turn) -> Prompt | Outcome:
    if turn.slots.get(KIND):
        return Outcome(Ev.DONE)
    return prompt(f"请问您想怎么处理？回复序号：\n{numbered(KIND_CHOICES)}")


@keeps_photos
async def on_kind(turn: Turn) -> Outcome:
    index = pick_number(turn.text, len(KINDS))
    kind = KINDS[index] if index is not None else kind_in(turn.text)
    if kind is None:
        return Outcome.say(UNCLEAR, "请回复 1、2 或 3 选择处理方式。")
    turn.slots[KIND] = kind.value
    return Outcome(Ev.DONE)


# ------------------------------------------------------------------------ reason


async def ask_reason(turn: Turn) -> Prompt | Outcome:
    if turn.slots.get(REASON):
        return Outcome(Ev.DONE)
    return prompt("请简单说一下原因，例如“尺码不合适”“商品有破损”。")


@keeps_photos
async def on_reason(turn: Turn) -> Outcome:
    reason = turn.text
    if len(reason) < 2 or _QUESTION.search(reason):
        return Outcome.say(UNCLEAR, "请用一句话说明原因，例如“尺码不合适”。")
    turn.slots[REASON] = reason[:MAX_REASON]
    return Outcome(Ev.DONE)


# ------------------------------------------------------------------------ photos


async def ask_photos(turn: Turn) -> Prompt | Outcome:
    count = len(turn.slots.get(PHOTOS) or [])
    if turn.slots.get(PHOTOS_DONE) or count >= MAX_PHOTOS:
        return Outcome(Ev.DONE)
    have = f"已收到{count}张照片。" if count else ""
    return prompt(
        f"{have}可以发几张照片（商品问题、破损处或快递面单），最多{MAX_PHOTOS}张，"
        "发完回复“好了”；没有照片请回复“跳过”。"
    )


async def on_photos(turn: Turn) -> Outcome:
    if turn.msg.kind is Kind.IMAGE:
        count = _add_photo(turn)
        if count >= MAX_PHOTOS:
            turn.slots[PHOTOS_DONE] = True
            return Outcome.say(Ev.DONE, f"已收到{MAX_PHOTOS}张照片。")
        return Outcome.say(STAY, f"收到第{count}张照片，可以继续发，发完回复“好了”。")
    if turn.word in words.PHOTOS_DONE:
        turn.slots[PHOTOS_DONE] = True
        return Outcome(Ev.DONE)
    return Outcome.say(UNCLEAR, "请发照片，发完回复“好了”；没有照片回复“跳过”。")


# ------------------------------------------------------------------------ confirm


async def ask_confirm(turn: Turn) -> Prompt | Outcome:
    kind = TicketKind(str(turn.slots[KIND]))
    text = "\n".join(
        [
            "请确认售后申请：",
            f"订单：{turn.slots[ORDER_NO]}",
            f"处理方式：{TICKET_KIND[kind]}",
            f"原因：{turn.slots[REASON]}",
            f"照片：{len(turn.slots.get(PHOTOS) or [])}张",
            "回复“确认”提交；要修改请回复“返回”，不办了回复“取消”。",
        ]
    )
    return prompt(text)


@keeps_photos
async def on_confirm(turn: Turn) -> Outcome:
    if turn.word not in words.YES:
        return Outcome.say(UNCLEAR, "请回复“确认”提交，或回复“返回”修改。")
    try:
        ticket = await _open_ticket(turn)
    except TicketAlreadyOpen as exc:
        return Outcome.say(
            Ev.REFUSED,
            f"这个订单已经有一个售后单在处理中：{exc.ticket_no}\n发“售后进度”可以查看处理情况。",
        )
    except (OrderNotFound, TicketNotAllowed):
        return Outcome.say(Ev.REFUSED, "这个订单现在不能申请售后，如有疑问请回复“人工”。")
    return Outcome.say(
        Ev.SUBMITTED,
        f"售后申请已提交！\n售后单号：{ticket.ticket_no}\n"
        "客服会尽快审核，结果会发消息通知您；发“售后进度”可随时查看。",
    )


async def _open_ticket(turn: Turn) -> Ticket:
    return await stock.database(turn.services).tickets.create_ticket(
        str(turn.slots[ORDER_NO]),
        turn.user,
        TicketKind(str(turn.slots[KIND])),
        str(turn.slots[REASON]),
        list(turn.slots.get(PHOTOS) or []),
        channel=turn.channel,
    )
