"""kf's protocol layer: the callback in, and a pulled message as the channel-neutral Inbound."""

from __future__ import annotations

import time

import pytest

from bot.protocol import BadRequest, Channel, Forbidden, Kind
from bot.protocol.kf import KfProtocol, origin_of, pulled_inbound
from bot.simulator import CallbackBuilder
from tests.factories import demo_config


def _protocol_and_builder() -> tuple[KfProtocol, CallbackBuilder]:
    config = demo_config("http://127.0.0.1:9")
    kf = config.kf
    protocol = KfProtocol(kf.token, kf.encoding_aes_key, config.wecom.corp_id, 300)
    return protocol, CallbackBuilder(config, "kf")


def test_the_callback_decodes_to_its_account_and_token() -> None:
    protocol, builder = _protocol_and_builder()
    callback = builder.kf_event("wkShop1", "ENCAtoken1")
    msg = protocol.decode(callback.query, callback.body).inbound
    assert (msg.channel, msg.kind, msg.event) == (Channel.KF, Kind.EVENT, "kf_msg_or_event")
    assert (msg.extra["OpenKfId"], msg.extra["Token"]) == ("wkShop1", "ENCAtoken1")


def test_a_forged_or_stale_callback_is_forbidden() -> None:
    protocol, builder = _protocol_and_builder()
    callback = builder.kf_event("wkShop1", "ENCAtoken1")
    with pytest.raises(Forbidden):
        protocol.decode({**callback.query, "msg_signature": "f" * 40}, callback.body)
    old = builder.wrap(
        "<xml><MsgType>event</MsgType><Event>kf_msg_or_event</Event></xml>",
        timestamp=str(int(time.time()) - 3600),
    )
    with pytest.raises(Forbidden):
        protocol.decode(old.query, old.body)


def test_an_event_without_an_account_is_a_bad_request() -> None:
    protocol, builder = _protocol_and_builder()
    callback = builder.wrap("<xml><MsgType>event</MsgType><Event>kf_msg_or_event</Event></xml>")
    with pytest.raises(BadRequest):
        protocol.decode(callback.query, callback.body)


def test_a_customer_text_and_a_menu_tap() -> None:
    item = {
        "msgid": "m1",
        "open_kfid": "wk1",
        "external_userid": "wmA",
        "send_time": 1_700_000_000,
        "origin": 3,
        "msgtype": "text",
        "text": {"content": "黑色", "menu_id": "2"},
    }
    msg = pulled_inbound(item)
    assert (msg.channel, msg.user, msg.account, msg.msg_id) == (Channel.KF, "wmA", "wk1", "m1")
    assert (msg.kind, msg.text, msg.received_at) == (Kind.TEXT, "2", 1_700_000_000)
    assert msg.extra["menu_content"] == "黑色"
    assert msg.dedup_key == "kf:m:m1"
    plain = pulled_inbound({**item, "text": {"content": "有没有保温杯"}})
    assert plain.text == "有没有保温杯" and "menu_id" not in plain.extra
    assert origin_of(plain) == 3


def test_media_events_servicer_messages_and_unknown_types() -> None:
    image = pulled_inbound(
        {"msgid": "m2", "external_userid": "wmA", "msgtype": "image", "image": {"media_id": "MID"}}
    )
    assert (image.kind, image.extra["MediaId"]) == (Kind.IMAGE, "MID")
    enter = pulled_inbound(
        {
            "msgid": "m3",
            "msgtype": "event",
            "origin": 4,
            "event": {
                "event_type": "enter_session",
                "open_kfid": "wk1",
                "external_userid": "wmA",
                "scene": "shop",
                "scene_param": "sku_AP-1001",
                "welcome_code": "W",
            },
        }
    )
    assert (enter.kind, enter.event, enter.user, enter.account) == (
        Kind.EVENT,
        "enter_session",
        "wmA",
        "wk1",
    )
    assert (enter.event_key, enter.extra["welcome_code"], origin_of(enter)) == (
        "sku_AP-1001",
        "W",
        4,
    )
    servicer = pulled_inbound(
        {"msgid": "m4", "origin": 5, "servicer_userid": "lisi", "msgtype": "text", "text": {}}
    )
    assert origin_of(servicer) == 5 and servicer.extra["servicer_userid"] == "lisi"
    product = pulled_inbound(
        {
            "msgid": "m5",
            "msgtype": "channels_shop_product",
            "channels_shop_product": {"title": "杯"},
        }
    )
    assert product.kind is Kind.UNKNOWN and product.extra["Title"] == "杯"


@pytest.mark.parametrize(
    "item",
    [{}, {"msgid": "m"}, {"msgtype": "text"}, {"msgid": "m", "msgtype": "event", "event": {}}],
)
def test_malformed_pulled_items_are_refused(item: dict[str, object]) -> None:
    with pytest.raises(BadRequest):
        pulled_inbound(item)
