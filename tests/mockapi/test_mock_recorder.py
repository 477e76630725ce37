"""Every call is recorded (secrets redacted) and can be filtered by path, addressee and seq;
faults injected through /_mock/faults replace answers, or delay them, for a set count."""

from __future__ import annotations

import time
from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import DEMO_OA_APP_SECRET, DEMO_SHOPPER_OPENID, DEMO_WECOM_AGENT_SECRET
from mockwechat.client import add_fault, clear_calls, clear_faults, fetch_calls

from .conftest import calls, oa_token, post, wecom_token

SEND = "/cgi-bin/message/custom/send"
OTHER = "oDemoFollower000000000000002"


def text(touser: str, content: str = "hi") -> dict[str, Any]:
    return {"touser": touser, "msgtype": "text", "text": {"content": content}}


def base_url(client: TestClient[Any, Any]) -> str:
    return str(client.make_url(""))


async def test_calls_are_recorded_with_secrets_redacted(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    await wecom_token(mock)
    await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID, "你好"))
    stable, gettoken, send = await calls(mock)
    assert stable["body"]["secret"] == "***"
    assert DEMO_OA_APP_SECRET not in str(stable)
    assert stable["answer"]["access_token"] == token[:6] + "..."
    assert gettoken["query"]["corpsecret"] == "***"
    assert DEMO_WECOM_AGENT_SECRET not in str(gettoken)
    assert send["query"]["access_token"] == token[:6] + "..."
    assert send["body"]["text"]["content"] == "你好"
    assert (send["method"], send["path"], send["api"]) == ("POST", SEND, "oa")
    assert send["answer"] == {"errcode": 0, "errmsg": "ok"}
    assert send["recipients"] == [DEMO_SHOPPER_OPENID]
    assert [c["seq"] for c in (stable, gettoken, send)] == [1, 2, 3]


async def test_filters_by_path_touser_and_since(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    for user in (DEMO_SHOPPER_OPENID, OTHER, DEMO_SHOPPER_OPENID):
        await post(mock, SEND, token, text(user))
    base = base_url(mock)
    mine = await fetch_calls(mock.session, base, touser=DEMO_SHOPPER_OPENID)
    assert [c["seq"] for c in mine] == [2, 4]
    assert len(await fetch_calls(mock.session, base, path=SEND)) == 3
    assert [c["seq"] for c in await fetch_calls(mock.session, base, since=3)] == [4]
    both = await fetch_calls(mock.session, base, touser=OTHER, path=SEND, since=1)
    assert [c["seq"] for c in both] == [3]


async def test_lookups_address_nobody(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    await mock.get("/cgi-bin/user/get", params={"access_token": token, "userid": "zhangsan"})
    assert await calls(mock, touser="zhangsan") == []


async def test_clear_keeps_sequence_numbers_growing(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID))
    await clear_calls(mock.session, base_url(mock))
    assert await calls(mock) == []
    await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID))
    assert [c["seq"] for c in await calls(mock)] == [3]


async def test_unknown_paths_are_recorded_as_404(mock: TestClient[Any, Any]) -> None:
    resp = await mock.post("/cgi-bin/material/add_material", json={})
    assert resp.status == 404
    assert "does not emulate" in (await resp.json())["errmsg"]
    [call] = await calls(mock)
    assert (call["status"], call["api"]) == (404, "unknown")


async def test_bad_since_is_a_400(mock: TestClient[Any, Any]) -> None:
    resp = await mock.get("/_mock/calls", params={"since": "yesterday"})
    assert resp.status == 400


async def test_errcode_fault_for_the_next_n_calls(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    fault = await add_fault(mock.session, base_url(mock), SEND, errcode=45009, count=2)
    assert fault["count"] == 2
    answers = [await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID)) for _ in range(3)]
    assert [a["errcode"] for a in answers] == [45009, 45009, 0]
    assert answers[0]["errmsg"] == "api freq out of limit"
    recorded = await calls(mock, path=SEND)
    assert [c["notes"].get("fault") for c in recorded] == [1, 1, None]
    faults = await (await mock.get("/_mock/faults")).json()
    assert faults == {"faults": []}


async def test_fault_answers_even_without_a_token(mock: TestClient[Any, Any]) -> None:
    await add_fault(mock.session, base_url(mock), "*", errcode=-1, count=1)
    assert (await post(mock, SEND, None, text(DEMO_SHOPPER_OPENID)))["errcode"] == -1


async def test_http_fault_answers_a_non_json_error(mock: TestClient[Any, Any]) -> None:
    await add_fault(mock.session, base_url(mock), SEND, http_status=503)
    resp = await mock.post(SEND, json=text(DEMO_SHOPPER_OPENID))
    assert resp.status == 503
    assert resp.content_type == "text/plain"
    [call] = await calls(mock)
    assert call["status"] == 503


async def test_delay_fault_slows_the_answer(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    await add_fault(mock.session, base_url(mock), SEND, delay_s=0.2)
    started = time.monotonic()
    answer = await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID))
    assert time.monotonic() - started >= 0.2
    assert answer["errcode"] == 0  # slow, not failed
    started = time.monotonic()
    await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID))
    assert time.monotonic() - started < 0.2  # count defaults to 1


async def test_forever_fault_until_cleared(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    await add_fault(mock.session, base_url(mock), SEND, errcode=45047, count=-1)
    for _ in range(3):
        assert (await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID)))["errcode"] == 45047
    await clear_faults(mock.session, base_url(mock))
    assert (await post(mock, SEND, token, text(DEMO_SHOPPER_OPENID)))["errcode"] == 0


async def test_bad_fault_specs_are_refused(mock: TestClient[Any, Any]) -> None:
    for spec in (
        {"errcode": 1},
        {"path": "cgi-bin/x", "errcode": 1},
        {"path": "/cgi-bin/x"},
        {"path": "/cgi-bin/x", "errcode": "45009"},
        {"path": "/cgi-bin/x", "errcode": 1, "count": 0},
        {"path": "/cgi-bin/x", "delay_s": 999},
    ):
        resp = await mock.post("/_mock/faults", json=spec)
        assert resp.status == 400, spec
        assert "error" in await resp.json()
