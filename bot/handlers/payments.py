"""A shopper who picks how to pay ("那算了 微信付吧", "用零钱付就行"), not asks how.

The matcher reads these as payment questions and the FAQ would answer what it answered the
message before. A choice is answered as a choice: with an order waiting for payment, where to
pay it (the way chosen works there, or the FAQ says it does not); without one, the ways the shop
takes (pay.methods) and that the link comes with the order.
"""

from __future__ import annotations

import re

from bot.protocol import Inbound
from bot.router import Handler
from bot.shop import catalog
from bot.shop.texts import order_items, pay_url, yuan
from bot.step import Context, Step
from bot.storage import OrderStatus

METHODS_FAQ = "pay.methods"
WECHAT_PAY = ("微信", "零钱", "银行卡", "信用卡", "储蓄卡", "借记卡")
"""The ways WeChat Pay (the only cashier the pay link opens) takes money."""
_CHOSEN = re.compile(
    r"(?:^|[\s,，。]|那|就|用|选|改用|还是)(?P<way>微信|零钱|银行卡|信用卡|储蓄卡|借记卡|支付宝|花呗|云闪付|现金)"
    r"(?:支付|付款|付钱|付|吧|就行|就好|好了|得了)+[吧了啦呀哈。！!~～]*$"
)
_ASKED = re.compile(r"[?？吗么嘛]|能不能|可不可以|行不行|可以不|怎么|如何|支持")


def chosen_way(text: str) -> str | None:
    """The way of paying a message picks ("微信付吧" → 微信), or None (a question how)."""
    if _ASKED.search(text):
        return None
    found = _CHOSEN.search(text.strip())
    return found.group("way") if found else None


def choosing(handler: Handler) -> Handler:
    """`handler` (the payment question), unless the message picks a way of paying."""

    async def choose(msg: Inbound, ctx: Context) -> Step:
        way = chosen_way(msg.text)
        if way is None:
            return await handler(msg, ctx)
        return Step.say(await _chosen(msg, ctx, way))

    choose.__name__ = getattr(handler, "__name__", "choose")
    return choose


async def _chosen(msg: Inbound, ctx: Context, way: str) -> str:
    faq = catalog.kb(ctx).faqs.get(METHODS_FAQ)
    methods = faq.answer if faq is not None else ""
    taken = way in WECHAT_PAY
    orders = await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    unpaid = [o for o in orders if o.status is OrderStatus.CREATED]
    if unpaid:
        order = unpaid[0]
        lead = f"好的，用{way}付就行～" if taken else f"抱歉，{methods}"
        return (
            f"{lead}\n订单 {order.order_no}（{order_items(order)}）应付{yuan(order.total_fen)}，"
            f"点这里付款：{pay_url(ctx.services.config.shop, order)}"
        )
    if taken:
        return f"好的～{methods}\n想买什么直接告诉我，下单后我把付款链接发给您。"
    return f"抱歉，{methods}" if methods else "抱歉，这个付款方式我不太确定，回复“人工”问问客服吧。"
