"""Spec values as shoppers say them, read against one product.

The catalogue writes "02豆沙", "120g", "浅蓝", "iPhone 15 Pro"; shoppers say 豆沙色, 120g那种,
浅蓝色, 15pro. Every value gets a few keys (the value, without its leading code, with or without
色), and the longest key found in the text wins within each spec. ASCII keys must stand apart
from other letters and digits (the m in 5000mah is not a size M).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bot.dialogs.parse import QUESTION, said_over
from knowledge.model import Product

COLOUR = "颜色"
_COLOUR_WORD = re.compile(
    r"((?:[深浅酒天藏墨宝玫米雾奶姜焦橘亮暗]?)[红橙黄绿青蓝紫粉白黑灰棕咖金银驼杏]色)"
)
_CODE = re.compile(r"^[0-9]{1,3}(?=[\u4e00-\u9fff])(?![袋片包支只盒瓶卷条张粒颗件个罐斤克装])")
"""The colour code of "02豆沙"; the number of "30袋礼盒" is no code."""
_UNIT_WORDS = (
    ("ml", "毫升"),
    ("kg", "公斤"),
    ("kg", "千克"),
    ("g", "克"),
    ("cm", "厘米"),
    ("l", "升"),
)
_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)(ml|kg|g|cm|l)$")
_METRES_HEAD = re.compile(r"^(\d)\.(\d)米")
_CN_DIGIT = dict(zip("123456789", "一二三四五六七八九", strict=True))
_LEADING_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)(?:ml|kg|g|cm|l|斤|克|升|寸|米)")
_STEM_AFTER = re.compile(r"(?:的|色|款|那|吧|$)")
_COUNTED_HEAD = re.compile(r"^(\d+(?:\.\d+)?[袋片包支只盒瓶卷条张粒颗件个罐])(?=[\u4e00-\u9fff])")
"""30袋礼盒, 10片装: the number and its measure word say which ("30袋的")."""
_SIZE_HEAD = re.compile(r"^(\d+(?:\.\d+)?[×x*]\d+(?:\.\d+)?)(?:cm|mm|m|厘米)$")
"""90×40cm is asked for as "90×40的" (or 90x40, 90*40)."""
_MODEL_TAIL = re.compile(r"^[a-z]+ (\d+(?: ?[a-z]+)+)$")
"""A model after its brand word ("iphone 15 pro"): the number with its letters names it (15pro);
a number alone ("iphone 15" → 15) could be a count, so it never does."""


@cache
def keys_of(value: str) -> tuple[str, ...]:
    """The ways a shopper may write `value`, lower-cased: 02豆沙 → (02豆沙, 豆沙, 豆沙色)."""
    folded = value.casefold()
    keys = {folded, folded.replace(" ", "")}
    bare = _CODE.sub("", folded)
    if bare != folded and len(bare) >= 2:
        keys.add(bare)
        code = folded[: len(folded) - len(bare)]
        if code.startswith("0"):
            keys.add(code)  # "买一支02": a count is never written 02, the colour code is
    if amount := _AMOUNT.match(folded):  # 500ml is also written 500毫升
        keys.update(amount.group(1) + word for unit, word in _UNIT_WORDS if unit == amount.group(2))
    if leading := _LEADING_AMOUNT.match(folded):
        keys.add(leading.group(0))  # 5斤礼盒 is asked for as "5斤的"
        if len(leading.group(1)) >= 3:
            keys.add(leading.group(1))  # "白色350": a short number could be a count, 350 is not
        elif len(leading.group(1)) == 2:
            keys.add(leading.group(1) + "的")  # "32的" of 28cm / 32cm: the 32 one, no count
    if counted := _COUNTED_HEAD.match(folded):
        keys.add(counted.group(1))
    if size := _SIZE_HEAD.match(folded):
        keys.update(size.group(1).replace("×", sign) for sign in ("×", "x", "*"))
    if model := _MODEL_TAIL.match(folded):
        keys.add(model.group(1).replace(" ", ""))  # iPhone 15 Pro is asked for as "15pro"
    for key in list(keys):
        if spoken := _SPOKEN_AMOUNT.match(key):  # 5斤 is said 五斤, 2斤装 两斤装
            for word in _CN_DIGITS[int(spoken.group(1))]:
                keys.add(word + key[len(spoken.group(1)) :])
    for key in list(keys):
        if re.search(r"[\u4e00-\u9fff]$", key) and not key.endswith(("色", "的")) and len(key) <= 3:
            keys.add(key + "色")
        if key.endswith("装") and len(key) > 2:
            keys.add(key[:-1])
    if metres := _METRES_HEAD.match(folded):  # 1.8米床 is asked for as "1米8的床", "一米八"
        whole, tenth = metres.groups()
        keys.add(f"{whole}米{tenth}")
        if whole in _CN_DIGIT and tenth in _CN_DIGIT:
            keys.add(f"{_CN_DIGIT[whole]}米{_CN_DIGIT[tenth]}")
    return tuple(sorted(keys, key=len, reverse=True))


_SPOKEN_AMOUNT = re.compile(r"^(10|[1-9])(?=斤|公斤|千克|升|寸|米)")
_CN_DIGITS = {
    1: ("一",),
    2: ("两", "二"),
    3: ("三",),
    4: ("四",),
    5: ("五",),
    6: ("六",),
    7: ("七",),
    8: ("八",),
    9: ("九",),
    10: ("十",),
}
"""A small amount before a Chinese unit is also said in words: 5斤 → 五斤, 2斤装 → 两斤装."""


_PRICE_AFTER = re.compile(r"\s*(?:元|块|rmb|以内|以下|之内|左右|上下|以上)")
_PRICE_BEFORE = re.compile(r"(?:预算|不超过|不到|低于|少于|最多|[¥￥])\s*$")
"""Around a bare number that is a price ("500以内", "预算200"), never the 500 of a 500g bag."""


def _a_price(text: str, start: int, end: int) -> bool:
    return bool(_PRICE_AFTER.match(text, end) or _PRICE_BEFORE.search(text, 0, start))


def _found_at(text: str, key: str) -> int:
    """Where `key` stands in `text` as a word of its own (-1: nowhere); a bare number said as
    a price is none."""
    start = text.find(key)
    while start >= 0:
        end = start + len(key)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        glued = (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())
        if key.isdigit() and _a_price(text, start, end):
            glued = True
        if not key[0].isascii() or not glued:
            return start
        start = text.find(key, start + 1)
    return -1


def _found(text: str, key: str) -> bool:
    return _found_at(text, key) >= 0


_REFUSED = re.compile(r"(?:不要|不是|不想要|别要|别买|别拿)(?:那个|这个|那种|那款)?$")
"""Before a value the shopper says no to: "不要黑色的，要白色的", "不是M是L"."""


def spec_values_in(text: str, item: Product, *, shades: bool = True) -> dict[str, str]:
    """{spec name: value as the catalogue writes it} for the values of `item` named in `text`.

    After a correction word the value said last wins ("白色的 不对要黑色" → 黑色, "M码 哦不 L码"
    → L), and a value said no to gives way to another one named ("不要黑色的 要白色的"). With
    `shades`, a plain colour is also the one shade of it the product has ("粉色" → 浅粉); without,
    only the colour itself counts (does this product come in another one's 蓝色?)."""
    found: dict[str, str] = {}
    for part in said_over(text.casefold()):
        found.update(_values_in(part, item, shades))
    return found


def value_spans(text: str, item: Product) -> list[tuple[int, int, str]]:
    """(start, end, spec name) of every value of `item` written out in `text`, in the order
    said; of overlapping ones the longest ("格子蓝", not a 蓝 inside it)."""
    folded = text.casefold()
    found: list[tuple[int, int, str]] = []
    for name, values in item.specs.items():
        for value in values:
            for key in keys_of(value):
                at = _found_at(folded, key)
                while at >= 0:
                    found.append((at, at + len(key), name))
                    at = _found_at(folded[at + len(key) :], key)
                    at = -1 if at < 0 else at + found[-1][1]
    kept: list[tuple[int, int, str]] = []
    for span in sorted(found, key=lambda x: (x[0] - x[1], x[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def specs_named_twice(text: str, item: Product) -> set[str]:
    """The specs of `item` for which `text` names two values or more ("350的和500的价格一样吗":
    容量): a comparison of them, which chooses neither."""
    folded = text.casefold()
    return {
        name
        for name, values in item.specs.items()
        if sum(any(_found(folded, key) for key in keys_of(v)) for v in values) >= 2
    }


def _values_in(folded: str, item: Product, shades: bool) -> dict[str, str]:
    compact = folded.replace(" ", "")
    asking = bool(QUESTION.search(folded))  # "不是白色的吗" asks, it refuses nothing
    found: dict[str, str] = {}
    for name, values in item.specs.items():
        best: tuple[int, str] | None = None
        refused: str | None = None
        for value in values if _any_said(folded, compact, tuple(values)) else ():
            for key in keys_of(value):
                # `in` first: most keys of the catalogue's values are nowhere in the text
                at = _found_at(folded, key) if key in folded else -1
                if at < 0 and " " in value and key in compact:
                    at = _found_at(compact, key)
                if at < 0:
                    continue
                if not asking and _REFUSED.search(folded, 0, at):
                    refused = value
                elif best is None or len(key) > best[0]:
                    best = (len(key), value)
                break
            stem = value[:-1] if value.endswith("色") and len(value) >= 2 else ""
            if (
                stem
                and best is None
                and refused != value
                and stem in folded
                and _stem_found(folded, stem, item)
            ):
                best = (len(stem), value)
        if best is None and refused is None:
            part = _part_named(folded, values)
            if part is None and shades and name == COLOUR:
                part = _nearest_colour(folded, values, asking)
            best = (0, part) if part is not None else None
        if best is None and refused is None:
            sized = _by_size(folded, name, values, item)
            best = (0, sized) if sized is not None else None
        if best is not None:
            found[name] = best[1]
    return found


_BIG = re.compile(r"(?<![多太很不加放])大(?:一点|一些|点|些|号|的|款|尺寸|容量|份)")
_SMALL = re.compile(r"(?<![多太很不缩])小(?:一点|一些|点|些|号|的|款|尺寸|容量|份)")
""""大的", "大号", "要小一点的": the biggest or smallest of values that are measures; 多大的 asks
how big, 太大 says it is too big, 加大 is part of a name."""


def _names_next(rest: str, item: Product) -> bool:
    """Does `rest` open with a piece of the product's name or aliases (two characters or more)?"""
    rest = rest.lstrip("的 ")
    return len(rest) >= 2 and any(rest[:2] in w.casefold() for w in (item.name, *item.aliases))


_MEASURE = re.compile(r"^(\d+(?:\.\d+)?)(?:\s*[×x*]\s*(\d+(?:\.\d+)?))?")


def _by_size(text: str, name: str, values: tuple[str, ...], item: Product) -> str | None:
    """The biggest value for "大的", the smallest for "小的", of a spec whose values all are
    measures (80×30cm / 90×40cm, 350ml / 500ml, 30L / 55L / 80L). Not a body size (尺码): "大一
    码" is about the wearer, and S / M / L are no measures; nor a word said before the product's
    name ("大号鼠标垫" names the 加大鼠标垫, any size of it)."""
    if name in ("尺码", "码数") or len(values) < 2:
        return None
    big, small = _BIG.search(text), _SMALL.search(text)
    if (big is None) == (small is None):
        return None
    said = big or small
    if said is not None and _names_next(text[said.end() :], item):
        return None
    sizes: list[float] = []
    for value in values:
        measure = _MEASURE.match(value)
        if measure is None:
            return None
        sizes.append(float(measure.group(1)) * float(measure.group(2) or 1))
    if len(set(sizes)) != len(sizes):
        return None
    pick = max if big is not None else min
    return values[sizes.index(pick(sizes))]


def _any_said(folded: str, compact: str, values: tuple[str, ...]) -> bool:
    """Does the text hold any key of `values`, or a colour's stem: when not, no value of them is
    found by its keys (most of the catalogue's values, asked of one product's card)."""
    words, lengths = _said_words(values)
    return _holds(folded, words, lengths) or (compact != folded and _holds(compact, words, lengths))


def _holds(text: str, words: frozenset[str], lengths: tuple[int, ...]) -> bool:
    return any(text[i : i + n] in words for n in lengths for i in range(len(text) - n + 1))


@lru_cache(maxsize=4096)
def _said_words(values: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """The keys of `values` and their colours' stems, and the lengths they come in."""
    words = {key for value in values for key in keys_of(value)}
    words |= {v[:-1] for v in values if v.endswith("色") and len(v) >= 2}
    return frozenset(words), tuple(sorted({len(w) for w in words}))


def _nearest_colour(text: str, values: tuple[str, ...], asking: bool) -> str | None:
    """The one colour of `values` that is a shade of the colour said, its stem last ("粉色" →
    浅粉, "灰色" → 深灰; 灰蓝 is a blue, no grey); None when none or several are, or when the
    colour is said no to."""
    for said in _COLOUR_WORD.finditer(text):
        stem = said.group(1)[:-1]
        if not asking and _REFUSED.search(text, 0, said.start()):
            continue
        holding = [v for v in values if v.removesuffix("色").endswith(stem)]
        if len(holding) == 1:
            return holding[0]
    return None


_PART_AFTER = re.compile(r"(?:的|味|口味|款|那种|那款|[\s，,。!！~～]|$)")
_CJK_VALUE = re.compile(r"[\u4e00-\u9fff]{3,8}")


_PART_BEFORE = frozenset("要买拍来换选个种是的点份盒袋瓶包")
"""What may stand before a part said as a word of its own ("要麻辣的", "两盒麻辣的"); any other
character makes it the end of another word (the 麦色 of 燕麦色 is no 小麦色)."""


def _part_at(text: str, part: str) -> bool:
    at = text.find(part)
    while at >= 0:
        before = text[at - 1] if at else " "
        free = not ("\u4e00" <= before <= "\u9fff") or before in _PART_BEFORE
        if free and _PART_AFTER.match(text, at + len(part)):
            return True
        at = text.find(part, at + 1)
    return False


def _part_named(text: str, values: tuple[str, ...]) -> str | None:
    """The one value whose head or tail of two or more characters the text names as a wish
    ("麻辣的" → 麻辣牛肉, "番茄味" → 番茄素食); None when no value, or more than one, has it."""
    chosen: set[str] = set()
    for value, parts in _own_parts(tuple(values)):
        for part in parts:
            if part in text and _part_at(text, part):
                chosen.add(value)
                break
    return chosen.pop() if len(chosen) == 1 else None


@lru_cache(maxsize=4096)
def _own_parts(values: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each value of `values` that may be named by a part, with its heads and tails of two or
    more characters that no other value has (牛肉 in two flavours says neither): a product's or
    the catalogue's values, worked out once, not per message."""
    owned: list[tuple[str, tuple[str, ...]]] = []
    for value in values:
        if not _CJK_VALUE.fullmatch(value):
            continue
        parts = {value[:n] for n in range(2, len(value))} | {
            value[n:] for n in range(1, len(value) - 1)
        }
        mine = [p for p in parts if not any(p in other for other in values if other != value)]
        owned.append((value, tuple(sorted(mine))))
    return tuple(owned)


_SHADES = frozenset("深浅酒天藏墨宝玫米雾霾奶姜焦橘亮暗湖灰烟")
"""Words before a colour's stem that make it another colour (浅蓝, 雾霾蓝, 宝蓝)."""


_NO_COLOUR_WORDS = (
    "蓝牙",
    "红枣",
    "白酒",
    "红酒",
    "黑科技",
    "红糖",
    "白糖",
    "黑糖",
    "红包",
    "白天",
    "白领",
)
"""Words a colour's stem begins that name no colour: "蓝牙音箱防水吗" asks nothing about 蓝色."""


def _stem_found(text: str, stem: str, item: Product) -> bool:
    """A colour without 色 ("白的", "黑款"), or glued to the product's own word: "白T", "黑卫衣"."""
    words = [w.casefold() for w in (item.name, *item.aliases) if w]
    at = text.find(stem)
    while at >= 0:
        end = at + len(stem)
        if at and text[at - 1] in _SHADES:
            at = text.find(stem, end)
            continue  # the 蓝 of 雾霾蓝 or 浅蓝 is another colour, not 蓝色
        if any(text.startswith(w, at) for w in _NO_COLOUR_WORDS):
            at = text.find(stem, end)
            continue  # the 蓝 of 蓝牙, the 红 of 红枣: part of a longer word
        if _STEM_AFTER.match(text, end) or any(text.startswith(w, end) for w in words):
            return True
        if any(_colour_alias(w, stem, words) and text.startswith(w, at) for w in words):
            return True  # the alias "白T" names the colour of the T-shirt it stands for
        at = text.find(stem, end)
    return False


def _colour_alias(alias: str, stem: str, words: list[str]) -> bool:
    """Is `alias` the colour `stem` glued to another of the product's words ("白T": 白 + the T
    of T恤), not a word that merely begins with it (蓝牙音箱)?"""
    rest = alias[len(stem) :]
    return alias.startswith(stem) and bool(rest) and any(w.startswith(rest) for w in words)


def unknown_colour(text: str, item: Product, found: dict[str, str]) -> str | None:
    """A colour the shopper named that `item` does not come in ("红色" for a white T-shirt)."""
    colour = _COLOUR_WORD.search(text)
    if COLOUR in item.specs and COLOUR not in found and colour:
        return colour.group(1)
    return None


def without_names(text: str, item: Product) -> str:
    """`text` without the product's name, aliases and spec values (and the short ways of writing
    them, "30袋" for 30袋礼盒), so that "24包" in 原木抽纸24包 or "3支装" is not read as a
    quantity."""
    out = text
    values = [v for values in item.specs.values() for v in values]
    measured = [k for v in values for k in keys_of(v) if re.search(r"\d", k) and len(k) >= 2]
    words = [item.name, *item.aliases, *values, *measured]
    for word in sorted(words, key=len, reverse=True):
        if word:
            out = _word_pattern(word).sub(" ", out)
    return out


@lru_cache(maxsize=8192)
def _word_pattern(word: str) -> re.Pattern[str]:
    """`word` as a case-blind pattern, compiled once: a catalogue's names and values are more
    patterns than the `re` module keeps, and compiling them again was most of a message's
    reading of them."""
    return re.compile(re.escape(word), flags=re.I)


_SAME_AS_BEFORE = re.compile(
    r"(?:同样|一样|相同|同一)(?:的|个)?(?P<what>尺码|码数|码|尺寸|大小|颜色|色)"
    r"|同(?:一)?(?:个)?(?P<short>尺码|码数|码|尺寸|颜色|色)"
    r"|(?P<after>尺码|码数|码|尺寸|大小|颜色)(?:也|都)?(?:一样|相同|同样)"
)
"""'再来条加绒裤 黑色 同样码', '同尺码', '一样的颜色', '尺码一样': a spec as the line before has
it (the same wearer's size for the next piece)."""
_SAME_SPEC = {"尺码": "size", "码数": "size", "码": "size", "尺寸": "size", "大小": "size"}
_SIZE_NAMES = ("尺码", "码数", "尺寸")


def same_as_before(text: str, item: Product, earlier: list[dict[str, str]]) -> dict[str, str]:
    """{spec name: value} for the specs `text` says are the same as before (同样码: the size of
    the line before), when `item` comes in that value; the latest earlier line having it wins."""
    found: dict[str, str] = {}
    for said in _SAME_AS_BEFORE.finditer(text):
        word = said.group("what") or said.group("short") or said.group("after")
        names = _SIZE_NAMES if _SAME_SPEC.get(word) == "size" else (COLOUR,)
        for spec in reversed(earlier):
            value = next((spec[n] for n in names if n in spec), None)
            name = next((n for n in names if n in item.specs), None)
            if value is not None and name is not None and value in item.specs[name]:
                found[name] = value
                break
    return found
