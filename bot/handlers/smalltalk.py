"""Small talk: thanks, goodbyes, acknowledgements (好的, 嗯, ok), WeChat emoji codes ([微笑],
[OK], 👍), "你是机器人吗", and chat said in a phrase: praise (挺智能的), the weather or how one
feels (今天好冷啊), being back (我回来了 还在吗), the people behind the shop (你们老板是谁: 人工
offered). Each gets a short, sensible reply; none is
searched as a product (智能 is no 智能手表表带, 冷 no 冷泡茶).

The phrase kinds (`CHAT_KINDS`) match the whole message, so a message that asks something
besides (今天好冷 有羽绒服吗) is no small talk.

WeChat sends its built-in emoji inside the text as codes in brackets ("[微笑]", "[强]"); Unicode
emoji arrive as themselves. A message made only of those (and punctuation) is read by what the
emoji mean: most are friendly (an acknowledgement), a few say no, are puzzled, or wave goodbye.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache

from bot.router import normalise_command_word
from knowledge.normalize import without_ack


class Small(Enum):
    THANKS = "thanks"
    BYE = "bye"
    ACK = "ack"
    UNHAPPY = "unhappy"
    PUZZLED = "puzzled"
    GREETING = "greeting"
    WAIT = "wait"  # 我再想想: nothing to do now, keep what is under way
    BOT = "bot"  # "are you a robot?"
    PRAISE = "praise"  # 挺智能的, 你真棒
    CHAT = "chat"  # 今天好冷啊, 好无聊: the weather, how one feels
    BACK = "back"  # 我回来了 还在吗: back after a while (or after a human)
    ABUSE = "abuse"  # 你好笨, 听不懂人话吗, 垃圾机器人: frustration with the bot
    OWNER = "owner"  # 你们老板是谁, 店主在吗: the people behind the shop, not the bot
    HURRY = "hurry"  # 快点回答啊, 怎么不回了: waiting for the bot, not for the parcel (催发货)
    SHOP = "shop"  # 你们店叫啥名, 主要卖啥: the shop itself (its name and categories)


CHAT_KINDS = frozenset({Small.PRAISE, Small.CHAT, Small.BACK, Small.OWNER, Small.HURRY, Small.SHOP})
"""Small talk recognised from a phrase, not a fixed word: no dialog step takes it as an answer."""


def _words(*words: str) -> frozenset[str]:
    return frozenset(normalise_command_word(w) for w in words)


THANKS = _words(
    "谢谢",
    "谢谢你",
    "谢谢您",
    "多谢",
    "谢啦",
    "谢了",
    "感谢",
    "感谢感谢",
    "谢谢啦",
    "好的谢谢",
    "好谢谢",
    "嗯谢谢",
    "ok谢谢",
    "thanks",
    "thankyou",
    "thx",
    "辛苦了",
    "辛苦啦",
    "麻烦了",
    "麻烦你了",
    "谢谢亲",
    "谢谢哈",
    "非常感谢",
    "太感谢了",
    "好的谢谢你",
    "知道了谢谢",
)
BYE = _words(
    "再见",
    "拜拜",
    "拜",
    "bye",
    "byebye",
    "88",
    "886",
    "回见",
    "下次见",
    "先这样",
    "就这样吧",
    "没事了",
    "没有了",
    "没别的了",
    "没事了谢谢",
    "好的再见",
    "谢谢再见",
    "那先这样",
    "晚安",
)
ACK = _words(
    "好的",
    "好",
    "好滴",
    "好哒",
    "好嘞",
    "好咧",
    "好吧",
    "嗯",
    "嗯嗯",
    "嗯呢",
    "恩",
    "恩恩",
    "哦",
    "哦哦",
    "噢",
    "喔",
    "ok",
    "okay",
    "okk",
    "行",
    "行吧",
    "可以",
    "收到",
    "明白",
    "明白了",
    "知道了",
    "了解",
    "了解了",
    "懂了",
    "没问题",
    "对",
    "对的",
    "是的",
    "是",
    "嗯好",
    "好的呢",
    "好的好的",
    "好哒好哒",
    "哈哈",
    "哈哈哈",
    "呵呵",
    "嘿嘿",
)
WAIT = _words(
    "我再想想",
    "再想想",
    "我想想",
    "想一想",
    "考虑一下",
    "我考虑一下",
    "考虑考虑",
    "我考虑考虑",
    "等一下",
    "等下",
    "稍等",
    "稍等一下",
    "等等",
    "等会",
    "等会儿",
    "我先看看",
    "先看看",
    "晚点再说",
    "回头再说",
    "我问问",
    "我问一下家人",
)
GREETING = _words(
    "在吗",
    "在不在",
    "你好",
    "您好",
    "哈喽",
    "hello",
    "hi",
    "有人吗",
    "在么",
    "嗨",
    "嗨嗨",
    "hey",
    # shoppers call whoever answers 老板 / 亲: "老板在吗" is 在吗, not the owner asked after
    "老板在吗",
    "老板在不在",
    "老板在么",
    "老板你好",
    "老板好",
    "亲在吗",
    "亲在不在",
)
UNHAPPY_CODES = frozenset(
    {
        "NO",
        "弱",
        "差劲",
        "大哭",
        "流泪",
        "难过",
        "发怒",
        "咒骂",
        "心碎",
        "凋谢",
        "委屈",
        "快哭了",
        "裂开",
        "叹气",
        "苦涩",
        "皱眉",
        "鄙视",
    }
)
PUZZLED_CODES = frozenset({"疑问", "晕", "发呆", "惊讶", "尴尬", "Emm", "捂脸", "天啊", "让我看看"})
BYE_CODES = frozenset({"再见", "晚安", "月亮"})
UNHAPPY_EMOJI = frozenset("👎😞😢😭😡😠💔🙁☹😒😤")
PUZZLED_EMOJI = frozenset("🤔😳😵❓❔😅🤨😶😐")
_CODE = re.compile(r"\[([^\[\]\s]{1,6})\]|/:[^\s]{1,6}")
_BOT = re.compile(
    r"^(?:请问)?(?:你|您|你们|这边|对面)?(?:是|是不是|到底是|真的是)(?:一个)?"
    r"(?:机器人|真人|人工|ai|智能客服|自动回复|程序|人工智能|真的人|活人|人)(?:吗|么|嘛|吧|啊|呀|呢)*[?？!！。]*$"
    r"|^(?:你|您)?(?:机器人|真人|ai|自动回复)(?:吗|么|嘛|吧)[?？]*$"
    r"|^(?:你|您)(?:是)?(?:真人|人)还是机器人?(?:啊|呀|呢)?[?？]*$",
    re.I,
)


_PARTICLES = r"(?:的|啊|呀|嘛|了|哦|呢|哈|啦|诶|欸|耶|喔|噢)*"
_PRAISE = re.compile(
    r"^(?:哈+|嘿+|呵+|哇+|哇塞)?(?:你|您|这|这个|小助手|机器人|客服)?(?:还|也|真的)?"
    r"(?:挺|真|好|太|蛮|很|超|超级|特别|非常|还挺|还蛮|真是)"
    r"(?:智能|聪明|厉害|棒|机智|专业|贴心|给力|靠谱|牛|可爱|能干|懂|快)" + _PARTICLES + r"(?:哈+)?$"
    r"|^(?:你|您)?(?:真不错|不错嘛|不错哦|不错不错|666+|牛啊|牛哇|厉害了|点赞|给你点赞)"
    + _PARTICLES
    + "$"
)
_COLD = re.compile(r"冷|冻|降温|下雪")
_HOT = re.compile(r"热|晒|闷")
_RAIN = re.compile(r"下雨|雨")
_CHAT = re.compile(
    r"^(?:哈+|嘿+|呵+|唉+|哎+|哇+)?(?:今天|今儿|最近|这几天|这两天|外面|这天|早上|晚上|我们这|我这边|这边)*(?:天气)?"
    r"(?:(?:好|真|太|有点|有点儿|挺|超|巨|贼|特别|好像|又)?"
    r"(?:冷|热|晒|闷|降温|下雨|下雪|刮风|无聊|累|困|饿|忙)(?:了|死了|死我了|得要命)?"
    + _PARTICLES
    + r")+$"
    r"|^(?:今天|最近)?天气(?:真|好|不错|挺好|真好|很好)" + _PARTICLES + "$"
)
_BACK = re.compile(
    r"^(?:我|俺|人)?(?:又)?回来(?:了|啦|咯)?(?:哈|哦)?(?:你|您|客服)?(?:还)?"
    r"(?:在吗|在不在|在么|在嘛|在不)?(?:呀|啊)?$"
)
CHAT_REPLIES = (
    (_COLD, "是呀，天冷了注意保暖～有需要随时找我。"),
    (_HOT, "是呀，天热注意防暑，多喝水～有需要随时找我。"),
    (_RAIN, "下雨天出门注意安全～有需要随时找我。"),
)
CHAT_REPLY = "哈哈，有需要随时找我～"


def chat_reply(text: str) -> str:
    """The reply to weather or feelings small talk (今天好冷啊 → 注意保暖)."""
    return next((reply for said, reply in CHAT_REPLIES if said.search(text)), CHAT_REPLY)


_OWNER = re.compile(
    r"^(?:请问)?(?:你们|您们|你家|这家|这家店|店里|贵店|你们店|你们家)?的?"
    r"(?:老板|老板娘|店主|店长|掌柜|负责人|经理)"
    r"(?:是谁|是哪位|是哪个|叫什么|叫啥|叫什么名字|在吗|在不在|在么|呢|在哪|在哪里|是男是女|"
    r"能聊吗|出来|人呢|怎么联系|联系方式)(?:呀|啊|哈|呢)*$"
)
"""Asking after the people behind the shop (你们老板是谁, 店主在吗): no product, no order."""


_HURRY = re.compile(
    r"^(?:你|您|客服)?(?:快点|快一点|快些|赶紧|快)(?:回答|回复|回|答复|说|说话)(?:我|一下)?"
    + _PARTICLES
    + r"$|^(?:你|您|客服)?(?:怎么|咋|为什么|为啥)(?:还)?不(?:回|回答|回复|说话|理我)"
    + _PARTICLES
    + r"$|^(?:你|您|客服)?(?:能不能|能|可以|麻烦)?(?:快点|快一点|快些|赶紧|赶快|搞快点|快快|麻利点|利索点)"
    + r"(?:吧|好吗|行吗|行不行|好不好|可以吗)?"
    + _PARTICLES
    + "$"
)
"""Impatience with the bot's answer (快点回答啊, 快点啊 alone), never with an order: 快点发货 is
not it, and "快点啊" at the receiver's name is no name."""

_HOLD_ON = r"(?:你|您)?(?:稍等|稍微等|等一下|等下|等等|等会儿?)(?:一下|下|我)?"
_LOOKING = (
    r"(?:我|让我)(?:先|再|去)?(?:看|找|查|翻)(?:一下|下|一看|看看?|一找|找找?|一查|查查?|一翻|翻翻?)?"
    r"(?:看)?(?:记录|聊天记录|订单号?|单号|截图|手机)?"
    r"|(?:我|让我)(?:先|再|去)?(?:问问|问一下|问下)(?:家里人|家人|老公|老婆|朋友|同事)"
    r"|(?:我|让我)(?:先|再|去)?问问"
)
_BUSY = re.compile(
    r"^(?=.*(?:等|下|找找|查查|翻翻|问问|记录|单号|订单|截图))"  # 我看看 alone may mean browsing
    rf"(?:好的?|好吧|嗯嗯?|行|哦|ok)?(?:(?:{_HOLD_ON}|{_LOOKING}){_PARTICLES}){{1,3}}$",
    re.I,
)
"""The shopper is busy for a moment (稍等 我找找, 等下 我翻下记录): they will come back, so the
answer is "take your time", never a goodbye. 我问一下 alone is no such phrase: it opens a question."""


_SHOP = re.compile(
    r"^(?:请问|问一下|问下)?(?:你们|您们|你家|这家|这|这个|贵)?(?:店|店铺|小店|商店|网店|家店)?"
    r"(?:的?名字|名称|店名)?"
    r"(?:叫啥|叫什么|叫什么名字|叫啥名|叫啥名字|是什么名字|是啥名字|名字是什么|名字叫啥|是哪家店?|"
    r"是什么店|是啥店|是做什么的|是干什么的|是卖什么的|是卖啥的|做什么的|干什么的|"
    r"(?:主要|一般|平时|都|还)?(?:卖|经营|做)(?:些|点)?(?:什么|啥|哪些|什么东西|啥东西|什么的|啥的|哪些东西|什么产品|哪些产品|哪些品类|什么类型的?)"
    r"(?:东西|商品|产品)?)(?:呀|啊|哈|呢|嘛|的|哦)*$"
)
"""Asking about the shop itself (你们店叫啥名, 你们是什么店, 主要卖啥): its name and categories."""


def _phrase_kind(word: str) -> Small | None:
    for pattern, small in (
        (_SHOP, Small.SHOP),
        (_PRAISE, Small.PRAISE),
        (_CHAT, Small.CHAT),
        (_BACK, Small.BACK),
        (_OWNER, Small.OWNER),
        (_HURRY, Small.HURRY),
        (_BUSY, Small.WAIT),
    ):
        if pattern.match(word):
            return small
    return None


_ABUSE = re.compile(
    r"笨(?!重)|蠢|傻(?:瓜|子|逼|x)?|智障|弱智|白痴|脑残|废物|垃圾(?!袋|桶|分类|篓|箱|筐)|"
    r"听不懂|听不明白|听不进|看不懂|不懂人话|说人话|人话|答非所问|牛头不对马嘴|鸡同鸭讲|"
    r"什么破|破机器人|没用的?|有病|无语|烦死|气死|服了|醉了|搞什么|什么鬼|靠谱点",
    re.I,
)
_ABUSE_FILLER = re.compile(
    r"你们?|您|真的?|太|好|是|个|这么|那么|这|怎么|什么|都|也|还|就|我|说|了|的|啊|呀|吗|么|嘛|呢|吧|"
    r"机器人|客服|智能|助手|ai|东西|玩意儿?|回答|回复|一样|简直|实在|完全|根本|一点|半天|又|再|"
    r"[?？!！。.,，~～\s]",
    re.I,
)
_WANTS_HUMAN = re.compile(r"人工|真人|转接|转人")


def _abuse(text: str) -> bool:
    """Frustration with the bot and nothing else ("你好笨", "听不懂人话吗", "垃圾机器人"); a
    message that asks something besides, or asks for a human, goes on to be answered."""
    if len(text) > 20 or not _ABUSE.search(text) or _WANTS_HUMAN.search(text):
        return False
    return len(_ABUSE_FILLER.sub("", _ABUSE.sub("", text))) <= 2


def _emoji_only(text: str) -> str | None:
    """The emoji a text is made of, as one string of codes and characters; None if it has words."""
    codes = [m.group(1) or m.group(0) for m in _CODE.finditer(text)]
    rest = _CODE.sub("", text)
    symbols = [ch for ch in rest if _is_emoji(ch)]
    leftover = "".join(ch for ch in rest if not _is_emoji(ch))
    if normalise_command_word(leftover) or not (codes or symbols or leftover.strip()):
        return None
    return "|".join([*codes, *symbols]) or leftover.strip()


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk", "Cs", "Mn") or ch in "\u200d\ufe0f"


@lru_cache(maxsize=2048)  # asked of one message's text by the router, the dialogs, the middlewares
def kind(text: str) -> Small | None:
    """What a message of small talk is, or None when it says something more."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return None
    if _BOT.match(folded.replace(" ", "")):
        return Small.BOT
    if _abuse(folded):
        return Small.ABUSE
    emoji = _emoji_only(folded)
    if emoji is not None:
        return _emoji_kind(emoji)
    word = normalise_command_word(_CODE.sub("", folded))
    for words, small in (
        (THANKS, Small.THANKS),
        (BYE, Small.BYE),
        (ACK, Small.ACK),
        (GREETING, Small.GREETING),
        (WAIT, Small.WAIT),
    ):
        if word in words:
            return small
    if not word:
        return None
    # 好吧 那你们主要卖啥: the question after the acknowledgement says what the message is
    return _phrase_kind(word) or _phrase_kind(normalise_command_word(without_ack(word)))


def _emoji_kind(emoji: str) -> Small:
    parts = set(emoji.split("|"))
    if parts & BYE_CODES:
        return Small.BYE
    if parts & UNHAPPY_CODES or any(ch in UNHAPPY_EMOJI for ch in emoji):
        return Small.UNHAPPY
    if (
        parts & PUZZLED_CODES
        or any(ch in PUZZLED_EMOJI for ch in emoji)
        or set(emoji) <= set("?？")
    ):
        return Small.PUZZLED
    return Small.ACK


def asks_if_bot(text: str) -> bool:
    return kind(text) is Small.BOT


BOT_ANSWER = (
    "我是{shop}的智能助手，是机器人哦🤖：查商品、下单、查订单和售后都可以直接跟我说。"
    "需要真人客服请回复“人工”，会转给店里的客服。"
)

SORRY = "实在抱歉，是我没理解好，让您着急了🙏 回复“人工”，我马上请客服来帮您。"
"""The answer to frustration with the bot: a short apology and a human offered, never the
catalogue or "没听懂" again."""
SORRY_AGAIN = "真的很抱歉，回复“人工”就能直接找到客服。"
"""The same frustration again right after: said shorter, never a smile."""

OUTSIDE = {
    Small.ABUSE: SORRY,
    Small.THANKS: "不客气！有需要随时找我～",
    Small.BYE: "再见～欢迎常来逛逛！",
    Small.ACK: "好嘞～还有什么可以帮您？想买什么直接告诉我就行。",
    Small.UNHAPPY: "抱歉让您不满意了。有什么问题可以直接告诉我，或回复“人工”找客服。",
    Small.PUZZLED: "有什么不清楚的可以直接问我～回复“帮助”看看我能做什么。",
    Small.WAIT: "好的，不着急～有需要随时找我。",
    Small.PRAISE: "谢谢夸奖～有需要随时找我。",
    Small.BACK: "在的，欢迎回来～有什么需要直接说就行。",
    Small.OWNER: "我是店铺的小助手，老板本人不在这个对话里哦～想找老板或店里的负责人，"
    "回复“人工”，我请客服帮您转达。",
    Small.HURRY: "抱歉让您久等了🙏 您想问什么直接说，我马上回；也可以回复“人工”找客服。",
}
AGAIN = "😊"
"""The reply to the same small talk again, right after the first."""
INSIDE = {
    Small.ABUSE: SORRY,
    Small.THANKS: "不客气～",
    Small.ACK: "好嘞～",
    Small.UNHAPPY: "抱歉让您不满意了，有问题可以直接告诉我，或回复“人工”找客服。",
    Small.PUZZLED: "有不清楚的地方可以直接问我～",
    Small.GREETING: "在的，您说～",
    Small.PRAISE: "谢谢夸奖～",
    Small.BACK: "在的，欢迎回来～",
    Small.OWNER: "找老板或店里的负责人可以回复“人工”，我请客服转达～",
    Small.HURRY: "抱歉让您久等了🙏",
}


def outside(small: Small, text: str) -> str:
    """The reply to small talk with no dialog under way."""
    if small is Small.CHAT:
        return chat_reply(text)
    return OUTSIDE.get(small, OUTSIDE[Small.ACK])


def inside(small: Small, text: str) -> str:
    """The short reply to small talk in the middle of a dialog (its question follows)."""
    if small is Small.CHAT:
        return chat_reply(text).split("～")[0] + "～"
    return INSIDE.get(small, INSIDE[Small.ACK])
