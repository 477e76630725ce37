"""Extractors and validators of the order form's slots: quantity, spec, receiver, phone, address.

An extractor reads a value out of free text (None: the message does not contain one); a validator
says in Chinese what is wrong with a value (None: it is fine). Keeping them apart lets the dialog
tell "you answered something else" (maybe an off-topic question, answered by the FAQ) from "you
answered, but the value is wrong" (say why, ask again).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.numerals import parse_chinese_number

MAX_QTY = 99
MAX_NAME = 20
MAX_ADDRESS = 120
MIN_ADDRESS = 8

_QTY = re.compile(
    r"^(?:[x×*]\s*)?([-+－]?\d{1,9})\s*(?:件|个|只|份|套|盒|瓶|双|条|包|袋|箱|斤|台)?[。.!！]?$",
    re.I,
)
_CN_QTY = re.compile(
    r"^(?:要|来|买)?([零〇一二两俩三四五六七八九十百千万]+)(?:件|个|只|份|套|盒|瓶|双|条|包|袋|箱|斤|台)?[吧。.!！]?$"
)
_PHONE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
_DIGITS = re.compile(r"\d")
QUESTION = re.compile(r"[?？吗呢么]|多少|怎么|什么|为什么|哪|几|能不能|可不可以|是不是|有没有")
_ADDRESS_HINT = re.compile(r"[省市区县镇乡村路街道巷弄号栋幢楼室单元]")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z·•. ]+$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_quantity(text: str) -> int | None:
    """A quantity the shopper typed as the whole answer: 3, 3件, x3, 两件, -1, 0, 10000.

    Absurd values are returned as they are, so the validator can say what is wrong with them.
    """
    folded = _fold(text).replace("－", "-")
    if found := _QTY.match(folded):
        return int(found.group(1))
    if found := _CN_QTY.match(folded):
        return parse_chinese_number(found.group(1))
    return None


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


def parse_phone(text: str) -> str | None:
    """An 11-digit mainland mobile number, however it is spaced: 138 1234 5678, +86-138...."""
    digits = re.sub(r"[\s\-()（）]", "", _fold(text))
    found = _PHONE.match(digits)
    return found.group(1) if found else None


def looks_like_phone_attempt(text: str) -> bool:
    """Mostly digits: the shopper tried to give a number (so a bad one gets "wrong number")."""
    folded = _fold(text)
    return len(_DIGITS.findall(folded)) >= max(3, len(folded) // 2)


def check_name(text: str) -> str | None:
    name = _fold(text)
    if QUESTION.search(name) or _DIGITS.search(name):
        return "请告诉我收货人的姓名，例如“张三”。"
    if not 2 <= len(name) <= MAX_NAME or not _NAME_CHARS.match(name):
        return f"姓名需要2到{MAX_NAME}个字，请重新输入收货人姓名。"
    return None


def check_address(text: str) -> str | None:
    address = _fold(text)
    if QUESTION.search(address) and not _DIGITS.search(address):
        return "请发完整的收货地址，例如“上海市浦东新区世纪大道100号3栋201室”。"
    if len(address) < MIN_ADDRESS or not _ADDRESS_HINT.search(address):
        return "地址好像不完整，请写上省/市/区和街道门牌号，例如“上海市浦东新区世纪大道100号3栋201室”。"
    if len(address) > MAX_ADDRESS:
        return f"地址太长了（最多{MAX_ADDRESS}个字），请精简一下。"
    return None


@dataclass(frozen=True)
class Contact:
    """Receiver details found in one message ("张三 13812345678 上海市…")."""

    name: str | None = None
    phone: str | None = None
    address: str | None = None


def split_contact(text: str) -> Contact:
    """Best effort for a shopper who sends name, phone and address at once.

    Only parts that pass their validator are taken; the form asks for the rest.
    """
    parts = [p for p in re.split(r"[\s,，;；、/]+", _fold(text)) if p]
    found: dict[str, str] = {}
    for part in parts:
        if "phone" not in found and (phone := parse_phone(part)):
            found["phone"] = phone
        elif "address" not in found and check_address(part) is None:
            found["address"] = part
        elif "name" not in found and len(part) <= 5 and check_name(part) is None:
            found["name"] = part
    return Contact(found.get("name"), found.get("phone"), found.get("address"))


def pick_number(text: str, count: int) -> int | None:
    """A list choice: "2", "第2个", "2号" → index 1; None when it is not a number in range."""
    folded = _fold(text)
    found = re.fullmatch(
        r"第?\s*(\d{1,3}|[一二两三四五六七八九十]{1,2})\s*[个件号条款项。.]?", folded
    )
    if not found:
        return None
    raw = found.group(1)
    number = int(raw) if raw.isdigit() else parse_chinese_number(raw)
    return number - 1 if number is not None and 1 <= number <= count else None
