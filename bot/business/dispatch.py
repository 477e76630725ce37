"""When a paid order leaves the warehouse under shipping.toml's dispatch rules: paid before
`same_day_before` (shop time) ships that day, later the next day; products of an override with
`ships_within_hours` (fruit picked in batches) ship within that many hours of payment.

Only what the rules say is promised: a shop without the rule, or an order without its payment
time, gets None here and the caller says the FAQ's general words instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.storage import Order
from knowledge import KnowledgeBase
from knowledge.model import Product


@dataclass(frozen=True)
class Dispatch:
    """The latest moment the rules send an order by (shop time), and the rule that says so."""

    by: datetime
    rule: str
    same_day: bool  # by the day's cut-off (a day), not by a number of hours after payment


def _hours_rule(kb: KnowledgeBase, order: Order) -> int | None:
    """The longest `ships_within_hours` of the overrides the order's products fall under."""
    hours: list[int] = []
    for line in order.lines:
        item = kb.products.get(line.sku)
        override = kb.shipping.override_of(line.sku, item.category if item else "")
        if override is not None and override.ships_within_hours is not None:
            hours.append(override.ships_within_hours)
    return max(hours, default=None)


def _has_standard_lines(kb: KnowledgeBase, order: Order) -> bool:
    def under_hours(sku: str) -> bool:
        item = kb.products.get(sku)
        override = kb.shipping.override_of(sku, item.category if item else "")
        return override is not None and override.ships_within_hours is not None

    return any(not under_hours(line.sku) for line in order.lines)


def dispatch_of(kb: KnowledgeBase, order: Order, zone: ZoneInfo) -> Dispatch | None:
    """When the rules send this paid order (the later of its parts), or None when they say
    nothing for it."""
    if order.paid_at is None:
        return None
    paid = order.paid_at.astimezone(zone)
    found: list[Dispatch] = []
    cutoff = kb.shipping.same_day_before
    if _has_standard_lines(kb, order):
        if cutoff is None:
            return None  # the rules say nothing of ordinary goods: no promise for the order
        day = paid.date() if paid.time() < cutoff else paid.date() + timedelta(days=1)
        end = datetime.combine(day, datetime.max.time(), tzinfo=zone)
        found.append(Dispatch(end, standard_rule(kb), same_day=True))
    hours = _hours_rule(kb, order)
    if hours is not None:
        found.append(Dispatch(paid + timedelta(hours=hours), f"付款后{hours}小时内发出", False))
    return max(found, key=lambda d: d.by) if found else None


def standard_rule(kb: KnowledgeBase) -> str:
    """ "16:00前付款当天发出，16:00后次日发出": the rule for goods in stock; "" when the shop's
    shipping rules set no cutoff."""
    cutoff = kb.shipping.same_day_before
    if cutoff is None:
        return ""
    return f"{cutoff:%H:%M}前付款当天发出，{cutoff:%H:%M}后次日发出"


def day_word(day: date, today: date) -> str:
    """今天 / 明天 / 12月3日, as the shopper would say the day."""
    if day == today:
        return "今天"
    if day == today + timedelta(days=1):
        return "明天"
    return f"{day.month}月{day.day}日"


def paid_time_text(order: Order, zone: ZoneInfo, today: date) -> str:
    """ "今天10:20" / "12月2日17:05": when the order was paid."""
    if order.paid_at is None:
        return ""
    paid = order.paid_at.astimezone(zone)
    return f"{day_word(paid.date(), today)}{paid:%H:%M}"


def when_text(dispatch: Dispatch, today: date) -> str:
    """ "今天内发出" / "12月4日 14:20 前发出": the promise the rule makes, in words."""
    if dispatch.same_day:
        return f"{day_word(dispatch.by.date(), today)}发出"
    return f"{day_word(dispatch.by.date(), today)}{dispatch.by:%H:%M}前发出"


def if_paid_now(kb: KnowledgeBase, order: Order, now: datetime, zone: ZoneInfo) -> str:
    """ "现在付款的话今天发出（16:00前付款当天发出，16:00后次日发出）": what the rules promise
    an unpaid order paid this moment; "" when they say nothing for it."""
    dispatch = dispatch_of(kb, replace(order, paid_at=now), zone)
    if dispatch is None:
        return ""
    today = now.astimezone(zone).date()
    return f"现在付款的话{when_text(dispatch, today)}（{dispatch.rule}）"


TOLD_APART_MINUTES = 30
"""How far the time a shopper says it is may be from the shop's clock before the reply says
which one it goes by (a clock a few minutes off is no reason to correct anyone)."""


def same_day_answer(
    kb: KnowledgeBase,
    now: datetime,
    zone: ZoneInfo,
    told: time | None,
    item: Product | None = None,
) -> str:
    """ "现在下午五点 今天还能发吗": whether an order paid now leaves today, by the shop's own
    clock and its cut-off (shipping.toml `same_day_before`), with the rule itself; the time the
    shopper says it is, when it differs, is named politely and the shop's clock goes; "" when
    the shop's rules set no cut-off (the FAQ's words are said instead)."""
    override = kb.shipping.override_of(item.sku, item.category) if item is not None else None
    if item is not None and override is not None and override.ships_within_hours:
        return (
            f"{item.name}按批次发货，不按当天截单时间：付款后{override.ships_within_hours}小时内"
            "发出，发出后我会把快递单号发给您。"
        )
    cutoff = kb.shipping.same_day_before
    if cutoff is None:
        return ""
    local = now.astimezone(zone)
    clock = f"{local:%H:%M}"
    if told is not None and _minutes_apart(told, local.time()) >= TOLD_APART_MINUTES:
        lead = (
            f"店铺这边现在是{clock}（和您说的{told:%H:%M}不太一样，可能是时区不同），"
            "发货按店铺时间算："
        )
    else:
        lead = f"店铺这边现在是{clock}，"
    if local.time() < cutoff:
        verdict = "现在付款今天就能发出"
    else:
        verdict = f"已经过了{cutoff:%H:%M}，现在付款明天发出"
    hours = [o.ships_within_hours for o in kb.shipping.overrides if o.ships_within_hours]
    fresh = [o.label for o in kb.shipping.overrides if o.ships_within_hours]
    besides = ""
    if hours and item is None:
        besides = f"{'、'.join(fresh)}的商品按批次发货，付款后{max(hours)}小时内发出。"
    return f"{lead}{verdict}（现货{standard_rule(kb)}）。{besides}"


def _minutes_apart(a: time, b: time) -> int:
    """Minutes between two times of day, the short way round midnight."""
    apart = abs((a.hour * 60 + a.minute) - (b.hour * 60 + b.minute))
    return min(apart, 24 * 60 - apart)
