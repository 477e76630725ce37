"""The mock's 微信客服: sync_msg cursors and has_more, send_msg's rules, codes, session states."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import DEMO_WECOM_CONTACT_SECRET, ManualClock
from mockwechat.credentials import DEMO_KF_CUSTOMER, DEMO_KF_OPEN_KFID, DEMO_WECOM_KF_SECRET

from .conftest import MakeMock, post, wecom_token

KF = DEMO_KF_OPEN_KFID
ME = DEMO_KF_CUSTOMER


async def kf_token(client: TestClient[Any, Any]) -> str:
    return await wecom_token(client, DEMO_WECOM_KF_SECRET)


async def enqueue(client: TestClient[Any, Any], **body: Any) -> dict[str, Any]:
    response = await client.post("/_mock/kf/enqueue", json=body)
    assert response.status == 200, await response.text()
    data: dict[str, Any] = await response.json()
    return data


async def sync(client: TestClient[Any, Any], access: str, **body: Any) -> dict[str, Any]:
    return await post(client, "/cgi-bin/kf/sync_msg", access, {"open_kfid": KF, **body})


def text(content: str = "好的", **extra: Any) -> dict[str, Any]:
    return {"touser": ME, "open_kfid": KF, "msgtype": "text", "text": {"content": content}, **extra}


async def test_sync_msg_pages_with_cursors_and_has_more(make_mock: MakeMock) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    queued = await enqueue(mock, text="问", count=5)
    first = await sync(mock, token, token=queued["token"], limit=2)
    assert [m["text"]["content"] for m in first["msg_list"]] == ["问 1", "问 2"]
    assert first["has_more"] == 1
    second = await sync(mock, token, token=queued["token"], limit=2, cursor=first["next_cursor"])
    third = await sync(mock, token, token=queued["token"], limit=2, cursor=second["next_cursor"])
    assert [len(p["msg_list"]) for p in (second, third)] == [2, 1]
    assert (second["has_more"], third["has_more"]) == (1, 0)
    message = first["msg_list"][0]
    assert (message["origin"], message["external_userid"], message["open_kfid"]) == (3, ME, KF)
    again = await sync(mock, token, token=queued["token"], cursor=third["next_cursor"])
    assert again["msg_list"] == [] and again["has_more"] == 0


async def test_sync_msg_refuses_bad_cursors_stale_tokens_and_too_many_tokenless_pulls(
    make_mock: MakeMock, clock: ManualClock
) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    queued = await enqueue(mock)
    assert (await sync(mock, token, token=queued["token"], cursor="zz.1"))["errcode"] == 40058
    assert (await sync(mock, token, token="ENCAmadeup"))["errcode"] == 95007
    assert (await sync(mock, token, token=queued["token"], limit=1001))["errcode"] == 40058
    clock.advance(601)  # the callback Token is good for 10 minutes
    assert (await sync(mock, token, token=queued["token"]))["errcode"] == 95007
    token = await kf_token(mock)
    codes = [(await sync(mock, token))["errcode"] for _ in range(11)]
    assert codes == [0] * 10 + [45009]  # without a token: strictly rate-limited


async def test_sync_msg_forgets_messages_after_three_days(
    make_mock: MakeMock, clock: ManualClock
) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    await enqueue(mock, text="老消息")
    clock.advance(3 * 86_400 + 1)
    token = await kf_token(mock)
    queued = await enqueue(mock, text="新消息")
    page = await sync(mock, token, token=queued["token"])
    assert [m["text"]["content"] for m in page["msg_list"]] == ["新消息"]


async def test_kf_calls_need_the_kf_or_an_apps_token(make_mock: MakeMock) -> None:
    mock = await make_mock()
    contact = await wecom_token(mock, DEMO_WECOM_CONTACT_SECRET)
    assert (await sync(mock, contact))["errcode"] == 48002
    app = await wecom_token(mock)
    assert (await sync(mock, app))["errcode"] == 0


async def test_send_msg_follows_the_session_the_48_h_and_the_5_messages(
    make_mock: MakeMock, clock: ManualClock
) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    assert (await post(mock, "/cgi-bin/kf/send_msg", token, text()))["errcode"] == 40096
    await enqueue(mock)
    codes = [(await post(mock, "/cgi-bin/kf/send_msg", token, text()))["errcode"] for _ in range(6)]
    assert codes == [0] * 5 + [95001]
    await enqueue(mock, text="还在吗")  # the customer writes again: 5 more
    assert (await post(mock, "/cgi-bin/kf/send_msg", token, text()))["errcode"] == 0
    clock.advance(48 * 3600 + 1)
    token = await kf_token(mock)  # the old access_token expired meanwhile
    assert (await post(mock, "/cgi-bin/kf/send_msg", token, text()))["errcode"] == 95002
    await enqueue(mock)
    await mock.post("/_mock/kf/sessions", json={"service_state": 3, "servicer_userid": "lisi"})
    assert (await post(mock, "/cgi-bin/kf/send_msg", token, text()))["errcode"] == 95018


async def test_send_msg_checks_msgids_and_bodies(make_mock: MakeMock) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    await enqueue(mock)
    send = "/cgi-bin/kf/send_msg"
    assert (await post(mock, send, token, text(msgid="sb1")))["msgid"] == "sb1"
    assert (await post(mock, send, token, text(msgid="sb1")))["errcode"] == 40058  # used
    assert (await post(mock, send, token, text(msgid="有中文")))["errcode"] == 40058
    assert (await post(mock, send, token, text("长" * 700)))["errcode"] == 40058  # > 2048 bytes
    click = {"type": "click", "click": {"id": "1", "content": "一"}}
    menu = {"touser": ME, "open_kfid": KF, "msgtype": "msgmenu"}
    eleven = {**menu, "msgmenu": {"head_content": "选", "list": [click] * 11}}
    assert (await post(mock, send, token, eleven))["errcode"] == 40058
    long_id = {"type": "click", "click": {"id": "x" * 65, "content": "一"}}
    bad_id = {**menu, "msgmenu": {"head_content": "选", "list": [long_id]}}
    assert (await post(mock, send, token, bad_id))["errcode"] == 40058
    good = {**menu, "msgmenu": {"head_content": "选", "list": [click], "tail_content": ""}}
    assert (await post(mock, send, token, good))["errcode"] == 0
    odd = {"touser": ME, "open_kfid": KF, "msgtype": "news", "news": {}}
    assert (await post(mock, send, token, odd))["errcode"] == 40008


async def test_event_codes_work_once_within_their_time_and_state(
    make_mock: MakeMock, clock: ManualClock
) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    on_event = "/cgi-bin/kf/send_msg_on_event"
    welcome = (await enqueue(mock, kind="enter_session"))["welcome_code"]
    body = {"msgtype": "text", "text": {"content": "欢迎"}}
    assert (await post(mock, on_event, token, {"code": welcome, **body}))["errcode"] == 0
    assert (await post(mock, on_event, token, {"code": welcome, **body}))["errcode"] == 40058
    late = (await enqueue(mock, kind="enter_session"))["welcome_code"]
    clock.advance(21)
    assert (await post(mock, on_event, token, {"code": late, **body}))["errcode"] == 40058
    image = {"code": "x", "msgtype": "image", "image": {"media_id": "m"}}
    fresh = (await enqueue(mock, kind="enter_session"))["welcome_code"]
    assert (await post(mock, on_event, token, {**image, "code": fresh}))["errcode"] == 40008


async def test_service_state_trans_follows_the_state_table(make_mock: MakeMock) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    trans, get = "/cgi-bin/kf/service_state/trans", "/cgi-bin/kf/service_state/get"
    who = {"open_kfid": KF, "external_userid": ME}
    await enqueue(mock)  # a new session: state 0
    assert (await post(mock, get, token, who))["service_state"] == 0
    stranger = await post(
        mock, trans, token, {**who, "service_state": 3, "servicer_userid": "zhaoliu"}
    )
    assert stranger["errcode"] == 95014  # not a servicer of this account
    taken = await post(mock, trans, token, {**who, "service_state": 3, "servicer_userid": "lisi"})
    assert taken["errcode"] == 0 and taken["msg_code"]
    state = await post(mock, get, token, who)
    assert (state["service_state"], state["servicer_userid"]) == (3, "lisi")
    assert (await post(mock, trans, token, {**who, "service_state": 1}))["errcode"] == 95016
    ended = await post(mock, trans, token, {**who, "service_state": 4})
    assert ended["errcode"] == 0 and ended["msg_code"]
    assert (await post(mock, trans, token, {**who, "service_state": 0}))["errcode"] == 95016


async def test_accounts_and_customers(make_mock: MakeMock) -> None:
    mock = await make_mock()
    token = await kf_token(mock)
    accounts = await post(mock, "/cgi-bin/kf/account/list", token, {})
    assert [a["open_kfid"] for a in accounts["account_list"]] == [KF]
    await enqueue(mock)
    found = await post(
        mock, "/cgi-bin/kf/customer/batchget", token, {"external_userid_list": [ME, "wmNobody"]}
    )
    assert [c["external_userid"] for c in found["customer_list"]] == [ME]
    assert found["invalid_external_userid"] == ["wmNobody"]


async def test_the_enqueue_control_refuses_bad_input(make_mock: MakeMock) -> None:
    mock = await make_mock()
    for body in ({"kind": "nope"}, {"open_kfid": "wkOther"}, {"count": 0}, {"send_time": "x"}):
        response = await mock.post("/_mock/kf/enqueue", json=body)
        assert response.status == 400, body
        assert "error" in await response.json()
