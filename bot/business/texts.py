"""How tickets, shipping and logistics read in chat, for shoppers and for staff.

Shoppers read plain words (never a state name or an English word); staff read the short words of
their commands (待审核, 已同意 …), which `/tickets 状态` also accepts. Money is fen until here.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from bot.shop.texts import TICKET_KIND, yuan
from bot.shoptime import local_time
from bot.storage import Order, ShipmentEvent, Ticket, TicketKind, TicketStatus
from knowledge import KnowledgeBase
from knowledge.shipping import STANDARD, Shipping, Undeliverable

T = TicketStatus

STAFF_STATUS = {
    T.OPEN: "待审核",
    T.APPROVED: "已同意",
    T.RECEIVED: "已收货",
    T.REFUNDED: "已退款",
    T.RESOLVED: "已完成",
    T.REJECTED: "已拒绝",
    T.WITHDRAWN: "已撤回",
}
_SHOPPER_STATUS = {
    T.OPEN: "已提交，等待客服审核",
    T.RECEIVED: "仓库已收到退回的商品",
    T.REFUNDED: "已退款",
    T.RESOLVED: "已完成",
    T.REJECTED: "未通过",
    T.WITHDRAWN: "已撤回",
}


def shopper_status(ticket: Ticket) -> str:
    if ticket.status is T.APPROVED and ticket.return_tracking:
        return f"已寄回（快递单号 {ticket.return_tracking}），等仓库签收"
    if ticket.status is T.APPROVED:
        return "已同意，等待退款" if ticket.kind is TicketKind.REFUND else "已同意，请寄回商品"
    return _SHOPPER_STATUS[ticket.status]


def ticket_brief(ticket: Ticket) -> str:
    """One ticket in the shopper's 售后进度 list."""
    note = f"\n   客服留言：{ticket.note}" if ticket.note else ""
    return (
        f"{ticket.ticket_no}\n   订单 {ticket.order_no} · {TICKET_KIND[ticket.kind]} · "
        f"{shopper_status(ticket)}{note}"
    )


def staff_ticket_line(ticket: Ticket, zone: ZoneInfo) -> str:
    """One ticket in a staff list."""
    return (
        f"{ticket.ticket_no} {STAFF_STATUS[ticket.status]} {TICKET_KIND[ticket.kind]} "
        f"{local_time(ticket.updated_at, zone)}\n   订单 {ticket.order_no}"
    )


def shipping_lines(shipping: Shipping) -> list[str]:
    """The shipping part of a summary: "运费：¥6.00" or "运费：包邮", a surcharge or a product
    group's own fee on its own line (a free group, fresh fruit say, needs no line of its own)."""
    if shipping.fee_fen == 0:
        return ["运费：包邮"]
    lines = []
    for label, fen in shipping.parts:
        if label == STANDARD:
            lines.append(f"运费：{'包邮' if fen == 0 else yuan(fen)}")
        elif fen:
            lines.append(f"{label}：{yuan(fen)}")
    return lines


def undeliverable_text(found: Undeliverable) -> str:
    if found.names:
        return f"抱歉，{'、'.join(found.names)}暂不发{found.province}，以免路上出问题。"
    return f"抱歉，目前不支持配送到{found.province}，只发中国大陆地址。"


NO_PROVINCE = (
    "地址里没看出是哪个省份，请从省份写起，例如“浙江省杭州市西湖区文三路100号”；"
    "目前只发中国大陆地址。"
)


def tracking_text(
    kb: KnowledgeBase, order: Order, latest: tuple[ShipmentEvent, ZoneInfo] | None = None
) -> str:
    """Carrier, number, the tracking link when the carrier has one, and with `latest` (the
    newest update and the shop's zone) that update."""
    lines = [f"{order.carrier or ''} {order.tracking_no or ''}".strip()]
    link = kb.carriers.link(order.carrier, order.tracking_no)
    if link:
        lines.append(f"查看物流：{link}")
    if latest is not None:
        event, zone = latest
        lines.append(f"最新：{event.text}（{local_time(event.at, zone)}）")
    return "\n   ".join(lines)


_WHEN_WISHED = re.compile(
    r"周末|周[一二三四五六日天]|星期|礼拜|工作日|节假日|晚上|白天|上午|下午|中午|\d+点|\d+号|明天|后天"
)
_CALL_WISHED = re.compile(r"电话|联系")
_NO_SLIP_WISHED = re.compile(r"价格单|价签|价格|发货单|送货单|小票|清单")
_NO_PAPER_INVOICE = re.compile(r"发票")
_PACKING_WISHED = re.compile(r"包装|包好|包结实|包严实|包仔细|多包|加固|防震|气泡")


def note_terms(note: str, sf_extra_fen: int | None) -> str:
    """What the shop can honestly say about a note (备注), by what it asks, as knowledge states
    it (faq.toml: 送货时间, 礼品包装, 纸质发票; shipping.toml `sf_extra_fen`): the shop has no
    delivery on chosen days nor a courier who must call, so those are noted, not promised; a
    gift order never carries a price slip; invoices are electronic only."""
    terms: list[str] = []
    if "顺丰" in note:
        terms.append(sf_terms(sf_extra_fen))
    if _WHEN_WISHED.search(note):
        terms.append("我们会尽量安排，但快递不保证能按指定时间送到。")
    elif _CALL_WISHED.search(note):
        terms.append("我们会尽量安排，但快递员会不会提前来电我们保证不了。")
    if _NO_SLIP_WISHED.search(note):
        terms.append("包裹里不放价格单。")
    if _NO_PAPER_INVOICE.search(note) and not _NO_SLIP_WISHED.search(note):
        terms.append("我们只开电子发票，包裹里本来就没有纸质发票。")
    if "贺卡" in note:
        terms.append("贺卡我们免费手写，随包裹寄出。")
    if _PACKING_WISHED.search(note):
        terms.append("我们会尽量包仔细些；店里没有另加的礼盒包装。")
    return "".join(terms) or "我们会尽量按备注安排，快递公司不保证一定做到。"


def sf_terms(extra_fen: int | None) -> str:
    """What 发顺丰 means for the shopper, as the shop states it (shipping.toml `sf_extra_fen`):
    the extra is not in the order's total but settled with staff, so a "包邮" is no promise."""
    if extra_fen is None:
        return "指定顺丰是否要补运费差价，下单后回复“人工”问客服。"
    if extra_fen == 0:
        return "改发顺丰不用补运费。"
    return f"改发顺丰要另补{yuan(extra_fen)}运费（不含在应付里），下单后回复“人工”问客服补差价。"
