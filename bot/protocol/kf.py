"""微信客服 (kf): the `kf_msg_or_event` callback, and the messages `kf/sync_msg` hands back.

The callback carries no message, only `Token` (valid 10 minutes for sync_msg) and `OpenKfId`
(the 客服账号 with news): Tencent doc 接收消息和事件 (developer.work.weixin.qq.com, path 94670).
It is signed and encrypted like any WeCom callback, with the kf callback's own Token and
EncodingAESKey and the corp id as receive id, so WeComProtocol checks and decrypts it.

A pulled message is JSON. `pulled_inbound` turns one into the same frozen `Inbound` the OA and
WeCom produce: `user` is the customer's external_userid, `account` the open_kfid, `msg_id` the
msgid. A tap on a menu item (msgmenu) comes back as the customer's text with `menu_id`; the
bot chose that id to be exactly what the shopper would have typed (bot/kf/menus.py), so it
becomes `text`, and the item's label stays in `extra["menu_content"]`.
Origins: 3 the customer, 4 a system event (`kind` EVENT, `event` its event_type, the event's
fields in `extra`), 5 a servicer typing in the WeCom client (`extra["origin"]` says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.clock import Clock
from bot.protocol.errors import BadRequest
from bot.protocol.inbound import Channel, Decoded, Inbound, Kind
from bot.protocol.wecom import WeComProtocol

CALLBACK_EVENT = "kf_msg_or_event"
ORIGIN_CUSTOMER, ORIGIN_SYSTEM, ORIGIN_SERVICER = 3, 4, 5

_KINDS = {
    "text": Kind.TEXT,
    "image": Kind.IMAGE,
    "voice": Kind.VOICE,
    "video": Kind.VIDEO,
    "location": Kind.LOCATION,
    "link": Kind.LINK,
    "event": Kind.EVENT,
}
# Where each message type keeps the fields a handler may want, by the names OA callbacks use.
_FIELDS: dict[str, dict[str, str]] = {
    "image": {"media_id": "MediaId"},
    "voice": {"media_id": "MediaId"},
    "video": {"media_id": "MediaId"},
    "file": {"media_id": "MediaId"},
    "location": {"latitude": "Location_X", "longitude": "Location_Y", "name": "Label"},
    "link": {"title": "Title", "desc": "Description", "url": "Url", "pic_url": "PicUrl"},
    "miniprogram": {"title": "Title", "appid": "AppId", "pagepath": "PagePath"},
    "channels_shop_product": {"product_id": "ProductId", "title": "Title"},
    "channels_shop_order": {"order_id": "OrderId", "product_titles": "Title"},
}


class KfProtocol:
    """The callback URL check and the `kf_msg_or_event` POST; there is no passive reply."""

    def __init__(
        self,
        token: str,
        encoding_aes_key: str,
        corp_id: str,
        max_skew_s: int,
        *,
        clock: Clock | None = None,
    ) -> None:
        self._wecom = WeComProtocol(token, encoding_aes_key, corp_id, max_skew_s, clock=clock)

    def verify_url(self, query: Mapping[str, str]) -> str:
        return self._wecom.verify_url(query)

    def decode(self, query: Mapping[str, str], body: bytes) -> Decoded:
        """403 for a bad signature, 400 for anything that is not a kf_msg_or_event callback."""
        decoded = self._wecom.decode(query, body)
        msg = decoded.inbound
        if msg.event != CALLBACK_EVENT or not msg.extra.get("OpenKfId"):
            raise BadRequest("not a kf_msg_or_event callback with an OpenKfId")
        return replace(decoded, inbound=replace(msg, channel=Channel.KF, user="sys"))

    def encode(self, request: Decoded, reply_xml: str, timestamp: str) -> str:
        return self._wecom.encode(request, reply_xml, timestamp)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value) if isinstance(value, str | int | float) else ""


def _flat(values: Mapping[str, Any]) -> dict[str, str]:
    return {k: _text(v) for k, v in values.items() if not isinstance(v, dict | list)}


def pulled_inbound(item: Mapping[str, Any]) -> Inbound:
    """One element of sync_msg's `msg_list` as an Inbound; BadRequest if it is not one."""
    msgid, msgtype = item.get("msgid"), item.get("msgtype")
    if not isinstance(msgid, str) or not msgid or not isinstance(msgtype, str):
        raise BadRequest("a pulled kf message needs msgid and msgtype")
    if msgtype == "event":
        return _event(item, msgid)
    body = item.get(msgtype)
    content = body if isinstance(body, dict) else {}
    extra = {"origin": _text(item.get("origin", "")), "msgtype": msgtype}
    extra |= {"servicer_userid": _text(item.get("servicer_userid", ""))}
    for name, field in _FIELDS.get(msgtype, {}).items():
        if name in content:
            extra[field] = _text(content[name])
    text = ""
    if msgtype == "text":
        text = _text(content.get("content", ""))
        menu_id = _text(content.get("menu_id", ""))
        if menu_id:
            extra |= {"menu_id": menu_id, "menu_content": text}
            text = menu_id
    return Inbound(
        channel=Channel.KF,
        user=_text(item.get("external_userid", "")),
        account=_text(item.get("open_kfid", "")),
        kind=_KINDS.get(msgtype, Kind.UNKNOWN),
        received_at=_int(item.get("send_time")),
        msg_id=msgid,
        text=text,
        raw_type=msgtype,
        extra=extra,
    )


def _event(item: Mapping[str, Any], msgid: str) -> Inbound:
    event = item.get("event")
    if not isinstance(event, dict) or not isinstance(event.get("event_type"), str):
        raise BadRequest("a kf event needs event.event_type")
    fields = _flat(event)
    return Inbound(
        channel=Channel.KF,
        user=fields.get("external_userid", ""),
        account=fields.get("open_kfid", "") or _text(item.get("open_kfid", "")),
        kind=Kind.EVENT,
        received_at=_int(item.get("send_time")),
        msg_id=msgid,
        event=fields["event_type"],
        event_key=fields.get("scene_param", ""),
        raw_type="event",
        extra={"origin": _text(item.get("origin", ORIGIN_SYSTEM)), **fields},
    )


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def origin_of(msg: Inbound) -> int:
    """3 customer, 4 system event, 5 servicer (the event's origin when Tencent left it out)."""
    default = ORIGIN_SYSTEM if msg.kind is Kind.EVENT else ORIGIN_CUSTOMER
    return _int(msg.extra.get("origin")) or default
