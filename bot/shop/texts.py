"""How orders, tickets and money read in chat. Shared by the dialogs, queries and notices.

Money is integer fen everywhere; it becomes yuan only here, as text. Lists and details never
print a phone number or an address in full: a chat message can be forwarded or read over a
shoulder (only the order form's confirmation repeats the address the shopper just typed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from bot.config import ShopConfig
from bot.shoptime import local_time
from bot.storage import Order, OrderLine, OrderStatus, Ticket, TicketKind, TicketStatus
from bot.storage.masking import mask_phone

ORDER_STATUS = {
    OrderStatus.CREATED: "待付款",
    OrderStatus.PAID: "已付款，待发货",
    OrderStatus.SHIPPED: "已发货",
    OrderStatus.DONE: "已完成",
    OrderStatus.CANCELLED: "已取消",
    OrderStatus.EXPIRED: "超时未付款，已关闭",
}
TICKET_KIND = {
    TicketKind.RETURN: "退货退款",
    TicketKind.REFUND: "仅退款",
    TicketKind.EXCHANGE: "换货",
}
TICKET_STATUS = {
    TicketStatus.OPEN: "已提交，等待客服审核",
    TicketStatus.APPROVED: "已同意，处理中",
    TicketStatus.RESOLVED: "已完成",
    TicketStatus.REJECTED: "未通过",
    TicketStatus.WITHDRAWN: "已撤回",
}


def yuan(fen: int) -> str:
    """12345 → "¥123.45" (exact: no float ever touches the amount)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100}.{fen % 100:02d}"


def spec_text(spec: Mapping[str, str] | str) -> str:
    if isinstance(spec, str):
        return spec
    return " ".join(f"{name}:{value}" for name, value in spec.items())


def line_text(name: str, spec: Mapping[str, str] | str, qty: int, amount_fen: int) -> str:
    shown = spec_text(spec)
    return f"{name}{f'（{shown}）' if shown else ''} ×{qty}  {yuan(amount_fen)}"


def numbered(items: Iterable[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def pay_url(shop: ShopConfig, order: Order) -> str:
    """The configured template with {order_no} and {amount_fen} filled in (no other braces used)."""
    return shop.pay_url_template.replace("{order_no}", order.order_no).replace(
        "{amount_fen}", str(order.total_fen)
    )


def order_items(order: Order) -> str:
    """What the order holds, in a few words: its first product (等 when there are more)."""
    first = order.lines[0] if order.lines else None
    return f"{first.name}{'等' if len(order.lines) > 1 else ''}" if first else ""


def order_brief(order: Order) -> str:
    """One line of a list: number, what, total, status."""
    what = order_items(order)
    return f"{order.order_no}\n   {what} {yuan(order.total_fen)} · {ORDER_STATUS[order.status]}"


def _lines(lines: Iterable[OrderLine]) -> list[str]:
    return [line_text(x.name, x.spec, x.qty, x.amount_fen) for x in lines]


def order_detail(order: Order, shop: ShopConfig, zone: ZoneInfo) -> str:
    """The shopper's own order in full, with the phone masked and no street address."""
    parts = [
        f"订单号：{order.order_no}",
        f"状态：{ORDER_STATUS[order.status]}",
        *_lines(order.lines),
    ]
    if order.discount_fen:
        parts.append(f"优惠：-{yuan(order.discount_fen)}")
    parts += [
        f"{'应付' if order.status is OrderStatus.CREATED else '实付'}：{yuan(order.total_fen)}",
        f"收货人：{mask_name(order.receiver_name)} {mask_phone(order.phone)}",
        f"下单时间：{local_time(order.created_at, zone)}",
    ]
    if order.status is OrderStatus.CREATED:
        parts.append(f"去支付：{pay_url(shop, order)}")
    if order.carrier and order.tracking_no:
        parts.append(f"物流：{order.carrier} {order.tracking_no}")
    return "\n".join(parts)


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: enough for the shopper to recognise, no more."""
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def ticket_brief(ticket: Ticket) -> str:
    return (
        f"{ticket.ticket_no}\n   订单 {ticket.order_no} · {TICKET_KIND[ticket.kind]} · "
        f"{TICKET_STATUS[ticket.status]}" + (f"\n   客服备注：{ticket.note}" if ticket.note else "")
    )
