"""Kind (退货/退款/换货), reason, photo evidence, confirmation → a ticket and its number.

Photos arrive as image messages (MediaId kept, at most 9, the store's limit) at any step: one
sent before the form asks for it is kept too, rather than answered with "please type a reason".
"我要退货，尺码不合适" gives the kind and the reason at once; "不是退货，是换货" changes the kind.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.business.tickets import alert as alert_staff
from bot.dialogs import words
from bot.dialogs.aftersales.values import AfterSalesStep, TicketValues
from bot.dialogs.parse import QUESTION, pick_number
from bot.dialogs.slot import ALL, Again, Done, Fill, FinalStep, FormTurn, Slot, anywhere, asked
from bot.protocol import Kind
from bot.shop.texts import TICKET_KIND, numbered
from bot.storage import OrderNotFound, Ticket, TicketAlreadyOpen, TicketKind, TicketNotAllowed
from knowledge.entities import ORDER_NO

A = AfterSalesStep
Turn = FormTurn[TicketValues]
MAX_PHOTOS = 9
MAX_REASON = 200
KINDS = (TicketKind.RETURN, TicketKind.REFUND, TicketKind.EXCHANGE)
KIND_CHOICES = ("退货退款", "仅退款（没收到货、少发漏发）", "换货")
_REASON_QUESTION = re.compile(r"[?？]$|吗$|怎么|多久|谁出|什么时候|几天")
_KIND_WORDS = re.compile(
    r"我?(?:想|要|想要|需要|申请)?(?:退货退款|退换货|退货|退款|换货|换一个|换个|仅退款|退钱)(?:的话)?"
)
_FILLER = re.compile(r"^(?:因为|原因是|原因|是|就是|主要是)[:：]?|[，,。.!！]+$")
_ABOUT_KIND = re.compile(r"不是|而是|是|改成|换成|改为|还是|吧|了|的|我|想|[，,。.!！\s]")
_COMPLAINT = re.compile(
    r"坏了|坏的|是坏|破了|破损|碎了|裂了|漏水|漏气|有瑕疵|质量问题|质量有问题|发错|少发|漏发|"
    r"用不了|不能用|不工作|不制冷|不保温|掉色|起球|开线|变质|烂了|"
    r"划痕|刮花|划花|磨损|掉漆|变形|凹了|瘪了|脏了|污渍|发霉|生锈|缺件|少配件|少了配件"
)
_REACTION = re.compile(
    r"过敏|起痘|长痘|爆痘|闷痘|冒痘|起疹|红疹|疹子|起红点|红肿|刺痛|刺疼|发痒|瘙痒|好痒|很痒|"
    r"脸红|脸都红|脸也红|泛红|烂脸|辣眼睛|拉肚子|吃坏|肚子疼|闹肚子"
)
"""A bad reaction after using or eating something (用了过敏, 脸都红了, 吃了拉肚子)."""
_NOT_A_COMPLAINT = re.compile(
    r"有没有|推荐|哪款|哪个好|不漏|防漏|会不会|容易|怕|担心|"
    r"会过敏|会起痘|会长痘|会烂脸|过敏体质|敏感肌|不过敏|防过敏|抗过敏|不致敏"
)
_REASON_LABEL = re.compile(r"(?:原因|理由)(?:是|改成|改为|[:：])\s*(?P<reason>.+)")


def kind_in(text: str) -> TicketKind | None:
    """退货 → return, 换货 → exchange, 退款 → refund (退货退款 is a return). In "不是退货是换货"
    the word after 是 counts."""
    if m := re.search(r"不是.*?是(.+)$", text):
        text = m.group(1)
    if "换" in text:
        return TicketKind.EXCHANGE
    if "退货" in text:
        return TicketKind.RETURN
    if "退款" in text or "退钱" in text:
        return TicketKind.REFUND
    return None


# ------------------------------------------------------------------------ kind


def _kind_named(turn: Turn) -> Fill[TicketValues] | None:
    """退货 / 换货 / 退款 anywhere; "不是退货，是换货" is all about it (nothing left to read)."""
    if turn.msg.kind is not Kind.TEXT or _REASON_QUESTION.search(turn.text):
        return None
    kind = kind_in(turn.text)
    if kind is None:
        return None
    left = _ABOUT_KIND.sub("", _KIND_WORDS.sub("", turn.text))
    return Fill(replace(turn.values, kind=kind.value), ALL if len(left) < 2 else "")


def _kind_picked(turn: Turn) -> Fill[TicketValues] | None:
    index = pick_number(turn.rest, len(KINDS))
    return Fill(replace(turn.values, kind=KINDS[index].value), ALL) if index is not None else None


async def ask_kind(turn: Turn) -> str:
    return f"请问您想怎么处理？回复序号：\n{numbered(KIND_CHOICES)}"


KIND = Slot[TicketValues](
    A.KIND,
    "处理方式",
    filled=lambda v: bool(v.kind),
    clear=lambda v: replace(v, kind=None),
    extract=(anywhere(_kind_named), asked(_kind_picked)),
    ask=ask_kind,
    show=lambda v: TICKET_KIND[TicketKind(v.kind)] if v.kind else "",
    retry="请回复 1、2 或 3 选择处理方式。",
)


# ------------------------------------------------------------------------ reason


def _reason_of(text: str) -> str | None:
    reason = _FILLER.sub("", text.strip(" ，,。")).strip(" ，,。")
    if len(reason) < 2 or _REASON_QUESTION.search(reason) or QUESTION.search(reason[-2:]):
        return None
    return reason[:MAX_REASON]


def _reason_labelled(turn: Turn) -> Fill[TicketValues] | None:
    found = _REASON_LABEL.search(turn.text)
    reason = _reason_of(found.group("reason")) if found else None
    return Fill(replace(turn.values, reason=reason), ALL) if reason and found else None


def _reason_with_kind(turn: Turn) -> Fill[TicketValues] | None:
    """ "我要退货，尺码不合适": what is left beside the kind (and an order number) is the reason."""
    if turn.values.reason or not _KIND_WORDS.search(turn.rest):
        return None
    left = ORDER_NO.sub(" ", _KIND_WORDS.sub(" ", turn.rest))
    left = re.sub(r"^[\s，,。]*(?:订单|这个订单|这单)?[\s，,。]*", "", left)
    reason = _reason_of(left)
    if reason is None or len(reason) < 3 or word_is_filler(reason):
        return None
    return Fill(replace(turn.values, reason=reason), ALL)


def is_complaint(text: str) -> bool:
    """收到的杯子是坏的, 杯子有划痕, 发错货了: a problem with what arrived (not 有没有不漏水的杯子)."""
    return bool(_COMPLAINT.search(text) or _REACTION.search(text)) and not _NOT_A_COMPLAINT.search(
        text
    )


def is_reaction(text: str) -> bool:
    """用了过敏, 起痘了: a complaint about the shopper's skin or health, not the goods' state."""
    return bool(_REACTION.search(text)) and is_complaint(text)


_REQUEST = re.compile(
    r"(?:我|想|要|想要|需要|申请|帮我|麻烦)*(?:退货退款|退换货|退货|退款|换货|售后|仅退款)"
    r"(?:吧|了|一下|下)?"
)
"""我要换货, 申请退货, 退款吧: asking for after-sales itself (能换货吗 asks about it)."""


def asks_for_after_sales(text: str) -> bool:
    """The shopper wants after-sales now: a problem with what arrived, or the request itself."""
    bare = text.strip(" ，,。.!！~～")
    return is_complaint(bare) or bool(_REQUEST.fullmatch(bare))


def _reason_complaint(turn: Turn) -> Fill[TicketValues] | None:
    """The problem itself is the reason: "收到的杯子是坏的" opens the form with it."""
    if turn.values.reason or turn.msg.kind is not Kind.TEXT or not is_complaint(turn.rest):
        return None
    reason = _reason_of(ORDER_NO.sub(" ", turn.rest))
    return Fill(replace(turn.values, reason=reason), ALL) if reason else None


def word_is_filler(text: str) -> bool:
    return bool(
        re.fullmatch(
            r"[\s，,。]*(?:我|想|要|申请|一下|吧|了|的|这个|那个|麻烦|帮我)*[\s，,。]*", text
        )
    )


_PROBLEM = re.compile(
    r"小了|大了|偏小|偏大|不合身|不合适|坏了|破了|破损|裂了|漏了|漏液|开线|开胶|掉色|褪色|起球|缩水|"
    r"瑕疵|质量|发错|少发|漏发|错发|没收到|过期|变质|坏果|烂了|异味|不好用|用不了|不能用|充不进|"
    r"不亮|不响|没反应|不喜欢|不想要|买错|拍错|买多|拍多"
)
"""What went wrong, said in passing ("之前买的T恤小了 想换XL"): the reason, before it is asked."""
KEEPS = re.compile(r"不想要|不要了|不喜欢|不需要了|用不上|买错|拍错|买多|拍多")
"""Reasons that read like leaving (不想要了): at the reason step they are the answer."""


def _reason_described(turn: Turn) -> Fill[TicketValues] | None:
    """A problem described before the reason is asked: the sentence it is in is the reason."""
    if turn.values.reason or turn.asked == A.REASON or turn.msg.kind is not Kind.TEXT:
        return None
    if not _PROBLEM.search(turn.text) or _REASON_QUESTION.search(turn.text):
        return None
    reason = _reason_of(ORDER_NO.sub(" ", turn.text).strip())
    return Fill(replace(turn.values, reason=reason)) if reason else None


def _reason_answer(turn: Turn) -> Fill[TicketValues] | None:
    if turn.word in words.YES | words.NO:
        return None
    reason = _reason_of(turn.rest)
    return Fill(replace(turn.values, reason=reason), ALL) if reason else None


async def ask_reason(turn: Turn) -> str:
    return "请简单说一下原因，例如“尺码不合适”“商品有破损”。"


REASON = Slot[TicketValues](
    A.REASON,
    "原因",
    filled=lambda v: bool(v.reason),
    clear=lambda v: replace(v, reason=None),
    extract=(
        anywhere(_reason_labelled),
        anywhere(_reason_with_kind),
        anywhere(_reason_complaint),
        anywhere(_reason_described),
        asked(_reason_answer),
    ),
    ask=ask_reason,
    show=lambda v: v.reason or "",
    free_text=True,
    keeps=KEEPS,
    retry="请用一句话说明原因，例如“尺码不合适”。",
)


# ------------------------------------------------------------------------ photos


def _photo(turn: Turn) -> Fill[TicketValues] | None:
    if turn.msg.kind is not Kind.IMAGE:
        return None
    media = turn.msg.extra.get("MediaId") or turn.msg.extra.get("PicUrl", "")
    photos = list(turn.values.photos)
    if not media or len(photos) >= MAX_PHOTOS:
        return Fill(turn.values, note=f"最多可以附{MAX_PHOTOS}张照片，已经够啦。")
    photos.append(media)
    done = len(photos) >= MAX_PHOTOS or turn.values.photos_done
    said = "" if turn.asked == A.PHOTOS else f"收到照片（共{len(photos)}张），会附在售后申请里。"
    return Fill(replace(turn.values, photos=photos, photos_done=done), ALL, said)


def _photos_done(turn: Turn) -> Fill[TicketValues] | None:
    if turn.word not in words.PHOTOS_DONE:
        return None
    return Fill(replace(turn.values, photos_done=True), ALL)


async def ask_photos(turn: Turn) -> str:
    count = len(turn.values.photos)
    if turn.msg.kind is Kind.IMAGE and count:
        return f"收到第{count}张照片，可以继续发，发完回复“好了”。"
    have = f"已收到{count}张照片。" if count else ""
    return (
        f"{have}可以发几张照片（商品问题、破损处或快递面单），最多{MAX_PHOTOS}张，"
        "发完回复“好了”；没有照片请回复“跳过”。"
    )


PHOTOS = Slot[TicketValues](
    A.PHOTOS,
    "照片",
    filled=lambda v: v.photos_done or len(v.photos) >= MAX_PHOTOS,
    clear=lambda v: replace(v, photos_done=False),
    extract=(anywhere(_photo), asked(_photos_done)),
    ask=ask_photos,
    retry="请发照片，发完回复“好了”；没有照片回复“跳过”。",
)


# ------------------------------------------------------------------------ confirm


async def ask_confirm(turn: Turn) -> str:
    values = turn.values
    kind = TicketKind(str(values.kind))
    return "\n".join(
        [
            "请确认售后申请：",
            f"订单：{values.order_no}",
            f"处理方式：{TICKET_KIND[kind]}",
            f"原因：{values.reason}",
            f"照片：{len(values.photos)}张",
            "回复“确认”提交；要改直接告诉我（例如“改成换货”“原因是…”），不办了回复“取消”。",
        ]
    )


async def again_confirm(turn: Turn) -> str:
    return "售后申请还没提交：回复“确认”提交，要改直接告诉我。"


async def answer_confirm(turn: Turn) -> Done | Again | None:
    if turn.word in words.MODIFY or turn.word in words.NO:
        return Again("好的，要改什么直接告诉我，例如“改成换货”“原因是商品有破损”。")
    if turn.word not in words.YES:
        return None
    try:
        ticket = await _open_ticket(turn)
    except TicketAlreadyOpen as exc:
        return Done(
            f"这个订单已经有一个售后单在处理中：{exc.ticket_no}\n发“售后进度”可以查看处理情况。"
        )
    except (OrderNotFound, TicketNotAllowed):
        return Done("这个订单现在不能申请售后，如有疑问请回复“人工”。")
    # Staff hear of it now; the scheduler's sweep is the fallback when nobody could be reached,
    # and the ticket's alert claim (alerted_at) keeps the two from alerting twice.
    turn.services.tasks.spawn(alert_staff(turn.services, ticket))
    return Done(
        f"售后申请已提交！\n售后单号：{ticket.ticket_no}\n"
        "客服会尽快审核，结果会发消息通知您；发“售后进度”可随时查看。"
    )


async def _open_ticket(turn: Turn) -> Ticket:
    values = turn.values
    return await turn.services.db.tickets.create_ticket(
        str(values.order_no),
        turn.user,
        TicketKind(str(values.kind)),
        str(values.reason),
        list(values.photos),
        channel=turn.channel,
    )


CONFIRM = FinalStep[TicketValues](
    A.CONFIRM,
    ask_confirm,
    answer_confirm,
    events={"submitted": "[*]", "refused": "[*]"},
    again=again_confirm,
)
