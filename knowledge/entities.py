"""Entities in a shopper's message: order number, phone, quantity, price range and spec values.

Works on `normalize.clean()` output (case and punctuation kept, 两件 already 2件). The order dialog
calls `Matcher.extract()` once per slot, passing the product being ordered so that a bare "38" or
"要黑的" can be read as that product's size or colour.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from knowledge.model import Product
from knowledge.numerals import parse_chinese_number
from knowledge.trie import trie_regex

ORDER_NO = re.compile(r"(?<![A-Za-z0-9])SB[0-9A-Z]{12,32}(?![A-Za-z0-9])", re.IGNORECASE)
PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
_UNITS = "件|个|只|支|条|双|套|箱|盒|瓶|包|袋|公斤|千克|kg|斤|罐|桶|提|份|台|部|张|卷|枚|对|副|把|本|片|串|颗|听|杯"
_QUANTITY = re.compile(rf"(\d{{1,4}})\s*({_UNITS})(?!装|月|小时|天|年|号|以内|以下|左右|多|钟|码)")
_TIMES = re.compile(r"[x×*]\s*(\d{1,3})(?![\d.])", re.IGNORECASE)
_BUY_VERB = re.compile(r"(买|要|来|拿|订|拍|下单|加)\D{0,2}$")
_BODY = re.compile(r"(体重|身高)\D{0,2}$|我\s*$")
_BODY_AFTER = re.compile(r"\s*(穿|的人|重|高|体重)")
_MONEY = r"(?:元|块钱|块|rmb|¥)"
_NUM = r"(\d+(?:\.\d{1,2})?)"
_RANGE = re.compile(rf"{_NUM}\s*{_MONEY}?\s*(?:-|~|～|到|至)\s*{_NUM}\s*{_MONEY}")
# 100到200的, 100到200之间: without a money word the bounds must look like prices (two digits or
# more) and be followed by 的 / 之间 / the end, and no body measure may come before (身高110到120的).
_BARE_RANGE = re.compile(
    r"(?<![\d.])(\d{2,}(?:\.\d{1,2})?)\s*(?:-|~|～|到|至)\s*(\d{2,}(?:\.\d{1,2})?)"
    r"(?=\s*(?:的|之间|左右的|价位|$|[，,。？?!！\s]))"
)
_BODY_BEFORE = re.compile(
    r"(?:身高|体重|高|重|尺码|码|cm|厘米|斤|公斤|kg|岁|号)\s*$", re.IGNORECASE
)
_BUDGET_RANGE = re.compile(rf"(?:预算|价位|价格|价钱)\D{{0,3}}{_NUM}\s*(?:-|~|～|到|至)\s*{_NUM}")
_AT_MOST = re.compile(
    rf"(?:不超过|不到|低于|少于|最多|预算|(?:放宽|提高|提|加|涨|放)到)\s*{_NUM}"
    rf"|{_NUM}\s*{_MONEY}?\s*(?:以内|以下|之内)"
)
_AT_LEAST = re.compile(rf"(?:高于|超过|不低于|至少)\s*{_NUM}\s*{_MONEY}|{_NUM}\s*{_MONEY}?\s*以上")
_AROUND = re.compile(rf"{_NUM}\s*{_MONEY}?\s*(?:左右|上下)")
AROUND_SPREAD = Decimal("0.2")
"""「200左右」 is read as 160-240 yuan."""
MAX_QUANTITY = 9999


@dataclass(frozen=True, slots=True)
class Entities:
    """What the message names; every field is empty when the message does not say it."""

    skus: tuple[str, ...] = ()
    specs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    quantity: int | None = None
    quantity_unit: str | None = None
    price_min_fen: int | None = None
    price_max_fen: int | None = None
    order_no: str | None = None
    phone: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "skus": list(self.skus),
            "specs": dict(self.specs),
            "quantity": self.quantity,
            "quantity_unit": self.quantity_unit,
            "price_min_fen": self.price_min_fen,
            "price_max_fen": self.price_max_fen,
            "order_no": self.order_no,
            "phone": self.phone,
        }


def _fen(text: str) -> int | None:
    try:
        return int(Decimal(text) * 100)
    except InvalidOperation:
        return None


def find_order_no(text: str) -> str | None:
    found = ORDER_NO.search(text)
    return found.group().upper() if found else None


def find_phone(text: str) -> str | None:
    found = PHONE.search(text)
    return "".join(found.groups()) if found else None


def find_price_range(text: str) -> tuple[int | None, int | None]:
    """(min fen, max fen) from 100-200元, 200以内, 50元以上, 预算300, 200左右; (None, None) if none."""
    found = _RANGE.search(text) or _BUDGET_RANGE.search(text) or _bare_range(text)
    if found:
        low, high = sorted((_fen(found.group(1)) or 0, _fen(found.group(2)) or 0))
        return low, high
    if found := _AROUND.search(text):
        middle = Decimal(found.group(1))
        return _fen(str(middle * (1 - AROUND_SPREAD))), _fen(str(middle * (1 + AROUND_SPREAD)))
    if found := _AT_MOST.search(text):
        return None, _fen(found.group(1) or found.group(2))
    if found := _AT_LEAST.search(text):
        return _fen(found.group(1) or found.group(2)), None
    return None, None


def _bare_range(text: str) -> re.Match[str] | None:
    for found in _BARE_RANGE.finditer(text):
        if not _BODY_BEFORE.search(text[: found.start()]):
            return found
    return None


def find_quantity(text: str, *, bare: bool = False) -> tuple[int | None, str | None]:
    """(quantity, unit): 买2件 → (2, 件); a count after a buying verb wins over an earlier one.

    With `bare`, a message that is only a number (3, 三) is a quantity: the order dialog passes it
    when it has just asked 要几件.
    """
    if bare and (value := _bare_number(text)) is not None:
        return (value, None) if 0 < value <= MAX_QUANTITY else (None, None)
    best: tuple[int, str] | None = None
    for found in _QUANTITY.finditer(text):
        before = text[: found.start()]
        value = int(found.group(1))
        body = _BODY.search(before) or _BODY_AFTER.match(text, found.end())
        if body or not 0 < value <= MAX_QUANTITY:
            continue
        if _BUY_VERB.search(before):
            return value, found.group(2)
        best = best or (value, found.group(2))
    if best is None and (times := _TIMES.search(text)):
        value = int(times.group(1))
        return (value, None) if 0 < value <= MAX_QUANTITY else (None, None)
    return best if best else (None, None)


def _bare_number(text: str) -> int | None:
    stripped = text.strip().rstrip("。.!！个件")
    if stripped.isdigit():
        return int(stripped)
    return parse_chinese_number(stripped)


class SpecFinder:
    """Spec values of the catalogue (红色, XL, 500ml) found in a message."""

    def __init__(self, products: Iterable[Product]) -> None:
        names: dict[str, str] = {}
        for product in products:
            for name, values in product.specs.items():
                for value in values:
                    names.setdefault(value.casefold(), name)
        self._names = names
        self._regex = trie_regex(names)

    def find(self, text: str, product: Product | None = None) -> Mapping[str, str]:
        """{spec name: value as the catalogue writes it}; the first value of each name wins."""
        folded = text.casefold()
        if product is not None:
            return MappingProxyType(_for_product(folded, product))
        found: dict[str, str] = {}
        if self._regex is None:
            return MappingProxyType(found)
        for match in self._regex.finditer(folded):
            value = match.group()
            if _standalone(folded, match.start(), match.end(), value):
                found.setdefault(self._names[value], value)
        return MappingProxyType(_restore_case(found))


def _standalone(text: str, start: int, end: int, value: str) -> bool:
    """ASCII values must not sit inside a longer word or number (m in 5000mah, 38 in 138...).

    Bare numbers (尺码 38, 童装 110) also need a 码/号/cm after them, or they would catch prices.
    """
    if not value.isascii():
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
        return False
    return not value.isdigit() or text.startswith(("码", "号", "cm", "的"), end)


def _restore_case(found: dict[str, str]) -> dict[str, str]:
    return {name: value.upper() if value.isascii() else value for name, value in found.items()}


def _for_product(folded: str, product: Product) -> dict[str, str]:
    """Within one product, bare numbers and colour stems count too: 38 → 38, 要黑的 → 黑色."""
    found: dict[str, str] = {}
    for name, values in product.specs.items():
        for value in sorted(values, key=len, reverse=True):
            key = value.casefold()
            hit = _contains_value(folded, key)
            stem = key[:-1] if key.endswith("色") and len(key) >= 2 else None
            if hit or (stem and re.search(re.escape(stem) + "(的|色|款|那)", folded)):
                found[name] = value
                break
    return found


def _contains_value(folded: str, key: str) -> bool:
    start = folded.find(key)
    while start >= 0:
        end = start + len(key)
        before = folded[start - 1] if start else " "
        after = folded[end] if end < len(folded) else " "
        if not key.isascii() or not (
            (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())
        ):
            return True
        start = folded.find(key, start + 1)
    return False
