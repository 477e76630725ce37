"""Which shopper words and intents go where. One table per kind, read top to bottom.

Global words are exact matches after `normalise_command_word` and win over the matcher, so the
few commands a shopper is told about (逛逛, 我的订单, 售后, 人工, 取消 …) always work.

Handlers are registered bare: the hand-off gate, the expiry notice and the yes to a cancellation
run around them as middlewares of their route kind (middlewares.py). What stays here is what a
route itself means (`listening`: an intent's handler reads sentences about the shopper's own
orders first; `queries.answering`: a text answer).

Every knowledge intent (`IntentId`) is routed below or listed in `UNROUTED`; `check_intents`
holds the router to that at app build.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.dialogs import Dialogs
from bot.dialogs.words import canonical
from bot.handlers import aftercare, handoff, interrupts, payments, queries, shopper, smalltalk
from bot.handlers.after_order import complaining, listening
from bot.handlers.starts import Starts
from bot.handlers.understanding import CLARIFY, PAID, PAY_LINK, SMALL_TALK
from bot.router import Handler, RouteKind, Router
from knowledge.model import IntentId

EMOJI_CODES = (
    "微笑",
    "撇嘴",
    "色",
    "发呆",
    "得意",
    "流泪",
    "害羞",
    "闭嘴",
    "睡",
    "大哭",
    "尴尬",
    "发怒",
    "调皮",
    "呲牙",
    "惊讶",
    "难过",
    "酷",
    "冷汗",
    "抓狂",
    "吐",
    "偷笑",
    "愉快",
    "白眼",
    "傲慢",
    "困",
    "惊恐",
    "流汗",
    "憨笑",
    "悠闲",
    "奋斗",
    "咒骂",
    "疑问",
    "嘘",
    "晕",
    "衰",
    "骷髅",
    "敲打",
    "擦汗",
    "抠鼻",
    "鼓掌",
    "坏笑",
    "哈欠",
    "鄙视",
    "委屈",
    "快哭了",
    "阴险",
    "亲亲",
    "可怜",
    "玫瑰",
    "凋谢",
    "爱心",
    "心碎",
    "蛋糕",
    "礼物",
    "拥抱",
    "强",
    "弱",
    "握手",
    "胜利",
    "抱拳",
    "勾引",
    "拳头",
    "OK",
    "NO",
    "嘿哈",
    "捂脸",
    "奸笑",
    "机智",
    "皱眉",
    "耶",
    "吃瓜",
    "加油",
    "汗",
    "天啊",
    "Emm",
    "社会社会",
    "旺柴",
    "打脸",
    "哇",
    "翻白眼",
    "666",
    "让我看看",
    "叹气",
    "苦涩",
    "裂开",
    "合十",
    "烟花",
    "爆竹",
    "红包",
    "福",
    "太阳",
    "月亮",
)
"""WeChat's built-in emoji as their codes read once brackets are stripped ("[微笑]" → 微笑)."""

QUESTIONS = (
    IntentId.INVOICE,
    IntentId.INSTALL_REPAIR,
    IntentId.PRICE_PROMO,
    IntentId.MODIFY_ORDER,
    IntentId.OTHER,
)
UNROUTED: frozenset[IntentId] = frozenset()
"""Knowledge intents deliberately left to the fallback (none today: each has a handler)."""
PSEUDO_INTENTS = frozenset({CLARIFY, SMALL_TALK, PAID, PAY_LINK})
"""Intent-table keys that are readings of the matcher, not knowledge intents."""


def _words(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    return [
        (
            ("你好", "您好", "hi", "hello", "嗨", "哈喽", "在吗", "在不在", "菜单", "帮助"),
            shopper.greet,
        ),
        (
            tuple(smalltalk.THANKS | smalltalk.BYE | smalltalk.ACK | smalltalk.WAIT),
            shopper.small_talk,
        ),
        (EMOJI_CODES, shopper.small_talk),
        (("",), shopper.small_talk),  # only emoji or punctuation ("👍", "？")
        ((*interrupts.CART, "清空购物车", "购物车清空"), shopper.empty_cart),
        (("结算", "去结算", "结账", "买单"), shopper.empty_cart),  # nothing to check out
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
        (("取消订单",), queries.cancel),
        (("优惠", "优惠活动", "活动", "优惠券"), shopper.promotions),
        (handoff.HUMAN_WORDS, handoff.start),
        (
            ("你是机器人吗", "你是真人吗", "是机器人吗", "是真人吗", "机器人吗"),
            shopper.are_you_a_bot,
        ),
        (handoff.HAND_BACK_WORDS, handoff.hand_back_word),
        (tuple(interrupts.CANCEL | interrupts.BACK), shopper.nothing_to_leave),
        (tuple(interrupts.BROWSE), starts.browse),
        (tuple(interrupts.RESTART), shopper.restart),
    ]


def _intents(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    return [
        ((IntentId.GREETING,), shopper.greet),
        ((IntentId.THANKS_BYE,), shopper.small_talk),
        ((IntentId.HUMAN_AGENT,), handoff.start),
        ((IntentId.PRODUCT_SEARCH,), complaining(starts.search, starts.aftersales)),
        ((IntentId.PRODUCT_INFO,), complaining(starts.question, starts.aftersales)),
        ((IntentId.PLACE_ORDER,), starts.order),
        (
            (IntentId.ORDER_STATUS,),
            # "少发了 毛巾没收到" reads as tracking to the matcher: a missing item is after-sales
            listening(queries.answering(queries.status_text), complaints=starts.aftersales),
        ),
        ((IntentId.CANCEL_ORDER,), listening(queries.cancel, complaints=starts.aftersales)),
        ((IntentId.RETURN_REFUND,), listening(starts.aftersales, complaints=starts.aftersales)),
        (QUESTIONS, listening(starts.question, complaints=starts.aftersales)),
        (
            (IntentId.PAYMENT,),
            listening(payments.choosing(starts.question), complaints=starts.aftersales),
        ),
        ((CLARIFY,), listening(starts.clarify, complaints=starts.aftersales)),
        ((SMALL_TALK,), shopper.small_talk),
        ((PAID,), payments.paid),
        ((PAY_LINK,), payments.pay_link),
    ]


def _prefixes(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    """Requests whose arguments follow in the same message (改地址 SB… 新地址)."""
    return [
        (aftercare.WORDS, aftercare.changes(starts.question, starts.order)),
        (("取消订单",), queries.cancel),
    ]


def register(router: Router, dialogs: Dialogs, starts: Starts) -> None:
    router.word_form = canonical  # "购物车里有啥" is 购物车 outside a dialog too
    for dialog in dialogs.all():
        router.dialog(dialog.name, kind=RouteKind.DIALOG)(dialog.handle)
    for words, handler in _words(starts):
        router.word(*words, kind=RouteKind.SHOPPER)(handler)
    for words, handler in _prefixes(starts):
        router.prefix(*words, kind=RouteKind.SHOPPER)(handler)
    for intents, handler in _intents(starts):
        router.intent(*intents, kind=RouteKind.SHOPPER)(handler)
    # a problem with what arrived, in words the matcher does not know, is still after-sales;
    # a sentence about the shopper's own order ("今儿能送到吗") is read against their orders
    router.fallback(listening(starts.unmatched, complaints=starts.aftersales))


class IntentRoutesError(Exception):
    """The router and the knowledge disagree about the shopper intents."""


def intent_problems(router: Router, known: Iterable[str]) -> list[str]:
    """What is wrong between the routed intents and the intents the knowledge defines: a route
    to an intent the knowledge does not have, a knowledge intent neither routed nor in
    `UNROUTED`, an intent both routed and listed as unrouted."""
    known = frozenset(known)
    routed = router.routed_intents() - PSEUDO_INTENTS
    problems = [f"routed intent '{i}' is not in the knowledge" for i in sorted(routed - known)]
    problems += [
        f"intent '{i}' is neither routed nor listed in routes.UNROUTED"
        for i in sorted(known - routed - UNROUTED)
    ]
    problems += [
        f"intent '{i}' is routed and listed as unrouted" for i in sorted(routed & UNROUTED)
    ]
    problems += [
        f"routes.UNROUTED names '{i}', not in the knowledge" for i in sorted(UNROUTED - known)
    ]
    return problems


def check_intents(router: Router, known: Iterable[str]) -> None:
    """Raise `IntentRoutesError` unless every routed intent exists in the knowledge and every
    knowledge intent is routed or deliberately unrouted."""
    problems = intent_problems(router, known)
    if problems:
        raise IntentRoutesError("; ".join(problems))
