"""Tencent's published sample vectors through the real HTTP endpoints."""

from __future__ import annotations

from werobot.crypto import MessageCrypt

from bot.gateway import create_app
from bot.protocol.xmlsafe import parse_xml
from tests.factories import OA_SAMPLE, sample_config

OA_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PG"
    "HQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6"
    "tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp"
    "3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhv"
    "Ql+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
)
OA_QUERY = {
    "signature": "16120ec1b8dbb870f510d87ce6bc2463eae6ca1a",
    "msg_signature": "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
    "timestamp": "1409735669",
    "nonce": "1320562132",
    "encrypt_type": "aes",
    "openid": "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
}
OA_BODY = (
    "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>"
    f"<Encrypt><![CDATA[{OA_ENCRYPT}]]></Encrypt></xml>"
)
WECOM_QUERY = {
    "msg_signature": "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
    "timestamp": "1409659589",
    "nonce": "263014780",
    "echostr": "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
}


async def test_wecom_url_check_answers_the_decrypted_echostr_alone(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    response = await client.get("/wechat/wecom", params=WECOM_QUERY)
    assert response.status == 200
    assert await response.read() == b"1616140317555161061"


async def test_oa_url_check_echoes_plaintext(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    query = {k: OA_QUERY[k] for k in ("signature", "timestamp", "nonce")} | {"echostr": "e123"}
    response = await client.get("/wechat/oa", params=query)
    assert response.status == 200
    assert await response.text() == "e123"


async def test_oa_safe_mode_sample_is_decrypted_answered_and_reencrypted(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    response = await client.post("/wechat/oa", params=OA_QUERY, data=OA_BODY)
    assert response.status == 200
    envelope = parse_xml(await response.read())
    assert set(envelope) == {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}
    assert envelope["Nonce"] == OA_QUERY["nonce"]
    crypt = MessageCrypt(OA_SAMPLE.token, OA_SAMPLE.encoding_aes_key, OA_SAMPLE.app_id)
    plain = crypt.decrypt_message(
        envelope["TimeStamp"], envelope["Nonce"], envelope["MsgSignature"], envelope["Encrypt"]
    )
    reply = parse_xml(plain)
    assert reply["ToUserName"] == "oyORnuP8q7ou2gfYjqLzSIWZf0rs"
    assert reply["FromUserName"] == "gh_10f6c3c3ac5a"
    assert reply["MsgType"] == "text"
    assert reply["Content"]  # "abcdteT" is not understood: the honest fallback answers


async def test_the_sample_replayed_gets_the_same_reply(aiohttp_client):
    client = await aiohttp_client(create_app(sample_config()))
    crypt = MessageCrypt(OA_SAMPLE.token, OA_SAMPLE.encoding_aes_key, OA_SAMPLE.app_id)
    contents = []
    for _ in range(3):
        response = await client.post("/wechat/oa", params=OA_QUERY, data=OA_BODY)
        envelope = parse_xml(await response.read())
        plain = crypt.decrypt_message(
            envelope["TimeStamp"], envelope["Nonce"], envelope["MsgSignature"], envelope["Encrypt"]
        )
        contents.append(parse_xml(plain)["Content"])
    assert len(set(contents)) == 1
