"""Order and ticket numbers that cannot be guessed.

Format: a two-letter prefix, the date in the shop's time zone (the date the shopper sees), and 12
characters of Crockford base32 drawn from `secrets` (60 random bits)::

    SB20250314K7QX2M9CDV0H   order
    AS20250314T3N8W1ZR6PEA   after-sales ticket

The prefix and date make a number readable on the phone; the random part is what protects it.
Knowing one order number tells nothing about the next, so a shopper cannot walk through other
shoppers' orders (ownership is still checked on every read). Crockford's alphabet leaves out I, L,
O and U, so a number read aloud or retyped survives; `normalise` maps the usual slips back.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.shoptime import DEFAULT_ZONE, shop_today

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARS = 12  # 12 x 5 bits = 60 bits
ORDER_PREFIX = "SB"
TICKET_PREFIX = "AS"
_SLIPS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def _new(prefix: str, now: datetime, zone: ZoneInfo) -> str:
    day = shop_today(zone, now).strftime("%Y%m%d")
    tail = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARS))
    return f"{prefix}{day}{tail}"


def new_order_no(now: datetime, zone: ZoneInfo = DEFAULT_ZONE) -> str:
    return _new(ORDER_PREFIX, now, zone)


def new_ticket_no(now: datetime, zone: ZoneInfo = DEFAULT_ZONE) -> str:
    return _new(TICKET_PREFIX, now, zone)


def normalise(number: str) -> str:
    """Upper-case, strip spaces and dashes, and undo Crockford's look-alike letters after the date."""
    cleaned = "".join(number.split()).replace("-", "").upper()
    head, tail = cleaned[:10], cleaned[10:]
    return head + tail.translate(_SLIPS)
