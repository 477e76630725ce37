"""Short answers the dialogs understand, compared as `normalise_command_word` leaves them.

Global words (取消, 返回, 重新开始, 人工) are not here: the app gives them to every dialog as its
global moves (bot/handlers/interrupts.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.router import normalise_command_word


def _words(*words: str) -> frozenset[str]:
    return frozenset(normalise_command_word(w) for w in words)


YES = _words(
    "确认",
    "确定",
    "提交",
    "是",
    "是的",
    "对",
    "对的",
    "好",
    "好的",
    "ok",
    "没问题",
    "可以",
    "嗯",
    "嗯嗯",
    "下单",
    "确认下单",
    "确认提交",
    "提交订单",
    "yes",
)
NO = _words("没有", "无", "没", "不用", "跳过", "不需要", "没有券", "没券", "不要", "没了", "no")
CHECKOUT = _words(
    "结算",
    "去结算",
    "下单",
    "买单",
    "就这些",
    "就这些吧",
    "就这样",
    "就这样吧",
    "就这么多",
    "可以了",
    "没别的了",
    "不买别的了",
    "好了",
    "好",
    "好的",
    "可以",
    "确定",
    "确认",
    "提交",
    "付款",
    "去付款",
    "去下单",
    "结账",
)
MORE = _words(
    "继续",
    "继续购物",
    "再买",
    "还要",
    "加购",
    "继续加购",
    "再选",
    "再买点",
    "再看看别的",
    "还想买",
    "还要买",
    "再买别的",
    "买别的",
    "加点别的",
    "再加点",
    "还有别的",
)
MODIFY = _words("修改", "改一下", "我要改", "要改", "改", "修改订单", "改订单", "有问题", "不对")
CART = _words("购物车", "查看购物车", "看看购物车", "我的购物车", "看购物车", "购物车里有什么")
_CART_ASKED = re.compile(
    r"^(?:我)?(?:回来了)?(?:那|那我)?(?:先|再)?(?:帮我|给我)?(?:看下|看一下|看看|瞅瞅|瞧瞧|查下|查一下|查看|打开)?"
    r"(?:我|我的)?(?:刚才|刚刚|之前|原来|我)?的?购物车(?:里|里面)?(?:的东西|的商品)?"
    r"(?:呢|还在吗|还在不|还在么|还在没|在吗|在哪|在哪里|还有吗|有啥|有什么|都有啥|都有什么|"
    r"没了吗|没了|还留着吗|还留着没)?(?:啊|呀|哈)?$"
)
"""Asking after the cart in a phrase (我的购物车呢, 刚才的购物车还在吗): the word 购物车."""


TO_CART = re.compile(
    r"^(?:那|那就|就|先|帮我|给我|我)*(?:加购|(?:加|放|添加|丢)(?:入|进|到)?(?:我的)?购物车)"
    r"(?:里|里面|吧|先|了|一下|哈|呀|啊|[。.!！~～])*$"
)
"""Asking to put the product in front of the shopper in the cart ("加到购物车", "先放购物车",
"帮我加入购物车吧"): on a card it is that product, in a list it asks which one."""


TO_CART_LEAD = re.compile(
    r"^(?:那|那就|就|先|帮我|给我|我|再)*(?:加购|(?:加|放|添加|丢)(?:入|进|到)(?:我的)?购物车)"
)
"""A message that starts by asking to put something in the cart ("加购 护手霜", "加入购物车 两支
口红"): with a product named after it, that product is bought, not shown."""


GO_ON = _words(
    "确认",
    "确定",
    "提交",
    "下单",
    "结算",
    "去结算",
    "去下单",
    "结账",
    "买单",
    "付款",
    "去付款",
    "确认下单",
    "确认提交",
    "提交订单",
)
"""Words that move an order on (to the checkout, or the order placed)."""
_GO_ON_LEAD = (
    r"(?:那|那就|就|好|好的|好了|好吧|那好|行|行了|行吧|那行|嗯|嗯嗯|ok|可以|直接|现在|马上|赶紧|我要|我想|想|要|"
    r"帮我|给我|麻烦|请|先|那我|我)*"
)
_GO_ON_CORE = (
    r"(?:去|可以|能)?(?:结算|下单|买单|结账|付款|付钱|支付|提交(?:订单)?|确认(?:下单|提交|订单)?|"
    r"确定(?:下单)?|就这些|就这样|就这么多|就要这些|这些就够了|没别的了|不买别的了|别的不要了|"
    r"好了|可以了|够了)"
)
_GO_ON_TAIL = r"(?:吧|了|啊|呀|哈|呢|哦|啦|咯|一下|下|就行|就好)*"
_GOES_ON = re.compile(rf"{_GO_ON_LEAD}(?:{_GO_ON_CORE}{_GO_ON_TAIL})+")


def goes_on(word: str) -> bool:
    """Does the shopper want to move on to the checkout (or place the order)? `word` as
    `normalise_command_word` leaves it. "结算", "下单吧", "帮我下单", "可以下单了", "好了就这些",
    "确认下单": yes; a question ("怎么下单", "可以下单吗") or an acknowledgement alone ("好的",
    "可以"), no. This is the one reading every step with a question still open (a spec, a
    count, which product, a name) uses, so none of them takes such a message as its answer."""
    return bool(_GOES_ON.fullmatch(word))


_ACK_BEFORE = re.compile(
    r"^(?:那|那就)?(?:好的|好滴|好嘞|好哒|好吧|好|嗯嗯|嗯|恩|哦|行吧|行|ok|okay|可以|没问题|对的|对|是的)+"
    r"(?:那|那就|就)?"
)
_PARTICLE_AFTER = re.compile(r"(?:吧|啊|呀|哈|了|呢|哦)+$")
_BROWSE_ASKED = re.compile(
    r"^(?:我|就|先|想|要|来)*(?:(?:随便|随意|到处|四处|瞎)(?:看看|看一看|看一下|看下|瞧瞧|转转|逛)"
    r"|(?:随便|随意|到处|四处|瞎)?(?:逛逛|逛一逛|逛一下|逛下))(?:吧|呗|先|啦|哈|呀|了|哦)*$"
)
"""Ways of saying 随便看看 (随便逛逛, 先随便瞧瞧, 到处逛逛吧): browsing, the menu's own word. A bare
看看 is left alone: inside a dialog it is about what is on screen."""


def canonical(word: str) -> str:
    """A phrase that means a global word, as that word; any other word as it is.

    An acknowledgement before a word that moves the order on is that word ("好的确认",
    "行提交吧" → 确认, 提交): the 确认 is what the shopper wants done, never a thank-you."""
    # Asked several times per message of its one word (the routes, the dialog's turn).
    return _canonical(word) if len(word) <= 64 else _canonical.__wrapped__(word)


@lru_cache(maxsize=4096)
def _canonical(word: str) -> str:
    if word not in CART and _CART_ASKED.match(word):
        return "购物车"
    if _BROWSE_ASKED.match(word):
        return "随便看看"
    acked = _PARTICLE_AFTER.sub("", _ACK_BEFORE.sub("", word, count=1))
    return acked if acked != word and acked in GO_ON else word


BUY = _words(
    "买",
    "购买",
    "我要买",
    "下单",
    "要了",
    "就要这个",
    "买这个",
    "我要",
    "立即购买",
    "要",
    "买它",
    "来一件",
    "加入购物车",
    "要这个",
    "就这个",
    "就这个吧",
    "这个吧",
    "就要这个吧",
    "要这款",
    "就这款",
    "就这款吧",
    "要这件",
    "就这件",
    "就它了",
    "就它吧",
    "就它",
    "要它",
    "买这款",
    "拍这个",
    "来一个",
    "来一份",
    "买一个",
)
ASK = _words("问", "咨询", "问问", "我想问", "详情", "介绍")
NEXT_PAGE = _words("更多", "下一页", "下页", "再看看", "换一批", "还有吗", "还有", "后面")
PREV_PAGE = _words("上一页", "上页", "前一页")
PHOTOS_DONE = _words(
    "好了",
    "好",
    "完成",
    "发完了",
    "没有了",
    "就这些",
    "跳过",
    "没有",
    "不用",
    "没照片",
    "没有照片",
    "不发了",
    "ok",
    "确认",
    "提交",
    "没",
    "无",
    "不用了",
    "没图",
    "没有图",
    "没有图片",
    "没拍",
    "没拍照",
    "不发",
)

_ACK_ONLY = re.compile(
    r"^(?:那|那就)?(?:好的|好滴|好嘞|好哒|好吧|好|嗯嗯|嗯|恩|哦|行吧|行|ok|okay|可以|没问题|对的|对|是的)+"
    r"(?:那|那就)?"
)
"""The acknowledgement before a buy word; its 就 is the word's own ("嗯 就它")."""
_COUNT_AFTER = re.compile(
    r"(?:要|来|买|拿)?(?:\d{1,2}|[一两二三四五六七八九十])[件个条双套盒瓶支只份](?:吧|哈|啊|呀|就行|就好)*$"
)


def buys(word: str) -> bool:
    """A word to buy what is in front of the shopper, with an acknowledgement before it and a
    count after it ("嗯 就它 一件", "好的 要这个 两件", "就这款吧"). `word` as
    `normalise_command_word` leaves it; the count is the order form's to read."""
    if word in BUY:
        return True
    bare = _COUNT_AFTER.sub("", _ACK_ONLY.sub("", word, count=1))
    return bare != word and bool(bare) and bare in BUY
