"""Small talk: thanks, goodbyes, acknowledgements (好的, 嗯, ok), WeChat emoji codes ([微笑],
[OK], 👍) and "你是机器人吗". Each gets a short, sensible reply; none is searched as a product.

WeChat sends its built-in emoji inside the text as codes in brackets ("[微笑]", "[强]"); Unicode
emoji arrive as themselves. A message made only of those (and punctuation) is read by what the
emoji mean: most are friendly (an acknowledgement), a few say no, are puzzled, or wave goodbye.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from bot.router import normalise_command_word


class Small(Enum):
    THANKS = "thanks"
    BYE = "bye"
    ACK = "ack"
    UNHAPPY = "unhappy"
    PUZZLED = "puzzled"
    GREETING = "greeting"
    WAIT = "wait"  # 我再想想: nothing to do now, keep what is under way
    BOT = "bot"  # "are you a robot?"


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
GREETING = _words("在吗", "在不在", "你好", "您好", "哈喽", "hello", "hi", "有人吗", "在么")
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


def kind(text: str) -> Small | None:
    """What a message of small talk is, or None when it says something more."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return None
    if _BOT.match(folded.replace(" ", "")):
        return Small.BOT
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
    return None


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

OUTSIDE = {
    Small.THANKS: "不客气！有需要随时找我～",
    Small.BYE: "再见～欢迎常来逛逛！",
    Small.ACK: "好嘞～还有什么可以帮您？想买什么直接告诉我就行。",
    Small.UNHAPPY: "抱歉让您不满意了。有什么问题可以直接告诉我，或回复“人工”找客服。",
    Small.PUZZLED: "有什么不清楚的可以直接问我～回复“帮助”看看我能做什么。",
    Small.WAIT: "好的，不着急～有需要随时找我。",
}
AGAIN = "😊"
"""The reply to the same small talk again, right after the first."""
INSIDE = {
    Small.THANKS: "不客气～",
    Small.ACK: "好嘞～",
    Small.UNHAPPY: "抱歉让您不满意了，有问题可以直接告诉我，或回复“人工”找客服。",
    Small.PUZZLED: "有不清楚的地方可以直接问我～",
    Small.GREETING: "在的，您说～",
}
