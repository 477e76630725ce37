"""After-sales that staff handle: each move tells the shopper, new tickets alert staff, tickets
nobody moved for `shop.ticket_remind_h` hours remind them.

The store decides whether a move is allowed (bot/storage/tickets.py, `MOVES`) and audits it in
the same transaction; this module words the shopper's notice (within the customer-service quota,
else kept for their next message: notify.py) and the staff alert.

Alerts go to every member of `wecom.staff` through the WeCom app: the order, what the shopper
wants, their reason in their own words, how many photos, and the commands that move it. Each
ticket's alert is claimed once (`claim_alert`), so two sweeps never alert twice, and released
when no staff member could be reached, so the next sweep tries again. The sweep runs in the
scheduler as the fallback: a ticket opened by a cancellation or in the after-sales form is alerted
at once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.business.notify import tell
from bot.business.texts import STAFF_STATUS
from bot.outbound.media import fetch_oa_image, upload_wecom_image
from bot.protocol import Channel, ImageReply, TextReply
from bot.shop.texts import TICKET_KIND, yuan
from bot.shoptime import local_time, shop_zone
from bot.storage import Order, Ticket, TicketKind, TicketStatus

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

T = TicketStatus
K = TicketKind


class NeedsReturnAddress(Exception):
    """Approving a return or exchange tells the shopper where to send the goods: the shop has no
    `[returns]` address in shipping.toml and staff wrote none in the note."""


def return_address(services: Services) -> str:
    """The shop's return address (shipping.toml [returns]) in one line, or "" without one."""
    returns = services.knowledge.current.kb.shipping.returns
    return returns.text() if returns is not None else ""


def _note(ticket: Ticket) -> str:
    return f"\n客服留言：{ticket.note}" if ticket.note else ""


def shopper_notice(ticket: Ticket, address: str = "") -> str:
    """What the shopper is told when staff move their ticket to its current state."""
    no, note = ticket.ticket_no, _note(ticket)
    if ticket.status is T.APPROVED and ticket.kind is K.REFUND:
        return f"您的退款申请 {no} 已通过，我们会尽快原路退款，退款后会再通知您。{note}"
    if ticket.status is T.APPROVED:
        after = (
            "仓库收到并验货后，1个工作日内退款"
            if ticket.kind is K.RETURN
            else "仓库收到后，会尽快给您换新的发出"
        )
        where = f"\n{address}" if address else ""
        return (
            f"您的{TICKET_KIND[ticket.kind]}申请 {no} 已通过。请把商品寄回以下地址，"
            f"并在包裹里附一张写有售后单号的纸条，不要寄到付：{where}\n{after}。{note}"
        )
    if ticket.status is T.RECEIVED:
        after = (
            "验货后1个工作日内退款，退款后会通知您"
            if ticket.kind is K.RETURN
            else "新的商品会尽快发出"
        )
        return f"仓库已收到您寄回的商品（售后单 {no}），{after}。{note}"
    if ticket.status is T.REFUNDED:
        return f"您的售后单 {no} 已退款，款项原路退回：微信零钱即时到账，银行卡1-3个工作日。{note}"
    if ticket.status is T.RESOLVED:
        return f"您的换货已处理完成（售后单 {no}），新的商品已经发出，请注意查收。{note}"
    if ticket.status is T.REJECTED:
        reason = f"：{ticket.note}" if ticket.note else ""
        return f"很抱歉，您的售后申请 {no} 没有通过{reason}。如有疑问请回复“人工”。"
    raise ValueError(f"no shopper notice for a move to {ticket.status}")


async def move(
    services: Services, ticket_no: str, target: TicketStatus, *, actor: str, note: str = ""
) -> tuple[Ticket, bool]:
    """One staff move, audited by the store, then the shopper's notice; the ticket and whether
    the shopper was told now (False: held for their next message).

    Raises InvalidTransition / TicketNotFound from the store (nothing changed), and
    NeedsReturnAddress before approving a return or exchange nobody said where to send.
    """
    db = services.db
    address = return_address(services)
    if target is T.APPROVED and not address and not note.strip():
        current = await db.tickets.staff_get_ticket(ticket_no)
        if current is not None and current.kind is not K.REFUND and current.status is T.OPEN:
            raise NeedsReturnAddress(ticket_no)
    ticket = await db.tickets.move(ticket_no, target, actor=actor, note=note)
    text = shopper_notice(ticket, address)
    topic = f"ticket:{ticket.ticket_no}"
    return ticket, await tell(services, ticket.channel, ticket.user, text, topic=topic)


# --- staff alerts ---------------------------------------------------------------------------------


def alert_text(ticket: Ticket, order: Order | None) -> str:
    what = TICKET_KIND[ticket.kind]
    lines = [f"新售后单 {ticket.ticket_no}（{what}，{STAFF_STATUS[ticket.status]}）"]
    if order is not None:
        items = "、".join(f"{line.name}×{line.qty}" for line in order.lines[:3])
        more = "等" if len(order.lines) > 3 else ""
        lines.append(f"订单 {order.order_no}：{items}{more}，实付 {yuan(order.total_fen)}")
    lines.append(f"顾客说：{ticket.reason}")
    photos = len(ticket.photo_media_ids)
    coming = "，随后发来" if ticket.channel == Channel.OA else ""  # forward_photos: OA only
    lines.append(f"照片：{photos}张{coming}" if photos else "照片：无")
    links = [p for p in ticket.photo_media_ids if p.startswith(("http://", "https://"))]
    lines += [f"照片链接：{link}" for link in links]
    no = ticket.ticket_no
    if ticket.status is T.OPEN:
        lines.append(f"同意：/ticket {no} approve\n拒绝：/ticket {no} reject 理由")
    elif ticket.kind is K.REFUND:
        lines.append(f"退款后：/ticket {no} refunded")
    return "\n".join(lines)


async def tell_staff(services: Services, text: str) -> bool:
    """Send to every staff member of the WeCom app; True if at least one got it."""
    wecom = services.config.wecom
    if not wecom.corp_id or not wecom.staff:
        return False
    reached = False
    for staff_id in wecom.staff:
        result = await services.outbound.send(Channel.WECOM, staff_id, TextReply(text))
        if result.ok:
            reached = True
        else:
            log.warning("could not alert a staff member about a ticket: %s", result.reason)
    return reached


async def alert(services: Services, ticket: Ticket) -> bool:
    """Alert staff about one ticket, once; False when it was alerted already or nobody could be
    reached (then the next sweep tries again). The shopper's photos follow the text."""
    db = services.db
    if not await db.tickets.claim_alert(ticket.ticket_no):
        return False
    order = await db.orders.staff_get_order(ticket.order_no)
    if not await tell_staff(services, alert_text(ticket, order)):
        await db.tickets.release_alert(ticket.ticket_no)
        return False
    await forward_photos(services, ticket)
    return True


async def forward_photos(services: Services, ticket: Ticket) -> int:
    """Send an OA shopper's photos (MediaIds, valid 3 days) to staff as app images; how many
    went. A photo that cannot be fetched any more is skipped: the alert said how many there were."""
    if ticket.channel != Channel.OA:
        return 0
    forwarded = 0
    for number, media_id in enumerate(ticket.photo_media_ids, start=1):
        if media_id.startswith(("http://", "https://")):
            continue  # a link, already in the alert
        data = await fetch_oa_image(services.outbound, media_id)
        uploaded = await upload_wecom_image(
            services.outbound, data, f"{ticket.ticket_no}-{number}.jpg"
        ) if data else None  # fmt: skip
        if uploaded is None:
            continue
        for staff_id in services.config.wecom.staff:
            await services.outbound.send(Channel.WECOM, staff_id, ImageReply(uploaded))
        forwarded += 1
    return forwarded


async def alert_new_tickets(services: Services) -> int:
    """The sweep: alert staff about every ticket they have not heard of; how many were."""
    alerted = 0
    for ticket in await services.db.tickets.unalerted():
        if await alert(services, ticket):
            alerted += 1
    return alerted


# --- reminders -----------------------------------------------------------------------------------


def reminder_text(tickets: list[Ticket], hours: int, now: datetime, zone: ZoneInfo) -> str:
    lines = [f"提醒：{len(tickets)}个售后单超过{hours}小时没有处理："]
    for ticket in tickets[:10]:
        waited = int((now - ticket.updated_at).total_seconds() // 3600)
        lines.append(
            f"{ticket.ticket_no} {TICKET_KIND[ticket.kind]} {STAFF_STATUS[ticket.status]}，"
            f"已等{waited}小时（{local_time(ticket.updated_at, zone)}起）"
        )
    if len(tickets) > 10:
        lines.append(f"… 共{len(tickets)}个，发 /tickets 查看全部")
    lines.append("发 /ticket 售后单号 查看详情并处理。")
    return "\n".join(lines)


async def remind_untouched(services: Services, now: datetime) -> int:
    """Remind staff, in one message, of the active tickets nobody moved for the configured hours;
    each is reminded about once per such period. Returns how many tickets were in it."""
    hours = services.config.shop.ticket_remind_h
    if hours <= 0:
        return 0
    due = await services.db.tickets.untouched(now - timedelta(hours=hours))
    if not due or not await tell_staff(
        services, reminder_text(due, hours, now, shop_zone(services.config))
    ):
        return 0
    await services.db.tickets.mark_reminded([t.ticket_no for t in due], now)
    return len(due)
