"""Reading values out of what shoppers type: quantities, list picks, phones, names, addresses,
labelled contact details and corrections ("是99号不是90号"). Pure functions, no shop data.

A reader returns None when the text does not contain its value; a checker says in Chinese what is
wrong with a value (None: it is fine). Keeping them apart lets a form tell "you answered
something else" (maybe a question, answered by the FAQ) from "you answered, but the value is
wrong" (say why, ask again).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from knowledge.numerals import parse_chinese_number
from knowledge.regions import place_at_start, province_of

MAX_QTY = 99
MAX_NAME = 20
MAX_ADDRESS = 120
MIN_ADDRESS = 8

UNITS = "件个只支条双套盒瓶包袋箱斤台罐桶提份对副把本片卷枚杯听串颗张部块"
_CN = "零〇一二两俩仨三四五六七八九十百千万"
NUMBER = rf"(?:\d{{1,9}}|[{_CN}]+)"
_TAIL = r"(?:吧|的|就行了?|就好了?|好了|就够了|就可以了?|即可|哈|哦|呀|啊)*[。.!！~～]*"
_WHOLE_QTY = re.compile(
    rf"^(?:[x×*]\s*)?(?:我?(?:要|来|买|拿|订|就要|就来|先来|先要))?\s*([-+－]?{NUMBER})\s*(?:[{UNITS}])?{_TAIL}$",
    re.I,
)
_QTY_IN = re.compile(
    rf"(?<![第\d.])({NUMBER})\s*([{UNITS}])(?!装|号|码|月|天|年|小时|点|分|寸|米|克|毫|升|以|左右|多|钟|位|楼|栋|层|室|单元)"
)
_PAIR_WORDS = re.compile(
    r"(?:来|要|买|拿|订|拍)\s*(俩|仨)(?![人])|^\s*(俩|仨)\s*(?:[个件吧啊哈呗呀]\s*)*$"
)
"""俩 / 仨 are counts after a buying verb ("买 俩", "来俩吧") or alone; "我们俩" is no count."""
_VERB_FIRST = re.compile(r"^\s*(?:我)?(?:要|来|买|拿|订|拍|就要|就来|先来|先要)")
_PHONE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
PHONE_IN = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
_DIGITS = re.compile(r"\d")
QUESTION = re.compile(
    r"[?？吗呢么]|多少|怎么|什么|为什么|哪|几|能不能|可不可以|是不是|有没有|如何|多久"
    r"|(?<!没)啥(?!都)|咋"
)
"""A question: 啥/咋 are how 什么/怎么 are typed in chat ("发票啥时候给我"); "没啥" is not one."""
# 带/送/配/含 as "comes with", never inside a word: 皮带是真皮的吗 is about the belt, 适配苹果吗
# and 配送要几天吗 about fit and delivery.
_COMES_WITH = "(?<![皮腰鞋表绑吊肩纽携附磁胶束领])带|(?<![配运护赠])送|(?<![适搭标分])配(?!送)|含"
_WHETHER_TO_BUY = re.compile(
    r"(?:另外|单独|额外|另|分开|还要|还得|还需要)(?:再)?(?:买|购买|配|卖|付费|加钱)"
    r"|要不要(?:另外|单独)?买|需不需要(?:另外|单独)?买|用不用(?:另外|单独)?买"
    r"|是(?:单独|分开)(?:卖|买)的|带(?:不带|没带)|(?:" + _COMES_WITH + r")[^，,。]{1,6}(?:吗|么|嘛)"
)


def asks_whether_to_buy(text: str) -> bool:
    """ "刷头要另外买吗", "滤芯是单独卖的吗", "送充电头吗": whether a part comes with the product
    or is bought on its own, a question and no order (its 买 buys nothing)."""
    return bool(QUESTION.search(text) and _WHETHER_TO_BUY.search(fold(text)))


YES_NO = re.compile(
    r"(?<=[会能可以是有要用好])(?P<what>[\u4e00-\u9fffA-Za-z]{0,6})(?:不|没|没有)[?？～~。.!！]*$"
)
"""A yes-no question ending in 不 ("洗了会缩水不", "能机洗不")."""
_UNMARKED = re.compile(
    rf"多[长重宽大](?!时间)|^[裤衣袖裙]长|([\u4e00-\u9fff])不\1|{YES_NO.pattern}"
)
"""A question without a question word: a measure ("皮带有多长的", "裤长", "多大容量"), an A-not-A
one ("重不重", "贵不贵"), or a yes-no one ending in 不."""


@lru_cache(maxsize=4096)  # asked of one text several times a message
def is_question(text: str) -> bool:
    """Does the shopper ask something (a question word, or `_UNMARKED`)?"""
    return bool(QUESTION.search(text) or _UNMARKED.search(text))


IN_STOCK_ASKED = re.compile(
    r"有没有|有吗|有的吗|有木有|有货|还有|现货|缺货|卖完|没货|有[^，,。]{1,8}[吗么嘛]"
    r"|有[^，,。]{0,8}(?:不|没)[?？～~。.!！]*$"
)
"""Whether something is there ("有白色吗", "浅蓝的还有吗", "粉的有没", "有黑色不"), not what it
is like."""
_QUESTION_JOINS = re.compile(r"[\s,，。;；、]+|[?？]+|(?:还有|另外|顺便问下|顺便问一下|以及)")
_PRICE_ASKED = re.compile(r"多少钱|价格|价钱|几块|怎么卖|啥价|什么价")


_TURNS_TO = re.compile(
    r"^(?:那|那么|还有)(?:(?!多少|几|什么|啥|怎么|哪)[^\s，,？?]){1,10}?(?:呢|嘞)$"
)
"""A thing turned to with nothing asked of it ("那开衫呢"), before the question about it."""


def turns_to(text: str) -> bool:
    """ "那开衫呢": a thing turned to, with nothing asked of it yet."""
    return bool(_TURNS_TO.match(fold(text).strip().rstrip("?？")))


def question_parts(text: str) -> list[str]:
    """The questions of a message that asks several at once ("多少钱 有黑色吗" → "多少钱",
    "有黑色吗"), in the order asked; one part (or none) when it asks one thing. A part that asks
    nothing ("我想要") makes it no list of questions: the message is read whole."""
    parts = [p for p in _QUESTION_JOINS.split(fold(text)) if p]
    while len(parts) > 1 and _TURNS_TO.match(parts[0]):
        parts[:2] = [f"{parts[0]} {parts[1]}"]  # 那开衫呢 有啥颜色: one question, of the 开衫
    if len(parts) < 2 or len(parts) > 3:
        return [text]
    if not all(QUESTION.search(p) or _PRICE_ASKED.search(p) for p in parts):
        return [text]
    return parts


_CLAUSES = re.compile(r"[\s,，;；。!！]+")


def asked_beside(text: str) -> str:
    """The clauses of a message that ask something while others do not ("想买个加湿器 来一个
    声音大吗" → "声音大吗", "木质调那个吧 能写贺卡吗" → "能写贺卡吗"): the question said beside an
    order, for the order form to answer in passing; "" when no clause asks, or every one does."""
    clauses = [c for c in _CLAUSES.split(fold(text)) if c]
    asked = [c for c in clauses if is_question(c)]
    return " ".join(asked) if asked and len(asked) < len(clauses) else ""


_SAME_DAY = re.compile(
    r"(?:今天|今日|今儿|当天|现在|这会儿?|这个点|马上)[^，,。？?！!]{0,8}?"
    r"(?:发(?!票)|寄出|寄走|出库)"
)
_STILL_SENT = re.compile(r"(?:还|今天)(?:能|可以|来得及)(?:发|寄)(?!票)")
_NOW_SAID = r"(?:现在|已经|都|这会儿?|眼下)(?:是|才|快|已经|都|都快|快要)?"
_PART_OF_DAY = r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里"
_TOLD_TIME = re.compile(
    rf"(?:(?:{_NOW_SAID})\s*(?P<part>{_PART_OF_DAY})?|(?P<only_part>{_PART_OF_DAY}))\s*"
    r"(?P<hour>\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*(?:点钟?|时|:|：)\s*"
    r"(?P<minute>半|一刻|三刻|\d{1,2}|[一二三四五]十[一二三四五六七八九]?|[一二三四五六七八九])?"
    r"(?!\s*(?:前|之前|以前|后|之后|以后|以内))"
)
_AFTERNOON = frozenset({"下午", "傍晚", "晚上", "夜里"})


def asks_same_day(text: str) -> bool:
    """ "今天还能发吗", "现在下单今天能发出吗", "都六点了还能发吗": whether an order placed now
    leaves today (never an invoice's 发票, nor when a parcel arrives)."""
    folded = fold(text)
    if not is_question(folded):
        return False
    said_now = _TOLD_TIME.search(folded) is not None and _STILL_SENT.search(folded) is not None
    return said_now or _SAME_DAY.search(folded) is not None


def told_time(text: str, near: time) -> time | None:
    """The time of day the shopper says it is ("现在下午五点" → 17:00, "都六点半了" → 18:30), or
    None. An hour without 上午/下午 is read as whichever of its two times is closer to `near`
    (the shop's clock): "现在5点" in the afternoon is 17:00."""
    found = _TOLD_TIME.search(fold(text))
    if found is None:
        return None
    hour = number_value(found.group("hour"))
    if hour is None or not 0 <= hour <= 24:
        return None
    raw = found.group("minute")
    quarters = {"半": 30, "一刻": 15, "三刻": 45}
    minute = quarters.get(raw or "")
    if minute is None:
        minute = number_value(raw) if raw else 0
    if minute is None or not 0 <= minute < 60:
        return None
    part = found.group("part") or found.group("only_part")
    if (part in _AFTERNOON and hour < 12) or (part == "中午" and hour < 11):
        hour += 12
    elif part is None and hour < 12:
        later = hour + 12
        if _apart(later, minute, near) < _apart(hour, minute, near):
            hour = later
    return time(hour % 24, minute)


def _apart(hour: int, minute: int, near: time) -> int:
    apart = abs(hour * 60 + minute - (near.hour * 60 + near.minute))
    return min(apart, 24 * 60 - apart)


BOUGHT_WHEN = re.compile(
    r"^(?:是|就是|那是|这是)?(?:我|俺)?(?:是)?(?P<when>今天|刚才|刚刚|昨天|前天|大前天|前几天|前两天|这几天|"
    r"上周|上星期|上个星期|上礼拜|上个礼拜|上个月|上月|前阵子|前段时间|上次|之前|以前|那次)"
    r"(?:在你们这|在这|在你家)?(?:买|下单|下|拍|订|购买)的?"
    r"(?:那个|那件|那单|那些|东西|订单|那款|的)?(?:呢|啊|呀|哦|哈|吧)?[。.!！~～]*$"
)
"""The shopper points at an order by when they bought it ("我上周买的"), nothing more."""
WHEN_DAYS: dict[str, tuple[int, int] | None] = {
    "今天": (0, 0),
    "刚才": (0, 0),
    "刚刚": (0, 0),
    "昨天": (1, 1),
    "前天": (2, 2),
    "大前天": (3, 3),
    "前几天": (1, 7),
    "前两天": (1, 3),
    "这几天": (0, 7),
    "上周": (3, 14),
    "上星期": (3, 14),
    "上个星期": (3, 14),
    "上礼拜": (3, 14),
    "上个礼拜": (3, 14),
    "上个月": (20, 62),
    "上月": (20, 62),
    "前阵子": (7, 60),
    "前段时间": (7, 60),
}
"""How many calendar days ago each wording may mean, loosely (None: any time, 上次/之前)."""


def bought_when(text: str) -> str | None:
    """When the shopper says they bought what they mean ("我上周买的" → 上周), or None."""
    found = BOUGHT_WHEN.match(text.strip())
    return found.group("when") if found else None


_ADDRESS_HINT = re.compile(r"[省市区县镇乡村路街道巷弄号栋幢楼室单元]")
_ADDRESS_START = re.compile(
    r"(北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    r"广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|"
    r"[\u4e00-\u9fff]{2,3}(?:省|市|自治区|区|县))"
)
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z·•. ]+$")
_NOT_NAMES = re.compile(
    r"[买要来件个只份套盒瓶双条包袋箱斤台]|没有|不用|不要|好的|可以|确认|谢谢|你好|改|换|错|取消|"
    r"返回|结算|人工|客服|订单|物流|快递|售后|退|发货|优惠|地址|电话|手机|收货|购物车|算了|嗯|哦|行|"
    r"不变|没变|照旧|同上|一样|原来|本人|自己|应该|是$|^(?:还是|也是|就是|是)?(?:我|他|她)$"
)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "夏侯",
)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def number_value(raw: str) -> int | None:
    """3, 三, 两, 俩 (2), 仨 (3), 十二 → the number; None when it is not one."""
    raw = raw.replace("－", "-").lstrip("+")
    if re.fullmatch(r"-?\d{1,9}", raw):
        return int(raw)
    raw = raw.replace("俩", "两").replace("仨", "三")
    return parse_chinese_number(raw)


# ------------------------------------------------------------------------ quantities


def parse_quantity(text: str) -> int | None:
    """A quantity the shopper typed as the whole answer: 3, 3件, x3, 两件, 俩, 要仨, -1, 10000.

    Absurd values are returned as they are, so the validator can say what is wrong with them.
    """
    folded = fold(text)
    if found := _WHOLE_QTY.match(folded):
        return number_value(found.group(1))
    if found := _PAIR_WORDS.search(folded):
        return number_value(found.group(1) or found.group(2))
    return None


CORRECTION = re.compile(
    r"不对|哦不|噢不|喔不|呃不|额不|啊不|不不|算了|说错了|写错了|打错了|错了|应该是"
    r"|改成|改为|换成|换为|还是要|还是换|还是来"
    r"|(?<=[\s，,。])不(?:是)?(?=[\s，,。]+\S)"
)
"""Words after which what the shopper says replaces what they said before in the same message
("白色的 不对要黑色", "M码 哦不 L码", "三个 不对 两个", "白色的吧 算了还是黑色"), and a 不 standing
alone between two of them ("两件 不 三件"). A bare 还是 is left out: "白色还是黑色" asks which."""


def said_over(text: str) -> list[str]:
    """`text` cut at its correction words, in the order said: what a later part names replaces
    what an earlier part named."""
    return CORRECTION.split(text)


def quantity_in(text: str) -> int | None:
    """A count with its measure word inside a longer message: 我要两件黑色的 → 2, 来俩 → 2,
    买个空气炸锅 → 1; after a correction word the count said last: "三个 不对 两个" → 2.

    Ordinals (第二个), sizes and times (38码, 3天) are not counts, nor is a number that says
    what the goods hold or weigh ("面膜20片的 来一盒" → 1, "一百斤 穿几码" → None): of several
    numbers with measure words, the one right after a buying verb is the count."""
    for part in reversed(said_over(fold(text))):
        found = _count_in(part)
        if found is not None:
            return found
    return None


def _count_in(folded: str) -> int | None:
    counts = [m for m in _QTY_IN.finditer(folded) if not _measures_the_goods(folded, m)]
    bought = [m for m in counts if _BUY_BEFORE.search(folded, 0, m.start())]
    if found := next(iter(bought or counts), None):
        return number_value(found.group(1))
    if found := _PAIR_WORDS.search(folded):
        return number_value(found.group(1) or found.group(2))
    whole = _WHOLE_QTY.match(folded.strip())
    if whole and _VERB_FIRST.match(folded) and not any(u in folded for u in _WEIGHT_UNITS):
        return number_value(whole.group(1))  # "买 3", "要2": a buying verb and a bare number
    if _ONE_BY_MEASURE.search(folded):
        return 1  # "买个空气炸锅", "来瓶水", "再加个保温杯": a measure word without a number is one
    return None


_BUY_BEFORE = re.compile(r"(?:来|要|买|拿|订|拍|整|下单|再|就)\s*$")
_DESCRIBING = re.compile(r"的|那种|那款")
"""After the number: which kind ("要20片的", "30袋那种"), not how many."""
_WEIGHT_UNITS = frozenset("斤克")
"""A weight is never a count of packs (5斤装 fruit, "一百斤" the shopper's own weight)."""
_CONTENT_UNITS = frozenset("片卷颗粒")
"""Measure words that say how much a pack holds (面膜20片) more often than how many packs: a
count only after a buying verb ("来两片")."""
_ONE_BY_MEASURE = re.compile(
    rf"(?:来|要|买|拿|订|拍|整|配|(?:再|多)?加|添)\s*[个件只支瓶盒双套台罐份副把本条张包袋]"
    rf"(?![{_CN}\d]+(?![{_CN}\d])(?!\s*(?i:毫安|mah|毫升|ml|瓦|w(?![a-z])|英寸|寸|升)))"
    r"(?!\s*(?:发票|备注|问题|地址|电话|人工|客服|优惠|券))"
)
"""A measure word without a number is one ("买个空气炸锅"), also before a number that measures
the goods ("要个一万毫安的充电宝", "来个500ml的"): that number is no count."""


_PER_ONE_ASKED = re.compile(
    r"\s*(?:里面|里头|里)?\s*(?:有|是|装|能装|大概|大约|约)?\s*(?:几(?![天号点])|多少(?!钱)|多[重大长宽高厚])"
)
"""After "一箱", "一包": a question of what one holds or measures ("一箱有几包", "一包多少抽",
"一双多重"), so the one is "each", not a count."""


def _measures_the_goods(text: str, found: re.Match[str]) -> bool:
    """ "20片的", "30袋的", "一百斤": a number describing the goods, not how many of them;
    "一箱有几包": one pack asked about, not one bought."""
    if found.group(2) in _WEIGHT_UNITS or _DESCRIBING.match(text, found.end()):
        return True
    if number_value(found.group(1)) == 1 and _PER_ONE_ASKED.match(text, found.end()):
        return True
    return found.group(2) in _CONTENT_UNITS and not _BUY_BEFORE.search(text, 0, found.start())


def check_quantity(qty: int, available: int) -> str | None:
    if qty < 1:
        return "购买数量至少是1件哦。"
    if qty > MAX_QTY:
        return f"一次最多可以买{MAX_QTY}件；需要批量采购请回复“人工”联系客服。"
    if available <= 0:
        return "这件商品刚刚卖完了。"
    if qty > available:
        return f"库存只剩{available}件了，请少买一点～"
    return None


# ------------------------------------------------------------------------ list picks

_ORDINAL = re.compile(
    rf"第\s*({NUMBER})\s*[个件号条款项种样]?|(?<![路街道巷弄村区栋楼座幢里])({NUMBER})\s*号(?![楼院栋室])"
)
_ADDRESS_NUMBER = re.compile(r"1\d{10}|[省市区县镇]|[路街道巷弄村]\s*\d|\d+\s*(?:单元|栋|幢|室|楼)")
"""A phone number or an address (花园路1号, 3单元): its digits choose nothing from a list."""


GOODS_MEASURE = "[件条双包盒瓶支只套箱袋罐台副份]"
"""Measure words of goods: a number before one says how many (个 is left out: "2个" also picks)."""
COUNT_WORD = re.compile(rf"[一二两三四五六七八九十\d]\s*{GOODS_MEASURE}")
"""A number with a measure word of goods ("两件", "3盒"): how many, never which option."""


def pick_number(text: str, count: int, *, counts_are_quantities: bool = False) -> int | None:
    """A list choice as the whole answer: "2", "第2个", "2号" → index 1; None otherwise.

    With `counts_are_quantities` (a spec choice: colours, sizes), "两件" / "3盒" are a quantity
    for the quantity slot, not the second or third colour; "第2个" still chooses."""
    folded = fold(text)
    if counts_are_quantities and not folded.startswith("第") and COUNT_WORD.search(folded):
        return None
    found = re.fullmatch(
        r"(?:要|选|就)?第?\s*(\d{1,3}|[一二两三四五六七八九十]{1,2})\s*[个件号条款项种。.]?(?:吧|的)?",
        folded,
    )
    if not found:
        return None
    number = number_value(found.group(1))
    return number - 1 if number is not None and 1 <= number <= count else None


def ordinal_in(text: str, count: int) -> int | None:
    """A list choice inside a sentence: "我要买第二个" → 1, "3号来两件" → 2."""
    folded = fold(text)
    found = _ORDINAL.search(folded)
    if not found or (not found.group(1) and _ADDRESS_NUMBER.search(folded)):
        return None
    number = number_value(found.group(1) or found.group(2))
    return number - 1 if number is not None and 1 <= number <= count else None


# ------------------------------------------------------------------------ receiver


def parse_phone(text: str) -> str | None:
    """An 11-digit mainland mobile number as the whole answer: 138 1234 5678, +86-138...."""
    digits = re.sub(r"[\s\-()（）]", "", fold(text))
    found = _PHONE.match(digits)
    return found.group(1) if found else None


_PHONE_LABELLED = re.compile(
    rf"(?:(?:{'|'.join(('联系电话', '手机号码', '手机号', '电话号码', '电话', '手机', '号码', '联系方式'))})"
    rf"\s*(?:改成|改为|换成|换为|应该是|是|为|[:：])?\s*)?{PHONE_IN.pattern}"
)


_SAID_NOT = re.compile(r"不是\s*$")
"""Just before a number: "不是138… 是139…" names the wrong one first."""


def phone_in(text: str) -> tuple[str, str] | None:
    """(number, the text it was written as, with its label) for a mobile number anywhere.

    Two numbers with a correction between them ("138… 哦不对打错了 是139…", "不是138… 是139…")
    are one number said over: the later one counts, and the text taken runs from the first to
    the last, so the wrong one is read by no other slot."""
    folded = fold(text)
    found = list(_PHONE_LABELLED.finditer(folded))
    if not found:
        return None
    first, last = found[0], found[-1]
    between = folded[first.end() : last.start()]
    said_over = CORRECTION.search(between) or _SAID_NOT.search(folded[: first.start()])
    if last is first or not said_over:
        return ("".join(first.groups()), first.group(0))
    return ("".join(last.groups()), folded[first.start() : last.end()])


def looks_like_phone_attempt(text: str) -> bool:
    """Mostly digits: the shopper tried to give a number (so a bad one gets "wrong number")."""
    folded = fold(text)
    return len(_DIGITS.findall(folded)) >= max(3, len(folded) // 2)


def check_name(text: str) -> str | None:
    name = fold(text)
    if QUESTION.search(name) or _DIGITS.search(name):
        return "请告诉我收货人的姓名，例如“张三”。"
    if not 2 <= len(name) <= MAX_NAME or not _NAME_CHARS.match(name):
        return f"姓名需要2到{MAX_NAME}个字，请重新输入收货人姓名。"
    return None


_LATIN_WORDS = frozenset(
    {"ok", "okay", "okk", "yes", "no", "hi", "hello", "thx", "thanks", "bye", "haha", "hhh"}
)


def could_be_name(text: str) -> bool:
    """An answer to "收货人姓名？" that reads as a name, not as another answer (没有, 好的, ok,
    改成两件)."""
    name = fold(text)
    if name.casefold().replace(" ", "") in _LATIN_WORDS:
        return False
    return check_name(name) is None and not _NOT_NAMES.search(name)


def looks_like_name(text: str) -> bool:
    """A name standing among other details, unlabelled: 2-4 characters after a common surname
    (白色 and 黄色 are not names)."""
    name = fold(text)
    if not could_be_name(name) or not re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", name):
        return False
    if re.search(r"[色码号款装味型]$", name):
        return False
    return name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES)


def check_address(text: str) -> str | None:
    address = fold(text)
    if QUESTION.search(address) and not _DIGITS.search(address):
        return "请发完整的收货地址，例如“上海市浦东新区世纪大道100号3栋201室”。"
    if len(address) < MIN_ADDRESS or not _ADDRESS_HINT.search(address):
        return "地址好像不完整，请写上省/市/区和街道门牌号，例如“上海市浦东新区世纪大道100号3栋201室”。"
    if len(address) > MAX_ADDRESS:
        return f"地址太长了（最多{MAX_ADDRESS}个字），请精简一下。"
    return None


def looks_like_address(text: str) -> bool:
    """An address standing among other details: starts with a province, city or district."""
    address = fold(text)
    return check_address(address) is None and bool(_ADDRESS_START.match(address))


CHANGE = re.compile(
    r"改成|改为|改到|换成|换为|换个|换一个|变成|调成|改一下|修改|不是.+是|是.+不是|写错|填错|打错|弄错|输错|错了"
    r"|不对|应该是|不要.+(?:换|要|改)"
)
"""A correction is being made: its value replaces a filled one."""

_LABEL_WORDS = {
    "name": r"收货人|收件人|联系人|姓名|名字|我叫|我是",
    "phone": r"联系电话|手机号码|手机号|电话号码|电话|手机|号码|联系方式",
    "address": r"收货地址|收件地址|详细地址|地址|寄到|送到|发到",
}
_ANY_LABEL = "|".join(_LABEL_WORDS.values())
_SAY = r"\s*(?:改成|改为|换成|换为|应该是|是|为|[:：])?\s*"
_LABELLED = {
    kind: re.compile(rf"(?:{words}){_SAY}(?P<value>.+?)(?=[,，;；。\s]*(?:{_ANY_LABEL})|$)")
    for kind, words in _LABEL_WORDS.items()
}


@dataclass(frozen=True)
class Labelled:
    value: str
    written: str  # the label and the value as the shopper wrote them


def labelled(text: str, kind: str) -> Labelled | None:
    """A receiver detail after its label: "收货人王芳", "电话：158…", "地址改成杭州市…"."""
    folded = fold(text)
    found = _LABELLED[kind].search(folded)
    if not found:
        return None
    value = found.group("value").strip(" ,，;；。")
    if CHANGE.search(value):
        return None  # "地址写错了，是…": a correction, read by the slot's own corrector
    if kind == "name":
        value = re.split(r"[\s,，;；。\d]", value)[0]
    elif kind == "address":
        value = without_lead_in(_address_part(value))
    written = found.group(0)[: found.group(0).find(value) + len(value)] if value else ""
    return Labelled(value, written) if value else None


_MAX_LEAD_IN = 12


def without_lead_in(address: str) -> str:
    """ "寄到我妈那 浙江省宁波市…" → "浙江省宁波市…": words before the province that are no part
    of the address (no 省/市/路/号 …) are dropped; an address that starts with its province, or
    whose lead-in reads like a piece of it, is kept as it is."""
    if province_of(address) is not None:
        return address
    for at in range(1, min(len(address), _MAX_LEAD_IN + 1)):
        if _ADDRESS_HINT.search(address[:at]):
            break
        rest = address[at:].lstrip(" ,，:：")
        if province_of(rest) is not None and looks_like_address(rest):
            return rest
    return address


_DOOR_END = re.compile(r"(?:\d+[号栋幢楼室层]|单元|[号室])")
"""How the street part of an address ends: "8号", "3栋", "201室"."""


def address_then_name(part: str) -> tuple[str, str] | None:
    """ "河南郑州金水区花园路8号李桂兰" (said in one breath, without a space) → the address and
    the name written after its door number."""
    for door in reversed(list(_DOOR_END.finditer(part))):
        address, name = part[: door.end()], part[door.end() :]
        if (
            looks_like_address(address)
            and looks_like_name(name)
            and not _ADDRESS_HINT.search(name)
            and province_of(name) is None
        ):
            return address, name
    return None


def name_then_address(part: str) -> tuple[str, str] | None:
    """ "李桂兰河南郑州金水区花园路8号" → the name and the address starting with its province."""
    if place_at_start(part) is not None or _ADDRESS_START.match(part):
        return None  # "江苏省苏州市…" starts with its place: 江苏省 is no name
    for size in (3, 2, 4):
        name, address = part[:size], part[size:]
        if (
            looks_like_name(name)
            and not _ADDRESS_HINT.search(name)
            and province_of(address) is not None
            and looks_like_address(address)
        ):
            return name, address
    return None


_GLUED_LABEL = re.compile(
    r"(?<=[^\s,，;；、/])(?=(?:收货人|收件人|联系人|联系电话|手机号码|手机号|电话号码|电话|手机|"
    r"收货地址|收件地址|详细地址|地址|寄到|送到|发到))"
)


def spaced_receiver(text: str) -> str:
    """Receiver details typed (or spoken) in one run, "寄到河南郑州金水区花园路8号李桂兰电话136…",
    with a space between the pieces: before a label, around a phone number, and between an
    address and a name written against it."""
    spaced = PHONE_IN.sub(lambda m: f" {m.group(0)} ", text)
    spaced = _GLUED_LABEL.sub(" ", spaced)
    pieces: list[str] = []
    for piece in spaced.split():
        lead = _ADDRESS_LEAD.match(piece)
        head, body = (piece[: lead.end()], piece[lead.end() :]) if lead else ("", piece)
        split = address_then_name(body) or name_then_address(body)
        pieces.append(head + " ".join(split) if split else piece)
    return " ".join(pieces)


def _address_part(value: str) -> str:
    """The address in "上海市…100号，张三 138…": its pieces, up to the first that is not one."""
    kept: list[str] = []
    found = address_then_name(value)
    if found is not None:
        value = found[0]
    for piece in re.split(r"([,，;；\s]+)", value):
        if not piece.strip(" ,，;；"):
            kept.append(piece)
            continue
        if kept and (PHONE_IN.search(piece) or not _ADDRESS_HINT.search(piece)):
            break
        kept.append(piece)
    return "".join(kept).strip(" ,，;；")


@dataclass(frozen=True)
class Contact:
    """Receiver details standing unlabelled in one message ("张三 13812345678 上海市…")."""

    name: str | None = None
    phone: str | None = None
    address: str | None = None


_ADDRESS_LEAD = re.compile(r"^(?:收货地址|收件地址|详细地址|地址|寄到|送到|发到)[:：]?")


def split_contact(text: str) -> Contact:
    """Best effort for a shopper who sends name, phone and address at once; parts that do not
    pass their checks are left for the form to ask."""
    parts = [p for p in re.split(r"[\s,，;；、/]+", spaced_receiver(fold(text))) if p]
    found: dict[str, str] = {}
    at: dict[str, int] = {}
    names: list[int] = []
    for index, part in enumerate(parts):
        if "phone" not in found and (phone := parse_phone(part)):
            found["phone"], at["phone"] = phone, index
        elif "address" not in found and looks_like_address(bare := _ADDRESS_LEAD.sub("", part)):
            found["address"], at["address"] = bare, index
        elif looks_like_name(part):
            names.append(index)
    beside = [i for i in names if any(abs(i - j) == 1 for j in at.values())]
    chosen = beside or names
    if not chosen and len(at) == 2:
        chosen = [i for i in _next_to(at.values(), len(parts)) if _uncommon_name(parts[i])][:1]
    name = parts[chosen[0]] if chosen else None
    return Contact(name, found.get("phone"), found.get("address"))


def _next_to(taken: Iterable[int], count: int) -> list[int]:
    spots = sorted(set(taken))
    return [i for i in range(count) if i not in spots and any(abs(i - j) == 1 for j in spots)]


def _uncommon_name(part: str) -> bool:
    """次仁, 阿依古丽: a name without a common surname, trusted only standing between the phone
    and the address of one message."""
    return (
        could_be_name(part)
        and bool(re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", part))
        and not re.search(r"[色码号款装味型]$", part)
    )


_RECEIVER_LABELS = re.compile(
    r"收货人|收件人|联系人|姓名|名字|手机号码|手机号|手机|电话号码|电话|联系方式|"
    r"收货地址|收件地址|详细地址|地址|寄到|送到|发到|是|[:：,，;；、/\s。.!！~～]"
)


def only_receiver(text: str) -> bool:
    """Nothing but receiver details: an address (with or without a name and a phone), or a name
    with a phone ("浙江省杭州市… 王芳 138…"). A phone alone could be anything's number."""
    if QUESTION.search(text):  # "…文三路100号能到吗": a question about delivery
        return False
    contact = split_contact(text)
    phone = phone_in(text)
    named = labelled(text, "name")
    name = named.value if named else contact.name
    if contact.address is None and not (name and phone):
        return False
    rest = fold(text)
    for part in (contact.address, phone[1] if phone else None, name):
        if part:
            rest = rest.replace(part, " ", 1)
    return not _RECEIVER_LABELS.sub("", rest)


def offers_receiver(text: str) -> bool:
    """Receiver details in the message: a phone number, a labelled detail or an address. A
    place asked about ("寄到成都 多久到呢") is a question about delivering there, no address."""
    given = [labelled(text, k) for k in ("name", "phone", "address")]
    place = given[2]
    if place is not None and QUESTION.search(text) and not looks_like_address(place.value):
        given[2] = None
    return bool(phone_in(text) or any(given) or split_contact(text).address)


# ------------------------------------------------------------------------ corrections

_REPLACEMENTS = (
    re.compile(r"不是(?P<old>[^，,。]+?)[，,\s]*(?:而|应该|应)?是(?P<new>.+)"),
    re.compile(r"(?:应该|应)?是(?P<new>[^，,。]+?)[，,\s]*(?:而)?不是(?P<old>.+)"),
    re.compile(r"把?(?P<old>[^，,。]+?)(?:改成|改为|换成|换为|改到|变成)(?P<new>.+)"),
    re.compile(r"不要(?P<old>[^，,。]+?)了?[，,\s]*(?:换成?|要|改成?)(?P<new>.+)"),
    re.compile(
        r"(?P<old>)(?:(?:写|填|打|弄|搞|输)?错了?|不对)[，,。\s]*(?:应该|其实|应)?是(?P<new>.+)"
    ),
    re.compile(r"(?P<old>)(?:应该是|应是|要的是|其实是|正确的是|正确是)(?P<new>.+)"),
    re.compile(r"(?P<old>)(?:改成|改为|换成|换为|改到|变成|还是要|还是换成|要)(?P<new>.+)"),
)
_SOFT_END = re.compile(r"[吧啊呀哦哈了的呢。.!！~～\s]+$")


@dataclass(frozen=True)
class Replacement:
    old: str  # "" when the shopper named only the new value ("改成两件")
    new: str


def replacement(text: str) -> Replacement | None:
    """ "是X不是Y" / "不是Y是X" / "Y改成X" / "改成X" → (Y, X), trimmed of filler."""
    folded = fold(text)
    for pattern in _REPLACEMENTS:
        found = pattern.search(folded)
        if found:
            old = _SOFT_END.sub("", found.group("old")).strip(" ，,")
            old = re.sub(r"^(?:把|将)", "", old)
            new = _SOFT_END.sub("", found.group("new")).strip(" ，,")
            if new:
                return Replacement(old, new)
    return None


def patch(current: str, old: str, new: str) -> str | None:
    """`current` with `old` replaced by `new`, where `new` may repeat what surrounds `old`
    ("文三路90号", old "90号", new "文三路99号" → "文三路99号"). Without `old`, `new` replaces
    the part of `current` it starts like, up to its 号 ("应该是文三路99号"). None when nothing
    in `current` matches."""
    if not old:
        return _anchored(current, new)
    at = current.find(old)
    if at < 0:
        return None
    end = at + len(old)
    left = next((k for k in range(min(at, len(new)), 0, -1) if current[at - k : at] == new[:k]), 0)
    room = len(new) - left
    right = next(
        (
            k
            for k in range(min(len(current) - end, room), 0, -1)
            if current[end : end + k] == new[-k:]
        ),
        0,
    )
    return current[: at - left] + new + current[end + right :]


def _anchored(current: str, new: str) -> str | None:
    """`new` in place of the part of `current` that starts with the same words ("文三路"); a
    street and number alone ("文二路100号") replace what follows the province, city and district
    of `current`, which the shopper did not repeat."""
    if not re.search(r"\d|[路街道巷弄号栋幢楼室]", new):
        return None
    for k in range(len(new) - 1, 1, -1):
        at = current.find(new[:k])
        if at >= 0 and not new[:k].isdigit():
            end = current.find("号", at)
            end = len(current) if end < 0 else end + 1
            return current[:at] + new + current[end:]
    region = region_part(current)
    if region and not _ADDRESS_START.match(new) and _STREET.search(new):
        return region + new
    return None


_REGION_PIECE = re.compile(r"[\u4e00-\u9fff]{1,9}?(?:省|自治区|特别行政区|自治州|地区|市|区|县|旗)")
_NOT_REGION = re.compile(r"(?:小|社|校|景|厂|营)区$|园")
_STREET = re.compile(r"[路街道巷弄里村号栋幢楼室]|\d")


def region_part(address: str) -> str:
    """The province, city and district an address starts with ("浙江省杭州市西湖区"), or ""."""
    at = 0
    while piece := _REGION_PIECE.match(address, at):
        if _NOT_REGION.search(piece.group(0)) or _STREET.search(piece.group(0)):
            break
        at = piece.end()
    return address[:at]


_ONE_REGION = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:区|县|市|旗)")
_LEVEL_WORD = re.compile(r"(?:这个|那个)?(?:地址的?)?(?:区|县|市|城区|区县|地区|市区)(?:名)?")
"""The level of a region named without its name: the 区 of "区改成西湖区"."""


def region_replaced(current: str, old: str, new: str) -> str | None:
    """ "不对 是西湖区", "区改成西湖区" about "浙江省杭州市上城区解放路100号": the district (or
    county, city) of `current` said again, the rest kept ("浙江省杭州市西湖区解放路100号").
    None when `new` is no single region, the address has none of its level, or it is the same;
    or when `old` names a part of the address other than that level."""
    if not _ONE_REGION.fullmatch(new) or _NOT_REGION.search(new):
        return None
    if old and not _LEVEL_WORD.fullmatch(old) and old in current:
        return None  # "是西湖区不是上城区": the part named is replaced as it is written
    region = region_part(current)
    same = [p for p in _REGION_PIECE.finditer(region) if p.group().endswith(new[-1])]
    if not same or same[-1].group() == new:
        return None
    piece = same[-1]
    return current[: piece.start()] + new + current[piece.end() :]


def region_pieces(region: str) -> list[str]:
    """The province, city and district of a region part, also when written without 省 and 市
    ("陕西西安雁塔区" → 陕西, 西安, 雁塔区)."""
    pieces: list[str] = []
    at = 0
    while at < len(region):
        known = place_at_start(region[at:])
        piece = known or (m.group(0) if (m := _REGION_PIECE.match(region, at)) else "")
        if not piece:
            break
        pieces.append(piece)
        at += len(piece)
    return pieces


def completed_address(current: str, said: str) -> str | None:
    """A new address said without its province ("南山区粤海街道…", "科技南路2号"), completed from
    the region of the `current` one ("广东省深圳市南山区…"): the pieces before the first piece
    said again (its district or city), or before its district when the district said is
    another, or the whole region when only a street is said. None when `said` names its own
    province, or `current` has no region to take."""
    if province_of(said) is not None or not _STREET.search(said):
        return None  # "杭州" alone is too short to be any address, not a street of this one
    pieces = region_pieces(region_part(current))
    if not pieces:
        return None
    said_pieces = region_pieces(region_part(said))
    if not said_pieces:
        return "".join(pieces) + said
    first = said_pieces[0]
    if first in pieces:
        return "".join(pieces[: pieces.index(first)]) + said
    if first.endswith(("区", "县", "旗")):
        upper = [p for p in pieces if not p.endswith(("区", "县", "旗"))]
        return "".join(upper) + said if upper else None
    return None
