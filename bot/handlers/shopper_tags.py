"""Short tags that name a shopper to staff ("顾客 K7P2QX（公众号）") instead of their openid.

Staff read alerts and ticket details in the WeCom app and type `/handback TAG`: an openid is 28
characters nobody can read or type, and an internal id in a message staff forward. The tag is
derived from the channel and the user (the same shopper always gets the same tag) and kept in
the state store, shared by every worker, so that `/handback` finds whom it names; the openid
stays accepted there for scripts written before tags.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services import Services

TAG_LENGTH = 6
TAG_TTL_S = 30 * 86400  # a ticket can wait for staff for weeks
CHANNEL_NAMES = {"oa": "公众号", "wecom": "企业微信", "kf": "微信客服"}


def channel_name(channel: str) -> str:
    return CHANNEL_NAMES.get(channel, "其他渠道")


def shopper_tag(channel: str, user: str) -> str:
    """Six letters and digits (base32: no 0/1/8/9 to misread) for this shopper on this channel."""
    digest = hashlib.sha256(f"{channel}:{user}".encode()).digest()
    return base64.b32encode(digest).decode()[:TAG_LENGTH]


def _key(tag: str) -> str:
    return f"shopper_tag:{tag.upper()}"


async def tag_of(services: Services, channel: str, user: str) -> str:
    """The shopper's tag, remembered so that staff commands can name them by it."""
    tag = shopper_tag(channel, user)
    value = json.dumps({"channel": channel, "user": user}).encode()
    await services.store.set(_key(tag), value, TAG_TTL_S)
    return tag


async def shopper_of(services: Services, tag: str) -> tuple[str, str] | None:
    """(channel, user) a tag names, or None for a tag nobody was given."""
    if len(tag) != TAG_LENGTH:
        return None
    raw = await services.store.get(_key(tag))
    if raw is None:
        return None
    found = json.loads(raw)
    return str(found["channel"]), str(found["user"])
