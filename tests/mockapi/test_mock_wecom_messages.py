"""WeCom app messages and group-robot webhook: recipients, limits, rate windows."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import (
    DEMO_WEBHOOK_KEY,
    DEMO_WECOM_AGENT_ID,
    DEMO_WECOM_CONTACT_SECRET,
    ManualClock,
    MockSettings,
)

from .conftest import MakeMock, calls, post, wecom_token

SEND = "/cgi-bin/message/send"
HOOK = "/cgi-bin/webhook/send"


def app_text(touser: str, content: str = "新订单") -> dict[str, Any]:
    return {
        "touser": touser,
        "agentid": DEMO_WECOM_AGENT_ID,
        "msgtype": "text",
        "text": {"content": content},
    }


async def hook(
    client: TestClient[Any, Any], body: dict[str, Any], key: str = DEMO_WEBHOOK_KEY
) -> int:
    resp = await client.post(HOOK, params={"key": key}, json=body)
    return int((await resp.json())["errcode"])


async def test_message_send_reports_unknown_users(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    answer = await post(mock, SEND, token, app_text("zhangsan|nobody|lisi"))
    assert answer["errcode"] == 0
    assert answer["invaliduser"] == "nobody"
    assert answer["msgid"]
    [call] = await calls(mock, touser="lisi")
    assert call["recipients"] == ["zhangsan", "nobody", "lisi"]
    nobody = await post(mock, SEND, token, app_text("nobody|ghost"))
    assert (nobody["errcode"], nobody["invaliduser"]) == (81013, "nobody|ghost")


async def test_message_send_to_all_staff(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    assert (await post(mock, SEND, token, app_text("@all")))["errcode"] == 0
    [call] = await calls(mock, path=SEND)
    assert set(call["recipients"]) == {"zhangsan", "lisi", "wangwu", "zhaoliu"}


async def test_message_send_checks_agent_and_content(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    contact_token = await wecom_token(mock, DEMO_WECOM_CONTACT_SECRET)
    cases = [
        (token, app_text("zhangsan") | {"agentid": 999}, 40056),
        (token, {k: v for k, v in app_text("zhangsan").items() if k != "agentid"}, 41011),
        (contact_token, app_text("zhangsan"), 301002),
        (token, app_text("zhangsan") | {"msgtype": "sticker"}, 40008),
        (token, app_text("zhangsan", ""), 44004),
        (token, app_text("zhangsan") | {"msgtype": "news", "news": {"articles": [{}] * 9}}, 40058),
        (
            token,
            app_text("zhangsan") | {"msgtype": "markdown", "markdown": {"content": "汉" * 700}},
            40058,
        ),
        (
            token,
            app_text("zhangsan")
            | {"msgtype": "textcard", "textcard": {"title": "t", "description": "d", "url": "u"}},
            0,
        ),
        (token, app_text("zhangsan") | {"msgtype": "template_card", "template_card": {}}, 40058),
    ]
    for tok, body, errcode in cases:
        assert (await post(mock, SEND, tok, body))["errcode"] == errcode, body


async def test_long_app_text_is_accepted_and_noted_as_truncated(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    assert (await post(mock, SEND, token, app_text("lisi", "长" * 1000)))["errcode"] == 0
    [call] = await calls(mock, path=SEND)
    assert "truncated" in call["notes"]


async def test_per_member_limit_drops_silently(make_mock: MakeMock, clock: ManualClock) -> None:
    mock = await make_mock(MockSettings(app_msg_per_member_min=2))
    token = await wecom_token(mock)
    codes = [(await post(mock, SEND, token, app_text("lisi")))["errcode"] for _ in range(3)]
    assert codes == [0, 0, 0]  # Tencent answers ok and drops the message
    recorded = await calls(mock, path=SEND)
    assert [c["notes"].get("dropped") for c in recorded] == [None, None, ["lisi"]]
    clock.advance(60)
    await post(mock, SEND, token, app_text("lisi"))
    assert "dropped" not in (await calls(mock, path=SEND))[-1]["notes"]


async def test_webhook_rate_limit_is_20_a_minute(
    mock: TestClient[Any, Any], clock: ManualClock
) -> None:
    body = {"msgtype": "text", "text": {"content": "库存预警"}}
    codes = [await hook(mock, body) for _ in range(21)]
    assert codes == [0] * 20 + [45009]
    clock.advance(30)
    assert await hook(mock, body) == 45009
    clock.advance(30)
    assert await hook(mock, body) == 0
    assert len(await calls(mock, touser=DEMO_WEBHOOK_KEY)) == 23


async def test_webhook_content_limits(mock: TestClient[Any, Any]) -> None:
    image = b"\x89PNG fake image"
    b64 = base64.b64encode(image).decode()
    cases = [
        ({"msgtype": "text", "text": {"content": "汉" * 682}}, 0),  # 2046 bytes
        ({"msgtype": "text", "text": {"content": "汉" * 683}}, 40058),  # 2049 bytes
        ({"msgtype": "markdown", "markdown": {"content": "a" * 4096}}, 0),
        ({"msgtype": "markdown", "markdown": {"content": "a" * 4097}}, 40058),
        ({"msgtype": "news", "news": {"articles": [{"title": "t", "url": "u"}]}}, 0),
        ({"msgtype": "image", "image": {"base64": b64, "md5": hashlib.md5(image).hexdigest()}}, 0),
        ({"msgtype": "image", "image": {"base64": b64, "md5": "0" * 32}}, 40058),
        ({"msgtype": "textcard", "textcard": {}}, 40008),
    ]
    for body, errcode in cases:
        assert await hook(mock, body) == errcode, body
    assert await hook(mock, cases[0][0], key="not-a-robot") == 93000
