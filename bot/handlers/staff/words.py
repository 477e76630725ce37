"""Words and number formats shared by the staff commands' topics."""

from __future__ import annotations

import re

from bot.handlers.staff.args import UsageError
from bot.storage import OrderStatus
from bot.storage.ids import normalise

ORDER_WORDS = {
    OrderStatus.CREATED: "待付款",
    OrderStatus.PAID: "已付款",
    OrderStatus.SHIPPED: "已发货",
    OrderStatus.DONE: "已完成",
    OrderStatus.CANCELLED: "已取消",
    OrderStatus.EXPIRED: "已过期",
}
ORDER_WORD_SYNONYMS = {
    "未发货": "待发货",
    "没发货": "待发货",
    "已支付": "已付款",
    "未付款": "待付款",
    "没付款": "待付款",
    "待支付": "待付款",
    "未支付": "待付款",
}
"""Other words staff use for an order state, and the word it is listed under."""
STATUS_BY_WORD = {word: status for status, word in ORDER_WORDS.items()} | {
    "待发货": OrderStatus.PAID  # a paid order is one waiting to be shipped
}
_STATUS_WORD = re.compile(
    "|".join(sorted([*STATUS_BY_WORD, *ORDER_WORD_SYNONYMS], key=len, reverse=True))
)
CHANNEL_WORDS = {"oa": "公众号", "wecom": "企业微信", "kf": "微信客服"}
HELD = "顾客的客服消息额度已用完，通知会在顾客下次发消息时送达。"


def number_like(raw: str, pattern: re.Pattern[str], example: str) -> str:
    """An order or ticket number as staff typed it, normalised; a usage error if it is not one."""
    number = normalise(raw)
    if not pattern.match(number):
        raise UsageError(f"{raw} 不像{example[:3]}，{example}")
    return number


def status_word_in(text: str) -> str | None:
    """The order state a text names in words (待付款, 没付款的有几单 → 待付款), or None."""
    found = _STATUS_WORD.search(text)
    return ORDER_WORD_SYNONYMS.get(found.group(), found.group()) if found else None
