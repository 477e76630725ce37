"""Which shopper words and intents go where. One table per kind, read top to bottom.

Global words are exact matches after `normalise_command_word` and win over the matcher, so the
few commands a shopper is told about (逛逛, 我的订单, 售后, 人工, 取消 …) always work.
"""

from __future__ import annotations

from bot.dialogs import Dialogs
from bot.handlers import aftercare, handoff, interrupts, queries, shopper, smalltalk
from bot.handlers.after_order import listening
from bot.handlers.starts import Starts
from bot.handlers.understanding import CLARIFY
from bot.router import Handler, Router

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

QUESTIONS = ("payment", "invoice", "install_repair", "price_promo", "modify_order", "other")


def _words(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    return [
        (("你好", "您好", "hi", "hello", "在吗", "在不在", "菜单", "帮助"), shopper.greet),
        (
            tuple(smalltalk.THANKS | smalltalk.BYE | smalltalk.ACK | smalltalk.WAIT),
            shopper.small_talk,
        ),
        (EMOJI_CODES, shopper.small_talk),
        (("",), shopper.small_talk),  # only emoji or punctuation ("👍", "？")
        ((*interrupts.CART, "清空购物车", "购物车清空"), shopper.empty_cart),
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
        (("greeting",), shopper.greet),
        (("thanks_bye",), shopper.small_talk),
        (("human_agent",), handoff.start),
        (("product_search",), starts.search),
        (("product_info",), starts.question),
        (("place_order",), starts.order),
        (("order_status",), listening(queries.answering(queries.status_text))),
        (("cancel_order",), listening(queries.cancel)),
        (("return_refund",), listening(starts.aftersales)),
        (QUESTIONS, listening(starts.question)),
        ((CLARIFY,), listening(starts.clarify, complaints=starts.aftersales)),
    ]


def _prefixes(starts: Starts) -> list[tuple[tuple[str, ...], Handler]]:
    """Requests whose arguments follow in the same message (改地址 SB… 新地址)."""
    return [
        (aftercare.WORDS, aftercare.changes(starts.question)),
        (("取消订单",), queries.cancel),
    ]


def register(router: Router, dialogs: Dialogs, starts: Starts) -> None:
    def shopper_route(handler: Handler) -> Handler:
        return handoff.gated(shopper.expiry_aware(queries.confirming(handler)), dialogs)

    for dialog in dialogs.all():
        router.dialog(dialog.name)(handoff.gated(dialog.handle, dialogs))
    for words, handler in _words(starts):
        router.word(*words)(shopper_route(handler))
    for words, handler in _prefixes(starts):
        router.prefix(*words)(shopper_route(handler))
    for intents, handler in _intents(starts):
        router.intent(*intents)(shopper_route(handler))
    router.fallback(shopper_route(shopper.fallback))
