"""A shopper who picks how to pay ("那算了 微信付吧", "用零钱付就行"), not asks how, or who says
they have paid ("付好了", "已经付了", "钱付了").

The matcher reads these as payment questions and the FAQ would answer what it answered the
message before. A choice is answered as a choice: with an order waiting for payment, where to
pay it (the way chosen works there, or the FAQ says it does not); without one, the ways the shop
takes (pay.methods) and that the link comes with the order.
"""

from __future__ import annotations

import re

from bot.handlers.answers import SORRY, is_upset
from bot.protocol import Inbound
from bot.router import Handler
from bot.shop import catalog
from bot.shop.texts import order_items, pay_url, yuan
from bot.step import Context, Step
from bot.storage import OrderStatus
from knowledge.model import IntentId

METHODS_FAQ = "pay.methods"
WECHAT_PAY = ("微信", "零钱", "银行卡", "信用卡", "储蓄卡", "借记卡")
"""The ways WeChat Pay (the only cashier the pay link opens) takes money."""
_CHOSEN = re.compile(
    r"(?:^|[\s,，。]|那|就|用|选|改用|还是)(?P<way>微信|零钱|银行卡|信用卡|储蓄卡|借记卡|支付宝|花呗|云闪付|现金)"
    r"(?:支付|付款|付钱|付|吧|就行|就好|好了|得了)+[吧了啦呀哈。！!~～]*$"
)
_PAID = re.compile(
    r"^(?:我|我这边|我这里)?(?:已经|都|刚刚?|刚才|早就|早)?(?:把)?(?:钱|款|货款)?(?:也|都)?"
    r"(?:付|支付|付款|转账?|交)(?:了|好了|好啦|完了|完啦|过了|成功了?)(?:钱|款)?"
    r"(?:了|啦|哈|哦|呀|的|啊)*(?:[\s,，。!！~～]*(?:你|您)?(?:看|查)(?:一?下|看)?)?[。!！~～]*$"
    r"|^(?:已|已经)(?:付款|支付|付)(?:了|啦)?[。!！~～]*$"
)
"""The shopper says they have paid, and asks nothing else (付好了, 已经付了, 钱付了, 我付过了)."""
_PAY_LINK = re.compile(r"(?:付款|支付|付钱|买单|订单)?链接|付款码|支付码|付款的(?:地方|入口)")
_AGAIN = re.compile(
    r"再发|重发|重新发|发一下|发下|再给|给我|找不到|没了|不见了|失效|过期|打不开|点不开|在哪"
)
"""The pay link asked for again: 链接 said with 付款/支付 or a request to send it (付款链接找不到了
再发一下); 再发 alone is no after-sales 补发 then."""


def asks_pay_link(text: str) -> bool:
    """Does the message ask for the pay link (again)? A link word and a wish to get it."""
    link = _PAY_LINK.search(text)
    if link is None:
        return False
    paying = link.group(0) != "链接" or bool(re.search(r"付|支付", text))
    return paying and bool(_AGAIN.search(text))


async def pay_link(msg: Inbound, ctx: Context) -> Step:
    """The pay link of the shopper's order waiting for payment, sent again."""
    orders = await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    unpaid = [o for o in orders if o.status is OrderStatus.CREATED]
    if not unpaid:
        paid_ones = [
            o for o in orders if o.status not in (OrderStatus.CANCELLED, OrderStatus.EXPIRED)
        ]
        if paid_ones:
            return Step.say(
                "您目前没有待付款的订单，最近的订单已经付过款了。发“我的订单”可以查看。"
            )
        return Step.say("您目前没有待付款的订单。想买什么直接告诉我，下单后我把付款链接发给您～")
    order = unpaid[0]
    more = (
        f"\n另外还有{len(unpaid) - 1}个待付款订单，发“我的订单”可以查看。"
        if len(unpaid) > 1
        else ""
    )
    link = (
        f"订单 {order.order_no}（{order_items(order)}）还没付款，应付{yuan(order.total_fen)}，"
        f"点这里付款：{pay_url(ctx.services.config.shop, order)}{more}"
    )
    trouble = _trouble_answer(msg, ctx)
    return Step.say(f"{trouble}\n{link}" if trouble else link)


_BROKEN = re.compile(r"打不开|点不开|没反应|没有反应|付不了|付不上|失败|不成功|报错|出错")
"""The pay link tried and not working (付款链接打不开): the shopper needs help, not just the link."""


def _trouble_answer(msg: Inbound, ctx: Context) -> str | None:
    """The FAQ's advice for a pay link that does not work (with an apology for an upset
    shopper), said before the link is sent again; None when the link was only lost."""
    if not _BROKEN.search(msg.text):
        return None
    result = catalog.match(msg, ctx)
    faq = result.faq if result is not None else None
    if faq is None or catalog.kb(ctx).faqs[faq.id].intent != IntentId.PAYMENT:
        return None
    return f"{SORRY}{faq.answer}" if is_upset(msg.text) else faq.answer


_ASKED = re.compile(r"[?？吗么嘛]|能不能|可不可以|行不行|可以不|怎么|如何|支持")


def chosen_way(text: str) -> str | None:
    """The way of paying a message picks ("微信付吧" → 微信), or None (a question how)."""
    if _ASKED.search(text):
        return None
    found = _CHOSEN.search(text.strip())
    return found.group("way") if found else None


def says_paid(text: str) -> bool:
    """Does the message only say the shopper has paid ("付好了", "已经付了")?"""
    return bool(_PAID.match(text.strip().replace(" ", "")))


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
    if taken:  # the ways were just told: the choice is acknowledged, not answered again
        return f"好的，用{way}付就行～选好商品下单后，我把微信支付链接发给您；想买什么直接告诉我。"
    return f"抱歉，{methods}" if methods else "抱歉，这个付款方式我不太确定，回复“人工”问问客服吧。"


async def paid(msg: Inbound, ctx: Context) -> Step:
    """ "付好了": what the shop's records say about the shopper's latest order, truthfully."""
    orders = await ctx.services.db.orders.list_orders(msg.user, 20, channel=str(msg.channel))
    live = [o for o in orders if o.status not in (OrderStatus.CANCELLED, OrderStatus.EXPIRED)]
    if not live:
        return Step.say(NO_ORDER)
    order = live[0]
    items = order_items(order)
    if order.status is OrderStatus.CREATED:
        return Step.say(
            f"订单 {order.order_no}（{items}）这边还没收到付款哦，可能还在处理中，稍等一两分钟再看看。"
            f"还没付的话，点这里付款（应付{yuan(order.total_fen)}）："
            f"{pay_url(ctx.services.config.shop, order)}"
        )
    if order.status is OrderStatus.PAID:
        when = _faq(ctx, SHIP_WHEN_FAQ)
        return Step.say(
            f"收到啦，订单 {order.order_no}（{items}）已付款{yuan(order.total_fen)}。"
            + (f"{when}\n" if when else "")
            + "发货后会把快递单号发给您。"
        )
    if order.status is OrderStatus.DONE:
        return Step.say(f"订单 {order.order_no}（{items}）已付款，也已经完成了～还有什么可以帮您？")
    shipped = f"{order.carrier or ''}{order.tracking_no or ''}".strip()
    return Step.say(
        f"订单 {order.order_no}（{items}）已付款，而且已经发出了"
        + (f"：{order.carrier or ''} {order.tracking_no or ''}".rstrip() if shipped else "")
        + "。查物流回复“查物流”。"
    )


SHIP_WHEN_FAQ = "ship.when"
NO_ORDER = (
    "我这边没查到这个微信号下的订单哦。是用别的微信号下的单吗？"
    "发订单号给我帮您查，或回复“人工”找客服。"
)


def _faq(ctx: Context, faq_id: str) -> str:
    faq = catalog.kb(ctx).faqs.get(faq_id)
    return faq.answer if faq is not None else ""
