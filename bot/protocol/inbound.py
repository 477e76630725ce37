"""One channel-neutral, immutable view of a WeChat or WeCom callback."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Channel(StrEnum):
    OA = "oa"
    WECOM = "wecom"
    KF = "kf"  # 微信客服: messages pulled with kf/sync_msg (bot/kf/), answered only through the API


class Kind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    VOICE = "voice"
    VIDEO = "video"
    LOCATION = "location"
    LINK = "link"
    EVENT = "event"
    UNKNOWN = "unknown"


def _frozen(values: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(values or {}))


def _empty_tree() -> Mapping[str, Any]:
    return MappingProxyType({})


def freeze_tree(value: Any) -> Any:
    """A parsed XML value made immutable: dicts → read-only mappings, lists → tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze_tree(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze_tree(v) for v in value)
    return value


def nested_fields(tree: Mapping[str, Any]) -> Mapping[str, Any]:
    """The top-level fields of a callback that are not plain text (SendPicsInfo, MemChangeList,
    ExtAttr, CopyrightCheckResult, a repeated tag...), frozen: `Inbound.nested`."""
    return MappingProxyType({k: freeze_tree(v) for k, v in tree.items() if not isinstance(v, str)})


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Inbound:
    """A parsed callback.

    `user` is the sender (OA openid, WeCom userid, 微信客服 external_userid, or "sys" for WeCom
    system events), `account` the receiving account (OA gh_ id, WeCom corp id, or open_kfid). `event` is lower-case (subscribe, click,
    change_external_contact...). `extra` keeps the other fields of the XML that handlers may need
    (EventKey, ChangeType, ExternalUserID, WelcomeCode, ChatId, MediaId, PicUrl...); `nested`
    the fields with children or repeated tags, every entry kept (read them with `entries`).
    """

    channel: Channel
    user: str
    account: str
    kind: Kind
    received_at: int
    msg_id: str = ""
    text: str = ""
    event: str = ""
    event_key: str = ""
    chat: str = ""
    agent_id: str = ""
    raw_type: str = ""
    extra: Mapping[str, str] = field(default_factory=_frozen)
    nested: Mapping[str, Any] = field(default_factory=_empty_tree)

    def __post_init__(self) -> None:
        if not isinstance(self.extra, MappingProxyType):
            object.__setattr__(self, "extra", _frozen(self.extra))
        if not isinstance(self.nested, MappingProxyType):
            object.__setattr__(self, "nested", nested_fields(self.nested))

    def entries(self, path: str) -> tuple[Any, ...]:
        """Every value at a dotted path of `nested`, one or many alike:
        `msg.entries("MemChangeList.Item")` → ("wmJack", "wmRose"),
        `msg.entries("SendPicsInfo.PicList.item")` → one mapping per picture."""
        values: tuple[Any, ...] = (self.nested,)
        for part in path.split("."):
            found: list[Any] = []
            for value in values:
                if isinstance(value, Mapping) and part in value:
                    child = value[part]
                    found.extend(child if isinstance(child, tuple) else (child,))
            values = tuple(found)
        return values

    @property
    def dedup_key(self) -> str:
        """What identifies one callback across WeChat's retries.

        Messages carry MsgId. Events do not have one of their own: PLATFORM.md says FromUserName
        + CreateTime, but two different events of one user in one second are common (two menu
        clicks, WeCom system events that all come from "sys", a batch job's result beside a tag
        change). A retry resends the same event field for field, so the key ends in a digest of
        every field the event carries (EventKey, MsgID, JobId, Id, ChangeType, the member
        list...): any difference makes another event, and a true retry still matches.
        """
        if self.msg_id and self.kind is not Kind.EVENT:
            return f"{self.channel}:m:{self.msg_id}"
        content: list[Any] = [self.event_key, self.msg_id, self.chat, self.agent_id, self.raw_type]
        content += [dict(self.extra), _plain(self.nested)]
        digest = hashlib.blake2b(
            json.dumps(content, ensure_ascii=False, sort_keys=True).encode(), digest_size=12
        ).hexdigest()
        return f"{self.channel}:e:{self.user}:{self.received_at}:{self.event}:{digest}"


@dataclass(frozen=True)
class Decoded:
    """A verified, decrypted and parsed callback, and how its passive reply must be wrapped."""

    inbound: Inbound
    encrypted: bool
    nonce: str
