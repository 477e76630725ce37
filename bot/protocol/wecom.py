"""WeCom callbacks: URL check and encrypted POSTs, with wechatpy's crypto and parser.

wechatpy returns change_external_contact, change_external_chat and kf_msg_or_event as
UnknownMessage; every wechatpy message keeps the parsed XML in `_data`, which is what we read, so
those events come out as ordinary `Inbound`s with their fields in `extra`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.enterprise.events import EVENT_TYPES
from wechatpy.enterprise.messages import MESSAGE_TYPES
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.messages import UnknownMessage

from bot.clock import Clock, SystemClock
from bot.protocol.errors import BadRequest, Forbidden
from bot.protocol.inbound import Channel, Decoded, Inbound, Kind, nested_fields
from bot.protocol.signing import require_fresh
from bot.protocol.xmlsafe import parse_tree

_KINDS = {k.value: k for k in Kind} | {"shortvideo": Kind.VIDEO}


class WeComProtocol:
    def __init__(
        self,
        token: str,
        encoding_aes_key: str,
        corp_id: str,
        max_skew_s: int,
        *,
        clock: Clock | None = None,
    ) -> None:
        self.clock = clock or SystemClock()  # what the timestamps are checked against
        self.corp_id = corp_id
        self.max_skew_s = max_skew_s
        self._crypto = WeChatCrypto(token, encoding_aes_key, corp_id)

    def verify_url(self, query: Mapping[str, str]) -> str:
        """GET: check msg_signature over echostr, answer the decrypted echostr alone."""
        timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
        require_fresh(timestamp, self.max_skew_s, self.clock.time())
        try:
            echo = self._crypto.check_signature(
                query.get("msg_signature", ""), timestamp, nonce, query.get("echostr", "")
            )
        except InvalidSignatureException as exc:
            raise Forbidden("bad or missing msg_signature") from exc
        except Exception as exc:  # base64, padding and corp id errors alike
            raise BadRequest("echostr does not decrypt with this key and corp id") from exc
        return echo.decode("utf-8") if isinstance(echo, bytes) else str(echo)

    def decode(self, query: Mapping[str, str], body: bytes) -> Decoded:
        timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
        require_fresh(timestamp, self.max_skew_s, self.clock.time())
        parse_tree(body)  # refuse hostile or malformed XML before wechatpy's parser sees it
        try:
            plain = self._crypto.decrypt_message(
                body, query.get("msg_signature", ""), timestamp, nonce
            )
        except InvalidSignatureException as exc:
            raise Forbidden("bad or missing msg_signature") from exc
        except Exception as exc:  # missing Encrypt, base64, padding and corp id errors alike
            raise BadRequest("Encrypt does not decrypt with this key and corp id") from exc
        return Decoded(to_inbound(parse_tree(plain)), True, nonce)

    def encode(self, request: Decoded, reply_xml: str, timestamp: str) -> str:
        return str(self._crypto.encrypt_message(reply_xml, request.nonce, timestamp))


def to_inbound(tree: dict[str, Any]) -> Inbound:
    nested = nested_fields(tree)
    try:
        message = _wechatpy_message(tree)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadRequest("not a WeCom message") from exc
    data: dict[str, Any] = dict(getattr(message, "_data", {}) or {})
    fields = {k: v for k, v in data.items() if isinstance(v, str)}
    raw_type = fields.get("MsgType", "").lower()
    event = fields.get("Event", "").lower() if raw_type == "event" else ""
    return Inbound(
        channel=Channel.WECOM,
        user=fields.get("FromUserName", ""),
        account=fields.get("ToUserName", ""),
        kind=_KINDS.get(raw_type, Kind.UNKNOWN),
        received_at=_int(fields.get("CreateTime")),
        msg_id=fields.get("MsgId", ""),
        text=fields.get("Content", ""),
        event=event,
        event_key=fields.get("EventKey", ""),
        chat=fields.get("ChatId", ""),
        agent_id=fields.get("AgentID", ""),
        raw_type=raw_type,
        extra={k: v for k, v in fields.items() if k not in _BASE_FIELDS},
        nested=nested,
    )


def _wechatpy_message(tree: dict[str, Any]) -> Any:
    """What `wechatpy.enterprise.parse_message` does, from the tree we already parsed safely."""
    message_type = str(tree["MsgType"]).lower()
    if message_type == "event":
        message_class = EVENT_TYPES.get(str(tree["Event"]).lower(), UnknownMessage)
    else:
        message_class = MESSAGE_TYPES.get(message_type, UnknownMessage)
    return message_class(tree)


_BASE_FIELDS = frozenset(
    {"FromUserName", "ToUserName", "CreateTime", "MsgId", "MsgType", "Content", "Event", "AgentID"}
)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
