"""One channel-neutral, immutable view of a WeChat or WeCom callback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


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


@dataclass(frozen=True)
class Inbound:
    """A parsed callback.

    `user` is the sender (OA openid, WeCom userid, 微信客服 external_userid, or "sys" for WeCom
    system events), `account` the receiving account (OA gh_ id, WeCom corp id, or open_kfid). `event` is lower-case (subscribe, click,
    change_external_contact...). `extra` keeps the other fields of the XML that handlers may need
    (EventKey, ChangeType, ExternalUserID, WelcomeCode, ChatId, MediaId, PicUrl...).
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

    def __post_init__(self) -> None:
        if not isinstance(self.extra, MappingProxyType):
            object.__setattr__(self, "extra", _frozen(self.extra))

    @property
    def dedup_key(self) -> str:
        """What identifies one callback across WeChat's retries.

        Messages carry MsgId. Events do not: PLATFORM.md says FromUserName + CreateTime, and WeCom
        system events all come from "sys", so the event name and its subject ids are added to keep
        two different events of the same second apart.
        """
        if self.msg_id and self.kind is not Kind.EVENT:
            return f"{self.channel}:m:{self.msg_id}"
        subject = "|".join(
            self.extra.get(name, "")
            for name in (
                "ChangeType",
                "ChatId",
                "ExternalUserID",
                "UserID",
                "OpenKfId",
                "Token",
                "UpdateDetail",
                "JoinScene",
                "QuitScene",
                "MemChangeCnt",
            )
        )
        return f"{self.channel}:e:{self.user}:{self.received_at}:{self.event}:{self.event_key}:{subject}"


@dataclass(frozen=True)
class Decoded:
    """A verified, decrypted and parsed callback, and how its passive reply must be wrapped."""

    inbound: Inbound
    encrypted: bool
    nonce: str
