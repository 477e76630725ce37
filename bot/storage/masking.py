"""Masking of personal data before it reaches a log line or the audit log.

Phone numbers and addresses belong in the orders table and nowhere else: the audit log is read by
every staff member and kept forever, and log files leave the machine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Mainland mobile numbers: 11 digits starting 13-19, not part of a longer digit run.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")

_PHONE_KEYS = frozenset({"phone", "mobile", "tel", "telephone", "phone_number"})
_HIDDEN_KEYS = frozenset(
    {"address", "addr", "receiver_name", "receiver", "id_card", "invoice_title"}
)
HIDDEN = "***"


def mask_phone(phone: str) -> str:
    """`13812345678` -> `138****5678`; too short to keep anything -> `****`."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) < 8:
        return "****"
    return f"{digits[:3]}****{digits[-4:]}"


def mask_email(email: str) -> str:
    """`zhang.san@example.com` -> `z***@example.com`."""
    return _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", email)


def mask_text(text: str) -> str:
    """Mask every mobile number and email address inside free text (a reason, a note)."""
    return mask_email(_MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text))


def scrub(value: Any, key: str = "") -> Any:
    """A copy of a JSON-like value with phones masked and addresses hidden, at any depth.

    Known keys are masked by name; any other string is scanned for mobile numbers, because a phone
    number typed into a free-text field is still a phone number.
    """
    if isinstance(value, Mapping):
        return {str(k): scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v, key) for v in value]
    if value is None:
        return None
    lowered = key.lower()
    if lowered in _HIDDEN_KEYS:
        return HIDDEN
    if lowered in _PHONE_KEYS:
        return mask_phone(str(value))
    if isinstance(value, str):
        return mask_text(value)
    return value


# What a shopper may type of their own into a question: an order, parcel or ID number (8+ digits
# or SB…), a phone (mobile or landline) and an address (two administrative units, or a unit and
# a street, or a street and a house number: 北京市朝阳区…, 朝阳区建国路…, 建国路88号).
_ORDER_NO = re.compile(r"(?i)SB[0-9A-Z]{8,}|(?<![0-9A-Za-z])[0-9A-Za-z]*\d{8,}[0-9A-Za-z]*")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_UNIT = r"[\u4e00-\u9fa5]{2,6}?(?:省|自治区|市|区|县|旗|镇|乡)"
_STREET = r"[\u4e00-\u9fa5\d]{1,12}?(?:大道|路|街|巷|弄|村|小区)"
_HOUSE = r"[\d一二三四五六七八九十百零\-－#]+(?:号院|号楼|号|栋|幢|单元|室|楼)"
_ADDRESS = re.compile(
    rf"(?:{_UNIT}){{2,}}(?:{_STREET})?(?:{_HOUSE})*|{_UNIT}{_STREET}(?:{_HOUSE})*|{_STREET}(?:{_HOUSE})+"
)


def mask_message(text: str) -> str:
    """A shopper's message fit to keep for the merchant: phones, addresses and order or parcel
    numbers replaced by what they were ([电话], [地址], [单号])."""
    text = _MOBILE.sub("[电话]", text)
    text = _LANDLINE.sub("[电话]", text)
    text = _ORDER_NO.sub("[单号]", text)
    return _ADDRESS.sub("[地址]", text)
