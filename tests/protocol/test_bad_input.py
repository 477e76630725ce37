"""Bad input gets a clear answer and changes nothing (DESIGN.md, issue: Bad input)."""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import pytest

from bot.gateway import SERVICES, create_app
from bot.simulator import CallbackBuilder
from tests.factories import sample_config
from tests.protocol.test_tencent_vectors import OA_BODY, OA_QUERY, WECOM_QUERY


async def _post(client, callback):
    return await client.post(callback.path, params=callback.query, data=callback.body)


async def _no_side_effects(client) -> None:
    """Nothing was claimed or stored: no dedup record, no session."""
    store = client.app[SERVICES].store
    keys = getattr(store, "_data", {})
    assert not [k for k in keys if k.startswith(("dedup:", "session:", "csq:", "lock:user"))]


@pytest.fixture
async def client(aiohttp_client):
    return await aiohttp_client(create_app(sample_config(max_body_bytes=4096)))


@pytest.mark.parametrize("field", ["signature", "msg_signature"])
async def test_forged_oa_signature_is_403(client, field):
    query = OA_QUERY | {field: "0" * 40}
    response = await client.post("/wechat/oa", params=query, data=OA_BODY)
    assert response.status == 403
    await _no_side_effects(client)


async def test_missing_signature_is_403(client):
    query = {k: v for k, v in OA_QUERY.items() if k != "signature"}
    assert (await client.post("/wechat/oa", params=query, data=OA_BODY)).status == 403
    assert (await client.get("/wechat/oa", params={"echostr": "x"})).status == 403


async def test_forged_wecom_url_check_is_403(client):
    query = WECOM_QUERY | {"msg_signature": "f" * 40}
    assert (await client.get("/wechat/wecom", params=query)).status == 403


async def test_stale_timestamp_is_403_when_the_window_is_on(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config(max_clock_skew_s=300)))
    builder = CallbackBuilder(sample_config(), "oa")
    stale = builder.wrap(
        "<xml><ToUserName>a</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>",
        timestamp=str(int(time.time()) - 3600),
    )
    assert (await _post(client, stale)).status == 403
    fresh = builder.text("u", "hi")
    assert (await _post(client, fresh)).status == 200


@pytest.mark.parametrize(
    "plain",
    [
        "<xml><ToUserName>a</ToUserName>",  # truncated
        "not xml at all",
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e "boom">]><xml><Content>&e;</Content></xml>',
        '<!DOCTYPE xml SYSTEM "http://example.invalid/x.dtd"><xml></xml>',
        "<notxml><a>1</a></notxml>",
    ],
)
@pytest.mark.parametrize("encrypt", [False, True])
async def test_malformed_or_hostile_xml_is_400(client, plain, encrypt):
    callback = CallbackBuilder(sample_config(), "oa", encrypt=encrypt).wrap(plain)
    assert (await _post(client, callback)).status == 400
    await _no_side_effects(client)


async def test_undecryptable_encrypt_is_400(client):
    builder = CallbackBuilder(sample_config(), "oa")
    callback = builder.wrap("<xml><MsgType>text</MsgType></xml>")
    good = callback.body.decode()
    start = good.index("<Encrypt><![CDATA[") + len("<Encrypt><![CDATA[")
    garbled = good[:start] + "A" * 64 + good[good.index("]]></Encrypt>") :]
    query = dict(callback.query)
    from bot.protocol.signing import sha1_signature

    query["msg_signature"] = sha1_signature(
        "spamtest", query["timestamp"], query["nonce"], "A" * 64
    )
    response = await client.post("/wechat/oa", params=query, data=garbled)
    assert response.status == 400
    await _no_side_effects(client)


async def test_wecom_message_encrypted_for_another_corp_is_400(client):
    other = sample_config()
    other = other.__class__(
        server=other.server,
        oa=other.oa,
        api=other.api,
        wecom=other.wecom.__class__(
            corp_id="wwdifferentcorp0000",
            agent_id=1,
            secret="",
            token=other.wecom.token,
            encoding_aes_key=other.wecom.encoding_aes_key,
        ),
    )
    callback = CallbackBuilder(other, "wecom").text("zhangsan", "hi")
    assert (await _post(client, callback)).status == 400


async def test_body_over_the_limit_is_413(client):
    callback = CallbackBuilder(sample_config(), "oa", encrypt=False).text("u", "长" * 5000)
    assert (await _post(client, callback)).status == 413
    await _no_side_effects(client)


@pytest.mark.parametrize(
    "fields",
    [
        {"MsgType": "hologram", "MsgId": "77"},
        {"MsgType": "event", "Event": "FUTURE_EVENT"},
        {"MsgType": "event", "Event": "MASSSENDJOBFINISH", "Status": "send success"},
    ],
)
async def test_unknown_type_is_success_and_a_log_line(client, fields, caplog):
    callback = CallbackBuilder(sample_config(), "oa").message("u1", fields)
    with caplog.at_level(logging.INFO):
        response = await _post(client, callback)
    assert response.status == 200
    assert await response.text() == "success"
    assert any("no handler" in r.getMessage() for r in caplog.records)


async def test_plaintext_after_encrypted_is_answered_in_plaintext(aiohttp_client):
    """The mode is per request: WeRoBot's sticky `use_encryption` bug must not happen here."""
    config = sample_config()
    config = replace(config, oa=replace(config.oa, allow_plaintext=True))
    client = await aiohttp_client(create_app(config))
    encrypted = await _post(client, CallbackBuilder(config, "oa", encrypt=True).text("u2", "你好"))
    assert "<Encrypt>" in await encrypted.text()
    plain = await _post(client, CallbackBuilder(config, "oa", encrypt=False).text("u2", "你好"))
    body = await plain.text()
    assert "<Encrypt>" not in body and "<Content>" in body


async def test_cdata_terminator_in_a_reply_stays_well_formed():
    from bot.protocol import Channel, Inbound, Kind, TextReply
    from bot.protocol.render import render_passive
    from bot.protocol.xmlsafe import parse_xml

    to = Inbound(Channel.OA, "u", "gh", Kind.TEXT, 1)
    xml = render_passive(TextReply("a]]>b<c>&"), to, 1_700_000_000)
    assert parse_xml(xml)["Content"] == "a]]>b<c>&"


async def test_garbage_never_crashes_the_server(client):
    """Signed bodies of random bytes and mangled XML: always a clear 4xx, never a 500."""
    import random

    rng = random.Random(20261122)
    builder = CallbackBuilder(sample_config(), "oa", encrypt=False)
    template = builder.text("oFuzz", "你好").body
    bodies = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))) for _ in range(60)]
    for _ in range(60):
        mangled = bytearray(template)
        for _ in range(rng.randrange(1, 6)):
            mangled[rng.randrange(len(mangled))] = rng.randrange(256)
        bodies.append(bytes(mangled))
    for body in bodies:
        callback = builder.wrap("<xml/>")
        response = await client.post(callback.path, params=callback.query, data=body)
        assert response.status in (200, 400), (response.status, body[:60])
    assert (await client.get("/healthz")).status == 200


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0" encoding="gbk"?><xml><a>1</a></xml>',
        b'<?xml version="1.0" encoding="no-such-encoding"?><xml><a>1</a></xml>',
    ],
)
async def test_odd_encodings_are_400_not_500(client, body):
    callback = CallbackBuilder(sample_config(), "oa", encrypt=False).wrap("<xml/>")
    assert (await client.post(callback.path, params=callback.query, data=body)).status == 400
    wecom = CallbackBuilder(sample_config(), "wecom").wrap("<xml/>")
    assert (await client.post(wecom.path, params=wecom.query, data=body)).status == 400


@pytest.mark.parametrize("timestamp", ["²", "1" * 5000, "١٢٣", "-5"])
async def test_odd_timestamps_are_403_not_500(client, timestamp):
    query = {"timestamp": timestamp, "nonce": "1", "signature": "x", "echostr": "e"}
    assert (await client.get("/wechat/oa", params=query)).status == 403
    assert (await client.post("/wechat/wecom", params=query, data=b"<xml/>")).status == 403
