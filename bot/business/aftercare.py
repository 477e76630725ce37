"""Changes a shopper asks for after ordering, each in one message (no form to fill in):

    改地址 SB… 浙江省杭州市西湖区文三路100号      改电话 SB… 13912345678      改收货人 SB… 李四
    备注 SB… 放门卫，周末送                      开发票 SB… 张三 zhang@example.com
    开发票 SB… 专票 杭州小禾贸易有限公司 税号 91330… 邮箱 cw@xiaohe.cn

Without an order number the change goes to the shopper's one order that allows it, or the reply
lists the candidates. A request without its new value ("改地址") asks for it, and the next
message is that value when it reads as one (`value_for`: a bare address after 改地址). What a change may do in each state is the policy table
(bot/storage/policy.py); the store refuses the rest and nothing changes. An address must name
its province (that is where the shipping fee comes from): a new address whose fee differs, or
where the order cannot go, is refused with the reason. Staff are told in the WeCom app about
every change to an order that was already paid, since they may be packing it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.business.shipping import address_problem
from bot.business.texts import note_terms
from bot.business.tickets import tell_staff
from bot.protocol import Inbound
from bot.shop import catalog
from bot.step import Context
from bot.storage import (
    Change,
    InvalidInvoice,
    InvalidTransition,
    Invoice,
    InvoiceKind,
    Order,
    OrderNotFound,
    OrderStatus,
)
from bot.storage.drafts import MAX_NOTE
from bot.storage.ids import normalise
from bot.storage.masking import mask_phone
from bot.storage.policy import ALLOWED
from knowledge.entities import ORDER_NO, PHONE

ADDRESS_WORDS = ("修改收货地址", "修改地址", "改收货地址", "改地址", "更改地址", "换地址")
PHONE_WORDS = ("修改电话", "修改手机号", "改手机号", "改手机", "改电话", "改号码")
NAME_WORDS = ("修改收货人", "改收货人", "改收件人", "改名字", "改姓名")
NOTE_WORDS = ("修改备注", "改备注", "加备注", "订单备注", "备注")
INVOICE_WORDS = ("补开发票", "我要开发票", "开发票", "要发票", "开票")
CHANGE_WORDS = ADDRESS_WORDS + PHONE_WORDS + NAME_WORDS + NOTE_WORDS + INVOICE_WORDS
_EDGES = " \t:：,，。.;；、-"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A run of letters and digits with several digits is a tax number, well typed or not (checked later).
_TAX_NO = re.compile(r"(?<![0-9A-Za-z])(?=(?:[A-Za-z]*\d){4})[0-9A-Za-z]{6,30}(?![0-9A-Za-z])")
_INVOICE_LABELS = re.compile(
    r"增值税专用发票|专用发票|普通发票|电子发票|专票|普票|发票|抬头|税号|邮箱|个人|单位|名称|"
    r"统一社会信用代码|公司名"
)
# 专票 details an electronic invoice does not need (its bank and address lines are optional):
# dropped with their label, so they never end up in the title.
_EXTRA_DETAILS = re.compile(r"(开户银行|开户行|银行账号|账号|注册地址|地址|电话)[:：]?\s*\S*")
# What is left of "能开发票吗 个人的" once its labels are taken out: the asking, never a title.
_FILLER = re.compile(
    r"^(?:能|可以|能不能|帮我|给我|开|开个|开张|要|吗|的|呢|吧|啊|呀|哦|一下|一张|请|麻烦)*$"
)
_NAME = re.compile(r"^[^\d@]{1,20}$")
_PERSONAL = re.compile(r"个人")
_QUESTION = re.compile(r"[?？]|吗|怎么|如何|多久|几天|能不能|可不可以|可以不|什么|哪")
MIN_ADDRESS = 6

INVOICE_REASONS = {
    ("title", "missing"): "请写上发票抬头：个人写姓名，公司写全称。",
    ("title", "too_long"): "发票抬头太长了，最多100个字。",
    ("title", "company_only"): "专票只能开给公司，请写公司全称和税号；个人可以开普票。",
    ("tax_no", "needs_tax_no"): "公司抬头需要税号（18位统一社会信用代码）。",
    ("tax_no", "bad_format"): "税号应是18位统一社会信用代码（数字和大写字母），请核对。",
    ("tax_no", "bad_check"): "税号校验没有通过，可能有一位写错了，请核对后再发。",
    ("tax_no", "missing"): "公司抬头需要税号（18位统一社会信用代码）。",
    ("email", "missing"): "电子发票会发到邮箱，请写上邮箱地址。",
    ("email", "bad_format"): "邮箱地址看起来不对，请核对一下。",
}
INVOICE_FORMAT = (
    "请按这样发给我：\n开发票 订单号 抬头 邮箱（个人）\n"
    "开发票 订单号 公司全称 税号 邮箱（公司；专票请写“专票”）"
)
WHAT = {
    Change.RECEIVER: "修改收货信息",
    Change.NOTE: "修改备注",
    Change.INVOICE: "登记发票",
}


@dataclass(frozen=True)
class Request:
    change: Change
    field: str  # address, phone, name, note, invoice
    order_no: str | None
    value: str
    to_confirm: bool = False  # the value was completed by us: it waits for the shopper's yes


def _strip(text: str, words: tuple[str, ...]) -> tuple[str, str] | None:
    for word in words:
        if text.startswith(word):
            return word, text[len(word) :]
    return None


def parse(text: str) -> Request | None:
    """The change a message asks for, or None when it does not start with a change word."""
    text = " ".join(text.split())
    for words, change, field in (
        (ADDRESS_WORDS, Change.RECEIVER, "address"),
        (PHONE_WORDS, Change.RECEIVER, "phone"),
        (NAME_WORDS, Change.RECEIVER, "name"),
        (INVOICE_WORDS, Change.INVOICE, "invoice"),
        (NOTE_WORDS, Change.NOTE, "note"),
    ):
        found = _strip(text, words)
        if found is None:
            continue
        rest = found[1]
        number = ORDER_NO.search(rest)
        order_no = number.group().upper() if number else None
        if order_no is None and _QUESTION.search(rest) and not _EMAIL.search(rest):
            return None  # "改地址怎么改", "开发票要多久": a question for the FAQ
        if number:
            rest = rest[: number.start()] + " " + rest[number.end() :]
        return Request(change, field, order_no, " ".join(rest.split()).strip(_EDGES))
    return None


def parse_invoice(text: str) -> Invoice:
    """专票 or 普票, title, tax number and email out of free text (checked later, in the store)."""
    kind = InvoiceKind.SPECIAL if re.search("专票|专用发票", text) else InvoiceKind.NORMAL
    email = _EMAIL.search(text)
    rest = _EXTRA_DETAILS.sub(" ", _EMAIL.sub(" ", text))
    tax = _TAX_NO.search(rest)
    rest = _TAX_NO.sub(" ", rest) if tax else rest
    words = _INVOICE_LABELS.sub(" ", rest).split()
    title = " ".join(w for w in words if not _FILLER.match(w.strip(_EDGES))).strip(_EDGES)
    if not title and _PERSONAL.search(rest):
        title = "个人"  # "发票 个人 abc@qq.com": a personal invoice may be titled 个人
    return Invoice(kind, title, tax.group().upper() if tax else "", email.group() if email else "")


# --- handling ----------------------------------------------------------------------------------


async def handle(msg: Inbound, ctx: Context) -> str | None:
    """The reply to a change request, or None when the message is not one."""
    request = parse(msg.text)
    if request is None:
        return None
    return await handle_request(msg, ctx, request)


async def handle_request(msg: Inbound, ctx: Context, request: Request) -> str:
    """The reply to a change request however it was worded ("地址写错了，改成…" too)."""
    text, _ = await answer(msg, ctx, request)
    return text


async def answer(msg: Inbound, ctx: Context, request: Request) -> tuple[str, Request | None]:
    """The reply, and the change still waiting for its value when the reply asks for it (with
    the order it is for, so the value alone can follow)."""
    order = await _order_for(msg, ctx, request)
    if isinstance(order, str):
        return order, None
    if not request.value:
        waiting = Request(request.change, request.field, order.order_no, "")
        return _ask_value(request, order), waiting
    whole = _address_completed(request, order)
    if whole is not None:  # "应该是南山区…": the province and city are the order's, asked
        waiting = Request(request.change, request.field, order.order_no, whole, to_confirm=True)
        return _confirm_address(order, whole), waiting
    make = _APPLY[request.field]
    return await make(msg, ctx, request, order), None


def _address_completed(request: Request, order: Order) -> str | None:
    """A new address without its province, completed from the order's own address (the part
    the shopper did not repeat), when it is one the order could take; None to use it as said."""
    # bot.dialogs imports this module (the order form's invoice step): read its parsers late
    from bot.dialogs.parse import completed_address

    if request.field != "address" or request.to_confirm:
        return None
    return completed_address(order.address, request.value)


def _confirm_address(order: Order, address: str) -> str:
    state = "还没付款" if order.status is OrderStatus.CREATED else "还没发货"
    return (
        f"订单 {order.order_no}（{_items(order)}）{state}，地址可以改。"
        f"是改成{address}吗？对的话回复“确认”，我马上改；不对就把完整地址发给我。"
    )


def value_for(request: Request, text: str) -> str | None:
    """The message as the value a waiting change asked for, or None when it reads as something
    else (a question, another request): an address, a phone number, a name, a note, invoice
    details with an email."""
    # bot.dialogs imports this module (the order form's invoice step): read its parsers late
    from bot.dialogs.parse import check_address, could_be_name, parse_phone

    value = " ".join(text.split()).strip(_EDGES)
    if not value or (_QUESTION.search(value) and request.field != "invoice"):
        return None
    if request.field == "address":
        return value if check_address(value) is None else None
    if request.field == "phone":
        return value if parse_phone(value) else None
    if request.field == "name":
        return value if could_be_name(value) else None
    if request.field == "invoice":
        return value if _EMAIL.search(value) else None
    return value[:MAX_NOTE]


async def _order_for(msg: Inbound, ctx: Context, request: Request) -> Order | str:
    db = ctx.services.db
    channel = str(msg.channel)
    if request.order_no is not None:
        found = await db.orders.get_order(request.order_no, msg.user, channel=channel)
        if found is None:
            number = normalise(request.order_no)
            return f"没有找到 {number}，请核对一下号码；订单只能由下单的微信号修改。"
        return found
    orders = await db.orders.list_orders(msg.user, 20, channel=channel)
    open_ones = _open_for(orders, request)
    if len(open_ones) == 1:
        return open_ones[0]
    if not open_ones:  # the refusal names the order it speaks of: the shopper may not know it
        text = refusal(request.change, orders[0].status if orders else None)
        return text.replace("这个订单", f"您的订单 {orders[0].order_no} ", 1) if orders else text
    listing = "\n".join(o.order_no for o in open_ones[:5])
    return f"您有{len(open_ones)}个订单可以{WHAT[request.change]}，是哪一个？请带上订单号再发一次：\n{listing}"


def _example(request: Request, order: Order) -> str:
    samples = {
        "address": "浙江省杭州市西湖区文三路100号",
        "phone": "13912345678",
        "name": "李四",
        "note": "放门卫",
    }
    words = {"address": "改地址", "phone": "改电话", "name": "改收货人", "note": "备注"}
    return f"{words[request.field]} {order.order_no} {samples[request.field]}"


def _ask_value(request: Request, order: Order) -> str:
    """The order is known (the one it can be, or the number given): only the value is missing."""
    if request.field == "invoice":
        return f"订单 {order.order_no} 可以开电子发票。{INVOICE_FORMAT}"
    what = {"address": "新地址", "phone": "新手机号", "name": "新收货人姓名", "note": "备注内容"}
    samples = {"address": "浙江省杭州市西湖区文三路100号", "phone": "13912345678"}
    sample = samples.get(request.field, "李四" if request.field == "name" else "放门卫")
    return (
        f"好的，订单 {order.order_no}（{_items(order)}）要改成什么？"
        f"直接发{what[request.field]}给我就行，例如：{sample}"
    )


def _items(order: Order) -> str:
    first = order.lines[0].name if order.lines else "商品"
    return f"{first}{'等' if len(order.lines) > 1 else ''}"


def _open_for(orders: list[Order], request: Request) -> list[Order]:
    return [o for o in orders if o.status in ALLOWED[request.change]]


async def note_for_the_next_order(msg: Inbound, ctx: Context, request: Request) -> bool:
    """备注 with its text and no order it could be about (none placed, or only finished or
    closed ones): the note is for the order about to be made, not refused with "您还没有订单".
    An order on its way keeps its refusal: the shopper may well mean that one."""
    if request.field != "note" or not request.value or request.order_no is not None:
        return False
    orders = await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    on_its_way = [o for o in orders if o.status == OrderStatus.SHIPPED]
    return not _open_for(orders, request) and not on_its_way


def refusal(change: Change, status: OrderStatus | str | None) -> str:
    """Why the policy table does not allow `change` in `status`, and what the shopper can do."""
    if status is None:
        return "您还没有订单。想买什么直接告诉我～"
    if change is Change.INVOICE:
        return "这个订单已经关闭（取消或超时未付款），不能开发票了。"
    if status in (OrderStatus.SHIPPED, OrderStatus.DONE):
        if change is Change.RECEIVER:
            return "这个订单已经发货，不能在线修改收货信息了；需要联系快递转寄的话请回复“人工”。"
        return "这个订单已经发货，不能再改备注了；有特别的要求请回复“人工”。"
    return "这个订单已经关闭（取消或超时未付款），不能修改了。需要的话可以重新下单～"


async def _save(
    msg: Inbound,
    ctx: Context,
    request: Request,
    order: Order,
    change: Callable[[], Awaitable[Order]],
    done: Callable[[Order], str],
) -> str:
    try:
        changed = await change()
    except OrderNotFound:
        return f"没有找到 {order.order_no}，请核对一下号码。"
    except InvalidTransition as exc:
        return refusal(request.change, exc.current)
    if changed.status is not OrderStatus.CREATED:
        what = {"address": "收货地址", "phone": "收货电话", "name": "收货人", "note": "备注"}
        text = (
            f"顾客修改了已付款订单 {changed.order_no} 的{what.get(request.field, '发票信息')}，"
            f"请按新信息处理（/orders {changed.order_no} 查看）。"
        )
        ctx.services.tasks.spawn(tell_staff(ctx.services, text))
    return done(changed)


async def _address(msg: Inbound, ctx: Context, request: Request, order: Order) -> str:
    if len(request.value) < MIN_ADDRESS:
        return f"地址太短了，请写完整的地址，例如：\n{_example(request, order)}"
    problem = address_problem(ctx.kb, order, request.value)
    if problem is not None:
        return problem
    change = functools.partial(
        ctx.services.db.changes.change_receiver,
        order.order_no,
        msg.user,
        channel=str(msg.channel),
        address=request.value,
    )
    return await _save(
        msg,
        ctx,
        request,
        order,
        change,
        lambda o: f"订单 {o.order_no} 的收货地址已改为：{o.address}",
    )


async def _phone(msg: Inbound, ctx: Context, request: Request, order: Order) -> str:
    found = PHONE.search(request.value)
    if found is None:
        return f"手机号看起来不对，请发11位手机号，例如：\n{_example(request, order)}"
    phone = "".join(found.groups())
    change = functools.partial(
        ctx.services.db.changes.change_receiver,
        order.order_no,
        msg.user,
        channel=str(msg.channel),
        phone=phone,
    )
    return await _save(
        msg,
        ctx,
        request,
        order,
        change,
        lambda o: f"订单 {o.order_no} 的收货电话已改为 {mask_phone(o.phone)}。",
    )


async def _name(msg: Inbound, ctx: Context, request: Request, order: Order) -> str:
    if not _NAME.match(request.value):
        return f"请只发收货人的姓名（20个字以内），例如：\n{_example(request, order)}"
    change = functools.partial(
        ctx.services.db.changes.change_receiver,
        order.order_no,
        msg.user,
        channel=str(msg.channel),
        name=request.value,
    )
    return await _save(
        msg, ctx, request, order, change, lambda o: f"订单 {o.order_no} 的收货人已改好。"
    )


async def _note(msg: Inbound, ctx: Context, request: Request, order: Order) -> str:
    if len(request.value) > MAX_NOTE:
        return f"备注最多{MAX_NOTE}个字，请精简一下再发。"
    change = functools.partial(
        ctx.services.db.changes.set_note,
        order.order_no,
        msg.user,
        request.value,
        channel=str(msg.channel),
    )
    return await _save(
        msg,
        ctx,
        request,
        order,
        change,
        lambda o: f"订单 {o.order_no} 已备注：{o.note}\n{_note_terms(ctx, o.note)}",
    )


def _note_terms(ctx: Context, note: str) -> str:
    return note_terms(note, catalog.kb(ctx).shipping.sf_extra_fen)


async def _invoice(msg: Inbound, ctx: Context, request: Request, order: Order) -> str:
    invoice = parse_invoice(request.value)
    change = functools.partial(
        ctx.services.db.changes.set_invoice,
        order.order_no,
        msg.user,
        invoice,
        channel=str(msg.channel),
    )
    try:
        return await _save(msg, ctx, request, order, change, _invoice_done)
    except InvalidInvoice as exc:
        reason = INVOICE_REASONS.get((exc.field, exc.reason), "发票信息不完整。")
        return f"{reason}\n{INVOICE_FORMAT}"


def _invoice_done(order: Order) -> str:
    invoice = order.invoice
    assert invoice is not None
    kind = "增值税专用发票" if invoice.kind is InvoiceKind.SPECIAL else "电子普通发票"
    return (
        f"订单 {order.order_no} 的发票已登记：{kind}，抬头“{invoice.title}”。"
        "确认收货后1-3个工作日开出，发到您留的邮箱。"
    )


_APPLY: dict[str, Callable[[Inbound, Context, Request, Order], Awaitable[str]]] = {
    "address": _address,
    "phone": _phone,
    "name": _name,
    "note": _note,
    "invoice": _invoice,
}
