"""Which shopper words and intents go where. One table per kind, read top to bottom.

Global words are exact matches after `normalise_command_word` and win over the matcher, so the
few commands a shopper is told about (逛逛, 我的订单, 售后, 人工, 取消 …) always work.
"""

from __future__ import annotations

from bot.dialogs import Dialogs
from bot.handlers import aftercare, handoff, interrupts, queries, shopper
from bot.handlers.starts import Starts
from bot.handlers.understanding import CLARIFY
from bot.router import Handler, Router

QUESTIONS = ("payment", "invoice", "install_repair", "price_promo", "modify_order", "other")


def _words(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    return [
        (("你好", "您好", "hi", "hello", "在吗", "在不在", "菜单", "帮助"), shopper.greet),
        (("谢谢", "多谢", "谢啦", "再见", "拜拜"), shopper.thank),
        (
            ("逛逛", "逛一逛", "看看", "随便看看", "商品", "全部商品", "分类", "商品分类", "购物"),
            starts.browse,
        ),
        (("下单", "我要下单", "购买", "我要买", "买东西"), starts.order),
        (
            (
                "售后",
                "申请售后",
                "退货",
                "退款",
                "换货",
                "我要退货",
                "我要退款",
                "我要换货",
                "退换货",
            ),
            starts.aftersales,
        ),
        (tuple(interrupts.ORDERS), queries.answering(queries.my_orders)),
        (tuple(interrupts.LOGISTICS), queries.answering(queries.logistics)),
        (tuple(interrupts.TICKETS), queries.answering(queries.my_tickets)),
        (("取消订单",), queries.answering(queries.cancel_text)),
        (("优惠", "优惠活动", "活动", "优惠券"), shopper.promotions),
        (handoff.HUMAN_WORDS, handoff.start),
        (handoff.HAND_BACK_WORDS, handoff.hand_back_word),
        (tuple(interrupts.CANCEL | interrupts.BACK), shopper.nothing_to_leave),
        (tuple(interrupts.RESTART), shopper.restart),
    ]


def _intents(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    return [
        (("greeting",), shopper.greet),
        (("thanks_bye",), shopper.thank),
        (("human_agent",), handoff.start),
        (("product_search",), starts.search),
        (("product_info",), starts.question),
        (("place_order",), starts.order),
        (("order_status",), queries.answering(queries.status_text)),
        (("cancel_order",), queries.answering(queries.cancel_text)),
        (("return_refund",), starts.aftersales),
        (QUESTIONS, starts.question),
        ((CLARIFY,), starts.clarify),
    ]


def _prefixes(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    """Requests whose arguments follow in the same message (改地址 SB… 新地址)."""
    return [
        (aftercare.WORDS, aftercare.changes(starts.question)),
        (("取消订单",), queries.answering(queries.cancel_text)),
    ]


def _shopper(handler: Handler) -> Handler:
    return handoff.gated(shopper.expiry_aware(handler))


def register(router: Router, dialogs: Dialogs, starts: Starts) -> None:
    for dialog in dialogs.all():
        router.dialog(dialog.name)(handoff.gated(dialog.handle))
    for words, handler in _words(starts):
        router.word(*words)(_shopper(handler))
    for words, handler in _prefixes(starts):
        router.prefix(*words)(_shopper(handler))
    for intents, handler in _intents(starts):
        router.intent(*intents)(_shopper(handler))
    router.fallback(_shopper(shopper.fallback))
