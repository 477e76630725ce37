"""Which size to take for a height or a weight: "170穿什么码", "我120斤穿多大", "身高165体重110斤选哪个".

Answered from the product's size chart, a fact the merchant writes in facts.toml under the topic
`尺码表`, one size a part: "S：155-165cm，90-110斤；M：165-172cm，110-130斤；…" (kg and 公斤 work
too). The product's fit note (topic `尺码建议`, "偏大半码") follows the advice. Without a chart, or
for a body the chart does not cover, the answer says it is not sure and offers a human: a size
is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.shop.for_whom import ADULT_AGE
from knowledge.model import Product

CHART_TOPIC = "尺码表"
FIT_TOPIC = "尺码建议"
SIZE_SPECS = ("尺码", "码数", "尺寸")
NOT_SURE = "按身高体重选哪个码，{name}没有尺码表，我不太确定，不想乱说；回复“人工”请客服帮您看看～"

_RANGE = re.compile(
    r"(\d{2,3}(?:\.\d)?)\s*(?:[-~～—到至]\s*(\d{2,3}(?:\.\d)?))?\s*(cm|厘米|公分|斤|kg|公斤|千克)(以上|以下)?",
    re.IGNORECASE,
)
_HEIGHT_LABELLED = re.compile(r"(?:身高|高)\s*(\d{2,3})")
_HEIGHT_UNIT = re.compile(r"(\d{2,3})\s*(?:cm|厘米|公分)", re.IGNORECASE)
_FURNITURE = r"(?!\s*米?\s*的?\s*(?:大床|双人床|单人床|床|宽|长|桌|柜|沙发|榻榻米))"
"""After a measure in metres, what it measures when it is no body: 1米8的床 is a bed's width."""
_HEIGHT_METRES = re.compile(
    r"(?<![\d.])1\s*(?:\.(\d{1,2})\s*米?|米\s*(\d{1,2}))(?![\d.]|\s*[A-Za-z升寸匹])" + _FURNITURE
)
"""1.7, 1米7: a height in metres; not 1.7L (a kettle's capacity), 1.5匹 (an air conditioner)
or 1米8的床 (a bed)."""
_HEIGHT_CN = re.compile(r"一米([一二三四五六七八九])([一二三四五六七八九])?" + _FURNITURE)
_WEIGHT = re.compile(r"(\d{2,3}(?:\.\d)?)\s*(斤|kg|公斤|千克)", re.IGNORECASE)
_WEIGHT_LABELLED = re.compile(r"(?:体重|重)\s*(\d{2,3})(?!\s*(?:cm|厘米|公分))")
_BARE = re.compile(
    r"(?<![\d.第¥])(1[4-9]\d|20\d)(?![\d.]|\s*(?:斤|kg|公斤|千克|块|元|号|码|ml|g|件|个|条|套|包|盒|份))"
)
_ASKS_SIZE = re.compile(
    r"码|多大|号|尺寸|穿什么|穿啥|选哪|选什么|选啥|合适|能穿|穿得下|穿的下|哪个"
)
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


@dataclass(frozen=True)
class Body:
    height_cm: int | None = None
    weight_jin: float | None = None
    for_child: bool = False
    """Said for a child ("孩子身高120"): it sizes children's clothes only, never an adult's."""


@dataclass(frozen=True)
class Row:
    size: str
    height: tuple[float, float] | None
    weight: tuple[float, float] | None  # in 斤


@lru_cache(maxsize=4096)  # asked of one text several times a message; a Body is frozen
def body_in(text: str) -> Body | None:
    """The height (cm) and weight (斤) a message gives, or None when it gives neither."""
    height = _height(text)
    weight = _weight(text)
    return Body(height, weight) if height is not None or weight is not None else None


def _height(text: str) -> int | None:
    for pattern in (_HEIGHT_UNIT, _HEIGHT_LABELLED):
        if found := pattern.search(text):
            return int(found.group(1))
    if found := _HEIGHT_METRES.search(text):
        digits = (found.group(1) or found.group(2) or "0").ljust(2, "0")
        return 100 + int(digits[:2])
    if found := _HEIGHT_CN.search(text):
        tens, ones = found.group(1), found.group(2)
        return 100 + _CN_DIGITS[tens] * 10 + (_CN_DIGITS[ones] if ones else 0)
    if found := _BARE.search(_WEIGHT.sub(" ", text)):
        return int(found.group(1))
    return None


def _weight(text: str) -> float | None:
    if found := _WEIGHT.search(text):
        value = float(found.group(1))
        return value if found.group(2) == "斤" else value * 2
    if found := _WEIGHT_LABELLED.search(text):
        return float(found.group(1))
    return None


def measured(text: str) -> bool:
    """Does the text give a body measure with its unit or label ("140斤", "175cm", "身高165")?"""
    patterns = (_WEIGHT, _WEIGHT_LABELLED, _HEIGHT_UNIT, _HEIGHT_LABELLED, _HEIGHT_METRES)
    return any(p.search(text) for p in patterns) or bool(_HEIGHT_CN.search(text))


def without_body(text: str) -> str:
    """The text without the body measures it gives ("我130斤穿什么码" → "我 穿什么码"), so that
    a weight is never read as a size the product comes in (the kids' 130)."""
    for pattern in (_WEIGHT, _WEIGHT_LABELLED, _HEIGHT_UNIT, _HEIGHT_LABELLED, _HEIGHT_METRES):
        text = pattern.sub(" ", text)
    return _HEIGHT_CN.sub(" ", text)


def advice_among(body: Body, items: list[Product]) -> str | None:
    """The size each listed product's chart gives for `body`, one line each; the ones without a
    chart named together as not known. None when none of them comes in sizes."""
    sized_ = [p for p in items if sized(p)]
    if not sized_:
        return None
    if len(sized_) == 1:
        return f"{sized_[0].name}：{advice(body, sized_[0])}"
    charted = [p for p in sized_ if chart_of(p)]
    lines = [f"{p.name}：{advice(body, p).splitlines()[0]}" for p in charted]
    unknown = [p.name for p in sized_ if not chart_of(p)]
    if unknown:
        lines.append(f"{'、'.join(unknown)}没有尺码表，我不太确定，回复“人工”请客服帮您看看～")
    return "\n".join([*lines, "要哪款哪个码直接告诉我～"])


def picked_size(body: Body, item: Product) -> str | None:
    """The one size the chart gives for `body` (height and weight agreeing, or the larger of
    the two), None without a chart or for a body outside it."""
    rows = chart_of(item)
    by_height, by_weight = _body_fits(body, rows)
    if not rows or (body.height_cm and not by_height) or (body.weight_jin and not by_weight):
        return None
    both = [s for s in by_height if s in by_weight] if by_height and by_weight else []
    if both or not (by_height and by_weight):
        return (both or by_height or by_weight)[0]
    order = [r.size for r in rows]
    return max(by_height[-1], by_weight[-1], key=order.index)


MOST_SIZED = 0.6
"""The share of charted clothes that must give the same size before it is said of the shop's
clothes in general ("我们家大部分款选L")."""


def size_in_general(body: Body, items: list[Product]) -> str:
    """A body said with no product in talk ("我175 140斤 平时穿L"): the size most of the shop's
    charts give for it, when most agree, and which product to look at next; never a size for
    clothes whose charts disagree."""
    picks = [size for p in items if (size := picked_size(body, p))]
    said = _said(body)
    ask = "您看中哪件？发我名字，我按那件的尺码表帮您确认～"
    if picks:
        size, count = max(((s, picks.count(s)) for s in dict.fromkeys(picks)), key=lambda x: x[1])
        if count / len(picks) >= MOST_SIZED:
            return f"{said}的话，我们家大部分款选{size}，个别款偏大偏小会不一样。{ask}"
    return f"{said}记下了，各款尺码不太一样。{ask}"


BODY = "body"
"""Session slot (a mapping, kept beside the dialogs' own as the budget is): the height and
weight the shopper said ("孩子6岁 115", "我170 130斤"), for "要哪个码" asked later."""
_CHILD = re.compile(
    r"孩子|宝宝|儿童|小孩|小朋友|女儿|儿子|闺女|娃|\d\s*岁|[一二三四五六七八九十]岁"
)
_CHILD_BARE = re.compile(
    r"(?<![\d.第¥])([5-9]\d|1[0-6]\d)(?![\d.]|\s*(?:岁|斤|kg|公斤|千克|块|元|号|码|ml|g|件|个|条|套|包|盒|份))"
)
_ASKS_WHICH_SIZE = re.compile(r"码|多大|尺寸|穿什么|穿啥|选几号|穿几号|哪个号")


def said_body(text: str) -> Body | None:
    """The body a message gives, to remember: `body_in`, and a bare number beside a child
    ("我家孩子6岁 115": 115cm), a child's height said without its unit."""
    body = body_in(text)
    child = _said_for_a_child(text)
    if body is not None:
        return replace(body, for_child=child)
    if not child:
        return None
    found = _CHILD_BARE.search(re.sub(r"\d+\s*岁", " ", text))
    return Body(int(found.group(1)), for_child=True) if found else None


def _said_for_a_child(text: str) -> bool:
    """Is the body said for a child (孩子, 儿子, an age under ADULT_AGE), not the shopper?"""
    ages = [int(a) for a in re.findall(r"(\d+)\s*岁", text)]
    if ages:
        return any(age < ADULT_AGE for age in ages)
    return bool(_CHILD.search(text))


def body_slot(body: Body) -> dict[str, dict[str, object]]:
    return {BODY: {"height": body.height_cm, "weight": body.weight_jin, "child": body.for_child}}


def remembered_body(slots: Mapping[str, object]) -> Body | None:
    """The body kept in the session (`body_slot`), if any."""
    raw = slots.get(BODY)
    if not isinstance(raw, Mapping):
        return None
    height, weight = raw.get("height"), raw.get("weight")
    body = Body(
        height if isinstance(height, int) else None,
        float(weight) if isinstance(weight, (int, float)) else None,
        raw.get("child") is True,
    )
    return body if body.height_cm is not None or body.weight_jin is not None else None


def asks_which_size(text: str) -> bool:
    """ "要哪个码", "穿多大": which size to take, asked without a body in the message."""
    return bool(_ASKS_WHICH_SIZE.search(text))


def asks_size_for(text: str) -> Body | None:
    """A size question with the shopper's height or weight in it ("170穿什么码"), or None."""
    body = body_in(text)
    return body if body is not None and _ASKS_SIZE.search(text) else None


def sized(item: Product) -> bool:
    """Does the product come in sizes one chooses by body (尺码 with several values)?"""
    return any(len(item.specs.get(name, ())) > 1 for name in SIZE_SPECS)


def chart_of(item: Product) -> list[Row]:
    """The product's size chart, read from its `尺码表` fact; empty without one."""
    rows = []
    for part in re.split(r"[；;\n]", item.facts.get(CHART_TOPIC, "")):
        found = re.match(r"\s*([^:：]{1,8})[:：](.*)", part)
        if found is None:
            continue
        size, ranges = found.group(1), found.group(2)
        height = weight = None
        for low, high, unit, open_end in _RANGE.findall(ranges):
            scale = 2.0 if unit.lower() in ("kg", "公斤", "千克") else 1.0
            span = _span(float(low) * scale, float(high) * scale if high else None, open_end)
            if unit.lower() in ("cm", "厘米", "公分"):
                height = span
            else:
                weight = span
        if height or weight:
            rows.append(Row(size.strip(), height, weight))
    return rows


def _span(low: float, high: float | None, open_end: str) -> tuple[float, float]:
    if high is not None:
        return (low, high)
    return (low, 999.0) if open_end != "以下" else (0.0, low)


def _fitting(rows: list[Row], value: float, which: str) -> list[str]:
    return [
        r.size
        for r in rows
        if (span := getattr(r, which)) is not None and span[0] <= value <= span[1]
    ]


def _body_fits(body: Body, rows: list[Row]) -> tuple[list[str], list[str]]:
    """The sizes of the chart that fit the body's height, and those that fit its weight."""
    by_height = _fitting(rows, body.height_cm, "height") if body.height_cm else []
    by_weight = _fitting(rows, body.weight_jin, "weight") if body.weight_jin else []
    return by_height, by_weight


def advice(body: Body, item: Product) -> str:
    """The size the chart gives for `body`, with the fit note; "not sure" without a chart or
    outside it."""
    fit = item.facts.get(FIT_TOPIC, "")
    rows = chart_of(item)
    if not rows:
        return "\n".join(x for x in (fit, NOT_SURE.format(name="这款")) if x)
    said = _said(body)
    by_height, by_weight = _body_fits(body, rows)
    order = [r.size for r in rows]
    if (body.height_cm and not by_height) or (body.weight_jin and not by_weight):
        chart = "；".join(_row_text(r) for r in rows)
        return f"{said}不在这款的尺码表里（{chart}），我不太确定，回复“人工”请客服帮您看看～"
    if by_height and by_weight:
        both = [s for s in by_height if s in by_weight]
        if both:
            pick = _choice(both)
        else:
            larger = max(by_height[-1], by_weight[-1], key=order.index)
            pick = f"按身高是{by_height[-1]}，按体重是{by_weight[-1]}，建议选大一码的{larger}"
    else:
        pick = _choice(by_height or by_weight)
    return "\n".join(x for x in (f"{said}的话{pick}。", fit, "要哪个码直接告诉我～") if x)


_ASKS_LENGTH_FIT = re.compile(
    r"(?:会不会|会|是不是)?(?:太|有点|偏)[长短]|长不长|短不短|够不够长|拖地|盖(?:到)?脚"
)
"""Whether a length suits the shopper ("会不会太长"), never the measure asked (裤长多少)."""
LENGTH_NOT_SURE = (
    "{height}cm穿{asked}，资料里没有按身高写的长度建议，我不太确定；"
    "可以量一下平时合身的那件对比，或回复“人工”请客服帮您看看～"
)


def length_fit(text: str) -> str | None:
    """ "裤长多少 我160会不会太长": whether a length suits the height given. The shop records
    no length by height, so it is said honestly, with what the shopper can check and 人工;
    None when no height is given or no fit is asked."""
    body = body_in(text)
    asked = _ASKS_LENGTH_FIT.search(text)
    if body is None or body.height_cm is None or asked is None:
        return None
    return LENGTH_NOT_SURE.format(height=body.height_cm, asked=asked.group(0))


def _choice(sizes: list[str]) -> str:
    if len(sizes) == 1:
        return f"建议选{sizes[0]}"
    return f"{sizes[0]}和{sizes[1]}都可以，喜欢宽松选{sizes[1]}"


def _said(body: Body) -> str:
    parts = []
    if body.height_cm:
        parts.append(f"{body.height_cm}cm")
    if body.weight_jin:
        parts.append(f"{body.weight_jin:g}斤")
    return "、".join(parts)


def _row_text(row: Row) -> str:
    spans = []
    if row.height:
        spans.append(f"{row.height[0]:g}-{row.height[1]:g}cm")
    if row.weight:
        spans.append(f"{row.weight[0]:g}-{row.weight[1]:g}斤")
    return f"{row.size} {' '.join(spans)}".replace("-999", "以上")


_FIT_ASKED = re.compile(r"码|尺码|多大|几号|号|选哪|选什么|选啥|穿哪|穿什么|穿啥|怎么选|大小")
_USUAL = re.compile(
    r"(?:平时|平常|一般|日常|之前|以前)\s*(?:都|是)?\s*(?:穿|买|拍)\s*(\d{2,3}|[A-Za-z]{1,4})\s*(?:码|号)?"
)
_ASKING_WORDS = re.compile(
    r"(?:平时|平常|一般|日常|之前|以前)\s*(?:都|是)?\s*(?:穿|买|拍)\s*(?:\d{2,3}|[A-Za-z]{1,4})\s*(?:码|号)?"
    r"|穿哪个码|穿什么码|穿啥码|选哪个码|选什么码|哪个码|什么码|几码|多大码|多大|几号|怎么选|选哪个|选哪|"
    r"尺码|码数|这件|这款|这个|这双|那件|那款|那双|码|穿|选|买|拍|我|的|了|吗|呢|啊|呀|比较|有点|特别|很|挺|"
    r"[?？!！,，。.~～\s]"
)
"""The words of a fit question that ask (穿哪个码, 平时穿40), around what is said of the body."""
_SIZE_UP = re.compile(r"(?:拍|选|买|建议)?大(?:一|1)码|偏小")
_SIZE_DOWN = re.compile(r"(?:拍|选|买|建议)?小(?:一|1)码|偏大")


def fit_answer(text: str, item: Product) -> str | None:
    """ "脚背高穿哪个码", "我脚背高 平时穿40 选哪个": what the product's fit note (fact 尺码建议)
    and description say of the body said (脚背高建议拍大一码), with the size it gives from the
    usual size said (40 → 41); None when no fit is asked, the body said is nothing the data
    speaks of, or the product comes in no sizes."""
    if not sized(item) or not _FIT_ASKED.search(text):
        return None
    said = _ASKING_WORDS.sub(" ", text).split()
    pairs = {p for w in said for i in range(len(w) - 1) if _CJK_ONLY.fullmatch(p := w[i : i + 2])}
    clauses = [
        c.strip()
        for source in (item.facts.get(FIT_TOPIC, ""), item.description)
        for c in re.split(r"[，,。；;！!\n]", source)
        if c.strip()
    ]
    about = [c for c in clauses if any(p in c for p in pairs)]
    if not about:
        return None  # no body said (偏码吗 我平时穿42): the fit note's own topic answers it
    note = "，".join(dict.fromkeys(about))
    usual = _USUAL.search(text)
    size = _sized_from(usual.group(1), note, item) if usual else None
    return f"{note}。{size}" if size else f"{note}。"


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]{2}")


def _sized_from(usual: str, note: str, item: Product) -> str | None:
    """The size the fit note gives from the shopper's usual one (平时穿40, 大一码: 41)."""
    values = next((item.specs[n] for n in SIZE_SPECS if len(item.specs.get(n, ())) > 1), ())
    folded = [v.casefold() for v in values]
    if usual.casefold() not in folded:
        return None
    at = folded.index(usual.casefold())
    up, down = bool(_SIZE_UP.search(note)), bool(_SIZE_DOWN.search(note))
    if up == down:
        return None  # the note says no one way (or both): it is quoted, no size is picked
    step = 1 if up else -1
    if not 0 <= at + step < len(values):
        return f"平时穿{usual}的话，这款没有再{'大' if step > 0 else '小'}的码了，回复“人工”请客服帮您看看～"
    return f"平时穿{usual}的话，建议选{values[at + step]}。"


def sizes_for_heights(low: int, high: int, item: Product) -> list[str]:
    """The sizes of `item` for a child from `low` to `high` cm tall: the rows of its size chart
    whose heights meet the span, else the sizes that are heights inside it (童装 110, 120)."""
    rows = [r for r in chart_of(item) if r.height is not None]
    if rows:
        return [r.size for r in rows if r.height and r.height[0] < high and r.height[1] > low]
    values = [v for name in SIZE_SPECS for v in item.specs.get(name, ())]
    return [v for v in values if v.isdigit() and low <= int(v) <= high]


def heights_answer(low: int, high: int, items: list[Product]) -> str | None:
    """ "110-120的有吗" about kids' clothes: each one's sizes for that height, one a line; None
    when none of them is sold in sizes for it."""
    lines = []
    for item in items:
        sizes = sizes_for_heights(low, high, item)
        if sizes:
            lines.append(f"{item.name}：身高{low}-{high}cm可以选{'、'.join(sizes)}码")
    return "\n".join(lines) or None
