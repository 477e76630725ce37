"""Message normalisation: what a shopper typed → the text the matcher compares.

Two levels, because entity extraction needs what matching throws away:
- `clean()` keeps case and punctuation (order numbers are upper case, 100-200 is a range): it drops
  control characters, emoji, URLs and WeChat's bracketed emoticons, folds full width to half width
  (NFKC: ＸＬ → XL, １２３ → 123) and writes quantity-like Chinese numerals as digits (两件 → 2件).
- `normalize()` then lower-cases and turns punctuation into single spaces.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.numerals import NUMERAL_CHARS, convert_numerals, parse_chinese_number

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u4e00-\u9fff]+", re.IGNORECASE)
# WeChat sends its built-in emoticons as bracketed words; a few of them carry a meaning.
_EMOTICON_MEANING = {"再见": "再见", "好的": "好的", "ok": "好的", "强": "好的", "抱拳": "谢谢"}
_EMOTICON = re.compile(
    r"\[(微笑|撇嘴|色|发呆|得意|流泪|害羞|闭嘴|睡|大哭|尴尬|发怒|调皮|呲牙|惊讶|难过|囧|抓狂|吐|偷笑"
    r"|愉快|白眼|傲慢|困|惊恐|憨笑|悠闲|咒骂|疑问|嘘|晕|衰|骷髅|敲打|再见|擦汗|抠鼻|鼓掌|坏笑|鄙视"
    r"|委屈|快哭了|阴险|亲亲|可怜|玫瑰|凋谢|爱心|心碎|拥抱|强|弱|握手|胜利|抱拳|勾引|拳头|ok|好的"
    r"|捂脸|奸笑|机智|皱眉|耶|吃瓜|加油|汗|天啊|社会社会|旺柴|打脸|哇|翻白眼|666|让我看看|叹气"
    r"|苦涩|裂开|合十|红包|發|福|smile|grin|sob|facepalm|thumbsup)\]",
    re.IGNORECASE,
)
_PUNCT_OR_SPACE = re.compile(r"[^\w]+|_+")
_UNIT_WORDS = {"毫安时": "mAh", "毫安": "mAh", "毫升": "ml"}
_UNIT_SAID = re.compile(r"(?<=\d)\s*(毫安时|毫安|毫升)")
"""A measure said in Chinese after its number (10000毫安, 500毫升): written as the catalogue
writes it (10000mAh, 500ml), so the product whose name or spec says it is found."""
_CN_BEFORE_UNIT = re.compile(
    rf"(?<![0-9.])([{''.join(sorted(NUMERAL_CHARS))}]+)(?=\s*(?:毫安|毫升))"
)
"""The number of such a measure said in Chinese too (一万毫安, 五百毫升): as digits first."""
_PHONE_SAID = re.compile(
    r"苹果\s*(?=(?:1[0-9]|[6-9])(?![\d.斤个箱盒袋颗件份块元克kKgG%])|手机|机型|pro|max|plus)", re.I
)
"""The phone said by its maker's Chinese name (苹果15, 苹果手机, 苹果15pro): written as iPhone, as
the catalogue writes the phone, so 苹果 there never finds the fruit (苹果10斤 still does)."""
_SPACES = re.compile(r"\s+")
_COUPON_TYPO = re.compile(
    r"(?<=优惠|新人|代金|通用|满减|折扣|生鲜|水果|全店)卷|卷(?=码)|(?<=[用有领张])卷(?![发纸尺心筒])"
)
"""卷 typed for 券 where only a coupon can be meant (新人卷, 优惠卷, 用卷, 卷码); 卷纸, 三卷 and
卷发棒 stay."""


def coupon_word_fixed(text: str) -> str:
    """`text` with 卷 typed for 券 written as 券 (新人卷 → 新人券)."""
    return _COUPON_TYPO.sub("券", text) if "卷" in text else text


def _plain_class() -> str:
    """Letters, digits, spaces and CJK ideographs, less the Chinese numerals."""
    numerals = sorted(ord(ch) for ch in NUMERAL_CHARS if 0x4E00 <= ord(ch) <= 0x9FFF)
    ranges, start = [], 0x4E00
    for code in numerals:
        if code > start:
            ranges.append(f"{chr(start)}-{chr(code - 1)}")
        start = code + 1
    ranges.append(f"{chr(start)}-\u9fff")
    return "[a-zA-Z0-9 " + "".join(ranges) + "]*"


_PLAIN = re.compile(_plain_class())
"""Text that every step of `clean()` leaves as it is, but for its spaces: no symbol, control or
full-width character, no URL or emoticon (they need punctuation) and no Chinese numeral. Product
names are nearly all like this, and so are many messages; they skip the six passes."""


def _as_digits(match: re.Match[str]) -> str:
    number = parse_chinese_number(match.group(1))
    return match.group(0) if number is None else str(number)


def _emoticon(match: re.Match[str]) -> str:
    return f" {_EMOTICON_MEANING.get(match.group(1).lower(), '')} "


_NOISE_CACHE_MAX = 50_000
"""Code points remembered; a flood of rare characters cannot grow the table without bound."""


class _NoiseTable(dict[int, str]):
    """`str.translate` table: control, format, private-use and symbol characters (emoji, ★, ™)
    become spaces, everything else itself. Filled lazily, so each code point is classified once."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        noise = category[0] == "C" or category in ("So", "Sk", "Mn")
        value = " " if noise else char
        if len(self) < _NOISE_CACHE_MAX:
            self[code] = value
        return value


_NOISE = _NoiseTable()


def clean(text: str) -> str:
    """Text with noise removed and widths folded; keeps case, punctuation and spacing meaning."""
    if "毫" in text:
        text = _CN_BEFORE_UNIT.sub(_as_digits, text)
        text = _UNIT_SAID.sub(lambda m: _UNIT_WORDS[m.group(1)], text)
    if "苹果" in text:
        text = _PHONE_SAID.sub("iPhone", text)
    text = coupon_word_fixed(text)
    if _PLAIN.fullmatch(text):
        return " ".join(text.split())  # what _SPACES and strip() make of it
    text = unicodedata.normalize("NFKC", _ANSI.sub(" ", text))
    text = text.translate(_NOISE)
    text = _URL.sub(" ", text)
    text = _EMOTICON.sub(_emoticon, text)
    text = convert_numerals(text)
    return _SPACES.sub(" ", text).strip()


def normalize(text: str) -> str:
    """`clean()`, lower case, punctuation → one space: the form every index is built on."""
    if _PLAIN.fullmatch(text):
        return " ".join(text.casefold().split())
    return squash(clean(text))


def squash(cleaned: str) -> str:
    """The second half of `normalize()`, for callers that already have `clean()` output."""
    return _PUNCT_OR_SPACE.sub(" ", cleaned.casefold()).strip()


_LEADING_ACK = re.compile(
    r"^(?:(?:那|那就|那么)?(?:好吧|好的|好滴|好嘞|行吧|行|好|嗯嗯|嗯|哦哦|哦|噢|ok|okay|可以|知道了|明白了?)"
    r"(?:[\s,，。.!！~～、]+|(?=那))|(?:那么?|然后)(?![个些款件边里样种])[\s,，、]*)+(?=\S)",
    re.I,
)
"""An acknowledgement or a "那" before what the message goes on to ask (好吧 那你们主要卖啥)."""


def without_ack(text: str) -> str:
    """The message without a leading acknowledgement ("好吧 那你们主要卖啥" → 你们主要卖啥); the
    text itself when that is all it says."""
    rest = _LEADING_ACK.sub("", text.strip(), count=1).strip()
    return rest or text.strip()
