"""WeCom events wechatpy leaves as UnknownMessage come out as ordinary Inbounds."""

from __future__ import annotations

from bot.protocol import Channel, Kind
from bot.protocol.wecom import WeComProtocol
from bot.simulator import CallbackBuilder
from tests.factories import sample_config


def _decode(fields: dict[str, str], user: str = "sys"):
    config = sample_config()
    callback = CallbackBuilder(config, "wecom").message(user, fields, create_time=1700000000)
    wecom = config.wecom
    protocol = WeComProtocol(wecom.token, wecom.encoding_aes_key, wecom.corp_id, 0)
    return protocol.decode(callback.query, callback.body).inbound


def test_add_external_contact():
    msg = _decode(
        {
            "MsgType": "event",
            "Event": "change_external_contact",
            "ChangeType": "add_external_contact",
            "UserID": "zhangsan",
            "ExternalUserID": "wmEXT001",
            "State": "qr-shop-door",
            "WelcomeCode": "WELCOME123",
        }
    )
    assert (msg.channel, msg.kind, msg.event) == (
        Channel.WECOM,
        Kind.EVENT,
        "change_external_contact",
    )
    assert msg.extra["ExternalUserID"] == "wmEXT001"
    assert msg.extra["WelcomeCode"] == "WELCOME123"
    assert msg.extra["State"] == "qr-shop-door"


def test_change_external_chat_carries_its_chat_and_detail():
    msg = _decode(
        {
            "MsgType": "event",
            "Event": "change_external_chat",
            "ChatId": "wrCHAT01",
            "ChangeType": "update",
            "UpdateDetail": "add_member",
            "JoinScene": "3",
            "MemChangeCnt": "2",
        }
    )
    assert msg.event == "change_external_chat"
    assert msg.chat == "wrCHAT01"
    assert msg.extra["UpdateDetail"] == "add_member"
    assert msg.extra["MemChangeCnt"] == "2"


def test_kf_msg_or_event_keeps_token_and_kf_id():
    msg = _decode(
        {"MsgType": "event", "Event": "kf_msg_or_event", "Token": "T0K", "OpenKfId": "wkKF1"}
    )
    assert msg.event == "kf_msg_or_event"
    assert (msg.extra["Token"], msg.extra["OpenKfId"]) == ("T0K", "wkKF1")


def test_two_group_events_of_the_same_second_are_not_duplicates():
    common = {"MsgType": "event", "Event": "change_external_chat", "ChangeType": "update"}
    first = _decode(common | {"ChatId": "wrA"})
    second = _decode(common | {"ChatId": "wrB"})
    assert first.dedup_key != second.dedup_key
    assert first.dedup_key == _decode(common | {"ChatId": "wrA"}).dedup_key


def test_staff_text_in_the_app():
    msg = _decode({"MsgType": "text", "Content": "/help", "MsgId": "42"}, user="zhangsan")
    assert (msg.user, msg.kind, msg.text, msg.msg_id) == ("zhangsan", Kind.TEXT, "/help", "42")
    assert msg.agent_id == "1"
