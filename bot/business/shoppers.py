"""How staff name a shopper: `顾客 #17`, a short number they can read and type back.

An openid (`oDemo…`, `wm…`) means nothing to a person and is personal data; staff texts show the
shopper's number from `db.shoppers` (bot/storage/shoppers.py) instead, and staff commands that
take a shopper (`/handback 17`) accept that number, `#17`, or the raw id as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services import Services


async def shopper_no(services: Services, channel: str, user: str) -> int:
    """The shopper's number (given now if new)."""
    return await services.db.shoppers.number_for(channel, user)


def label(number: int) -> str:
    return f"顾客 #{number}"


async def shopper_label(services: Services, channel: str, user: str) -> str:
    """`顾客 #17`."""
    return label(await shopper_no(services, channel, user))


async def known_number(services: Services, channel: str, user: str) -> int | None:
    """The shopper's number if they already have one (a mistyped id gets none)."""
    return await services.db.shoppers.number_of(channel, user)


def typed_number(text: str) -> int | None:
    """17, #17 or ＃17 as staff type it; None for anything else (a raw openid)."""
    digits = text.strip().lstrip("#＃")
    return int(digits) if digits.isascii() and digits.isdigit() else None
