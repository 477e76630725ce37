"""access_token semantics: stable_token shared, getAccessToken's 5-minute overlap, WeCom
gettoken, and the 41001 / 40014 / 42001 / 40001 answers of every other endpoint."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_SHOPPER_OPENID,
    DEMO_WECOM_CONTACT_SECRET,
    DEMO_WECOM_CORP_ID,
    ManualClock,
    MockSettings,
)

from .conftest import MakeMock, get, oa_token, post, wecom_token

TEXT = {"touser": DEMO_SHOPPER_OPENID, "msgtype": "text", "text": {"content": "hi"}}
SEND = "/cgi-bin/message/custom/send"


async def send_with(client: TestClient[Any, Any], token: str) -> int:
    return int((await post(client, SEND, token, TEXT))["errcode"])


async def classic_token(client: TestClient[Any, Any]) -> dict[str, Any]:
    params = {
        "grant_type": "client_credential",
        "appid": DEMO_OA_APP_ID,
        "secret": DEMO_OA_APP_SECRET,
    }
    return await get(client, "/cgi-bin/token", None, **params)


async def test_stable_token_is_the_same_for_every_caller(
    mock: TestClient[Any, Any], clock: ManualClock
) -> None:
    first = await oa_token(mock)
    clock.advance(600)
    body = {
        "grant_type": "client_credential",
        "appid": DEMO_OA_APP_ID,
        "secret": DEMO_OA_APP_SECRET,
    }
    again = await post(mock, "/cgi-bin/stable_token", None, body)
    assert again["access_token"] == first
    assert again["expires_in"] == 7200 - 600  # the remaining lifetime
    assert "errcode" not in again  # Tencent's token answer has none


async def test_stable_token_renews_in_its_last_five_minutes(
    mock: TestClient[Any, Any], clock: ManualClock
) -> None:
    old = await oa_token(mock)
    clock.advance(7200 - 299)
    new = await oa_token(mock)
    assert new != old
    assert await send_with(mock, old) == 0  # the old one runs out its time
    clock.advance(300)
    assert await send_with(mock, old) == 42001
    assert await send_with(mock, new) == 0


async def test_force_refresh_ends_the_old_token_and_is_capped(make_mock: MakeMock) -> None:
    mock = await make_mock(MockSettings(stable_force_refresh_per_day=2))
    old = await oa_token(mock)
    new = await oa_token(mock, force_refresh=True)
    assert new != old
    assert await send_with(mock, old) == 40001
    assert await send_with(mock, new) == 0
    await oa_token(mock, force_refresh=True)
    body = {
        "grant_type": "client_credential",
        "appid": DEMO_OA_APP_ID,
        "secret": DEMO_OA_APP_SECRET,
        "force_refresh": True,
    }
    assert (await post(mock, "/cgi-bin/stable_token", None, body))["errcode"] == 45009


async def test_bad_oa_credentials(mock: TestClient[Any, Any]) -> None:
    base = {
        "grant_type": "client_credential",
        "appid": DEMO_OA_APP_ID,
        "secret": DEMO_OA_APP_SECRET,
    }
    cases = [
        ({"appid": "wx0000000000000000"}, 40013),
        ({"secret": "wrong"}, 40125),
        ({"grant_type": "password"}, 40002),
        ({"appid": ""}, 41002),
    ]
    for change, errcode in cases:
        answer = await post(mock, "/cgi-bin/stable_token", None, base | change)
        assert answer["errcode"] == errcode, change


async def test_get_access_token_knocks_out_the_previous_after_five_minutes(
    mock: TestClient[Any, Any], clock: ManualClock
) -> None:
    """Two workers each fetch a token: the first worker's token dies 300 s later (#684)."""
    worker_a = (await classic_token(mock))["access_token"]
    clock.advance(10)
    worker_b = (await classic_token(mock))["access_token"]
    assert worker_a != worker_b
    clock.advance(299)
    assert await send_with(mock, worker_a) == 0
    clock.advance(1)
    assert await send_with(mock, worker_a) == 40001
    assert await send_with(mock, worker_b) == 0


async def test_token_lifetime_is_configurable(make_mock: MakeMock, clock: ManualClock) -> None:
    mock = await make_mock(MockSettings(token_ttl_s=30, stable_refresh_early_s=5))
    answer = await classic_token(mock)
    assert answer["expires_in"] == 30
    clock.advance(30)
    assert await send_with(mock, answer["access_token"]) == 42001


async def test_wecom_gettoken_same_while_valid(
    mock: TestClient[Any, Any], clock: ManualClock
) -> None:
    first = await wecom_token(mock)
    clock.advance(100)
    assert await wecom_token(mock) == first
    assert await wecom_token(mock, DEMO_WECOM_CONTACT_SECRET) != first  # per secret
    clock.advance(7100)
    renewed = await wecom_token(mock)
    assert renewed != first
    answer = await get(mock, "/cgi-bin/user/get", first, userid="zhangsan")
    assert answer["errcode"] == 42001


async def test_bad_wecom_credentials(mock: TestClient[Any, Any]) -> None:
    bad_corp = {"corpid": "ww0000000000000000", "corpsecret": DEMO_WECOM_CONTACT_SECRET}
    bad_secret = {"corpid": DEMO_WECOM_CORP_ID, "corpsecret": "nope"}
    assert (await get(mock, "/cgi-bin/gettoken", None, **bad_corp))["errcode"] == 40013
    assert (await get(mock, "/cgi-bin/gettoken", None, **bad_secret))["errcode"] == 40001


async def test_missing_and_invalid_tokens(mock: TestClient[Any, Any]) -> None:
    assert (await post(mock, SEND, None, TEXT))["errcode"] == 41001
    assert (await post(mock, SEND, "not-a-token", TEXT))["errcode"] == 40014
    wecom = await wecom_token(mock)
    assert (await post(mock, SEND, wecom, TEXT))["errcode"] == 40014  # other platform's


async def test_user_get_lists_oa_followers_and_refuses_a_wecom_token(
    mock: TestClient[Any, Any],
) -> None:
    followers = await get(mock, "/cgi-bin/user/get", await oa_token(mock))
    staff = await get(mock, "/cgi-bin/user/get", await wecom_token(mock), userid="zhangsan")
    assert followers["total"] == 30
    assert staff["errcode"] == 40014  # WeCom's 读取成员 is not emulated: the bot never calls it


async def test_expire_tokens_control(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    wecom = await wecom_token(mock)
    answer = await (await mock.post("/_mock/expire_tokens", json={"api": "oa"})).json()
    assert answer == {"expired": 1}
    assert await send_with(mock, token) == 42001
    groups = await post(mock, "/cgi-bin/externalcontact/groupchat/list", wecom, {"limit": 1})
    assert groups["errcode"] == 0  # the WeCom token still works
    assert await oa_token(mock) != token  # a fresh one is handed out
