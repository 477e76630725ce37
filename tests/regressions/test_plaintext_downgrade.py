"""A captured query string must not let anyone post as any shopper.

With an EncodingAESKey configured, the plain `signature` covers only token, timestamp and nonce.
Before this fix a plaintext POST under a logged query was accepted as any openid for the whole
clock-skew window, and was used to list and cancel another shopper's order.
"""

from __future__ import annotations

from dataclasses import replace

from bot.config import Config
from bot.gateway import SERVICES, create_app
from bot.protocol.signing import sha1_signature
from bot.simulator import CallbackBuilder
from tests.factories import sample_config

VICTIM = "oVictim0000000000000000000001"


def _plain_message(user: str, content: str, msg_id: int) -> str:
    return (
        f"<xml><ToUserName>gh_x</ToUserName><FromUserName>{user}</FromUserName>"
        f"<CreateTime>1700000000</CreateTime><MsgType>text</MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


async def _post(client, path: str, query: dict[str, str], body: bytes | str):
    return await client.post(path, params=query, data=body)


async def _sessions(client) -> list[str]:
    keys = getattr(client.app[SERVICES].store, "_data", {})
    return [k for k in keys if k.startswith(("session:", "dedup:"))]


def _allowing_plaintext(config: Config) -> Config:
    return replace(config, oa=replace(config.oa, allow_plaintext=True))


async def test_plaintext_post_is_refused_when_a_key_is_configured(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    captured = CallbackBuilder(sample_config(), "oa").text("oShopper", "你好")
    # The attacker keeps the logged query's timestamp, nonce and plain signature.
    query = {k: captured.query[k] for k in ("timestamp", "nonce", "signature")}
    response = await _post(client, "/wechat/oa", query, _plain_message(VICTIM, "我的订单", 1))
    assert response.status == 403
    assert await _sessions(client) == []


async def test_a_compatible_body_is_read_from_its_encrypt_never_its_plaintext_copy(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    builder = CallbackBuilder(sample_config(), "oa")
    genuine = builder.text("oShopper", "你好", msg_id=42)
    envelope = genuine.body.decode()
    # Plaintext fields of another user beside the genuine Encrypt, as a compatible-mode body.
    forged = envelope.replace(
        "</xml>",
        f"<FromUserName>{VICTIM}</FromUserName><MsgType>text</MsgType>"
        "<Content>取消订单</Content><MsgId>43</MsgId><CreateTime>1</CreateTime></xml>",
    )
    response = await _post(client, "/wechat/oa", genuine.query, forged)
    assert response.status == 200
    assert not [k for k in await _sessions(client) if VICTIM in k]


async def test_encrypt_without_msg_signature_is_refused(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    callback = CallbackBuilder(sample_config(), "oa").text("oShopper", "你好")
    query = {k: v for k, v in callback.query.items() if k not in ("msg_signature", "encrypt_type")}
    assert (await _post(client, "/wechat/oa", query, callback.body)).status == 403


async def test_encrypt_type_aes_without_encrypt_is_400(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    callback = CallbackBuilder(sample_config(), "oa").text("oShopper", "你好")
    ts, nonce = callback.query["timestamp"], callback.query["nonce"]
    query = callback.query | {"msg_signature": sha1_signature("spamtest", ts, nonce, "")}
    body = _plain_message(VICTIM, "我的订单", 2)
    assert (await _post(client, "/wechat/oa", query, body)).status == 400


async def test_the_migration_setting_accepts_plaintext(aiohttp_client):
    config = _allowing_plaintext(sample_config())
    client = await aiohttp_client(create_app(config))
    callback = CallbackBuilder(config, "oa", encrypt=False).text("oShopper", "你好")
    assert (await _post(client, callback.path, callback.query, callback.body)).status == 200


async def test_one_query_is_good_for_one_body(aiohttp_client):
    """WeChat resending the same request is answered; another body under that query is not."""
    config = _allowing_plaintext(sample_config())
    client = await aiohttp_client(create_app(config))
    builder = CallbackBuilder(config, "oa", encrypt=False)
    first = builder.text("oShopper", "你好", msg_id=7)
    assert (await _post(client, first.path, first.query, first.body)).status == 200
    assert (await _post(client, first.path, first.query, first.body)).status == 200
    other = _plain_message(VICTIM, "我的订单", 8)
    assert (await _post(client, first.path, first.query, other)).status == 403
    assert not [k for k in await _sessions(client) if VICTIM in k]


async def test_a_plaintext_mode_account_is_protected_by_the_replay_guard(aiohttp_client):
    config = sample_config()
    config = replace(config, oa=replace(config.oa, encoding_aes_key=""))
    client = await aiohttp_client(create_app(config))
    builder = CallbackBuilder(config, "oa")
    first = builder.text("oShopper", "你好", msg_id=9)
    assert (await _post(client, first.path, first.query, first.body)).status == 200
    other = _plain_message(VICTIM, "取消订单", 10)
    assert (await _post(client, first.path, first.query, other)).status == 403


async def test_the_replay_guard_holds_across_workers(aiohttp_client, redis_url):
    config = _allowing_plaintext(sample_config())
    config = replace(config, storage=replace(config.storage, state=redis_url))
    worker_a = await aiohttp_client(create_app(config))
    worker_b = await aiohttp_client(create_app(config))
    builder = CallbackBuilder(config, "oa", encrypt=False)
    first = builder.text("oShopper", "你好", msg_id=11)
    assert (await _post(worker_a, first.path, first.query, first.body)).status == 200
    assert (await _post(worker_b, first.path, first.query, first.body)).status == 200
    other = _plain_message(VICTIM, "取消订单", 12)
    assert (await _post(worker_b, first.path, first.query, other)).status == 403


async def test_wecom_reuse_of_a_query_with_another_body_is_refused(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    builder = CallbackBuilder(sample_config(), "wecom")
    first = builder.text("zhangsan", "你好", msg_id=13)
    assert (await _post(client, first.path, first.query, first.body)).status == 200
    # Another body signed under the same timestamp and nonce (only the token holder could).
    second = builder.wrap(
        "<xml><ToUserName>c</ToUserName><FromUserName>lisi</FromUserName>"
        "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content>"
        "<MsgId>14</MsgId><AgentID>1</AgentID></xml>",
        timestamp=first.query["timestamp"],
        nonce=first.query["nonce"],
    )
    assert (await _post(client, second.path, second.query, second.body)).status == 403
