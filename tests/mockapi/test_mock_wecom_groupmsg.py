"""Group-message tasks (pending until a staff member confirms) and one-time welcome codes."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import ManualClock, MockData
from mockwechat.client import confirm_tasks, issue_welcome_code

from .conftest import calls, post, wecom_token

ADD = "/cgi-bin/externalcontact/add_msg_template"
TASKS = "/cgi-bin/externalcontact/get_groupmsg_task"
WELCOME = "/cgi-bin/externalcontact/send_welcome_msg"
PROMO = {"text": {"content": "周末全场8折"}}


def customers_of(userid: str) -> list[str]:
    """The demo customers `userid` added, in the mock's order."""
    return [c.external_userid for c in MockData.demo().contacts if userid in c.follow_users]


def base_url(client: TestClient[Any, Any]) -> str:
    return str(client.make_url(""))


async def groups_of(client: TestClient[Any, Any], token: str, owner: str) -> list[str]:
    body = {"limit": 1000, "owner_filter": {"userid_list": [owner]}}
    page = await post(client, "/cgi-bin/externalcontact/groupchat/list", token, body)
    return [c["chat_id"] for c in page["group_chat_list"]]


async def test_more_than_2000_chat_ids_are_refused(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    ids = [f"wrChat{i:024d}" for i in range(2001)]
    body = {"chat_type": "group", "sender": "zhangsan", "chat_id_list": ids, **PROMO}
    answer = await post(mock, ADD, token, body)
    assert answer["errcode"] == 40058
    assert "2000" in answer["errmsg"]
    assert (await post(mock, ADD, token, body | {"chat_id_list": ids[:2000]}))["errcode"] == 0


async def test_group_task_is_pending_until_confirmed(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    mine = await groups_of(mock, token, "zhangsan")
    theirs = await groups_of(mock, token, "lisi")
    body = {"chat_type": "group", "sender": "zhangsan", "chat_id_list": mine + theirs[:1], **PROMO}
    added = await post(mock, ADD, token, body)
    assert added["errcode"] == 0
    assert added["fail_list"] == theirs[:1]  # not zhangsan's group
    msgid = added["msgid"]

    pending = await post(mock, TASKS, token, {"msgid": msgid})
    assert pending["task_list"] == [{"userid": "zhangsan", "status": 0}]

    confirmed = await confirm_tasks(mock.session, base_url(mock), msgid=msgid)
    assert confirmed == [{"msgid": msgid, "userid": "zhangsan", "targets": len(mine)}]
    done = await post(mock, TASKS, token, {"msgid": msgid})
    assert done["task_list"][0]["status"] == 2 and "send_time" in done["task_list"][0]
    assert await confirm_tasks(mock.session, base_url(mock)) == []  # nothing left


async def test_group_task_needs_a_sender(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    body = {"chat_type": "group", "chat_id_list": ["wrDemoGroup0000000000000000001"], **PROMO}
    assert (await post(mock, ADD, token, body))["errcode"] == 40058
    empty = {"chat_type": "group", "sender": "zhangsan", "text": {"content": ""}}
    assert (await post(mock, ADD, token, empty))["errcode"] == 40058


async def test_single_task_without_sender_goes_to_each_customers_staff(
    mock: TestClient[Any, Any],
) -> None:
    token = await wecom_token(mock)
    lisi, zs = customers_of("lisi"), customers_of("zhangsan")
    body = {"external_userid": [lisi[0], zs[0], "wmUnknown"], **PROMO}
    added = await post(mock, ADD, token, body)
    assert added["fail_list"] == ["wmUnknown"]
    tasks = await post(mock, TASKS, token, {"msgid": added["msgid"]})
    assert {t["userid"] for t in tasks["task_list"]} == {"lisi", "zhangsan"}
    await confirm_tasks(mock.session, base_url(mock), userid="lisi")
    tasks = await post(mock, TASKS, token, {"msgid": added["msgid"]})
    assert {t["userid"]: t["status"] for t in tasks["task_list"]} == {"lisi": 2, "zhangsan": 0}
    [call] = await calls(mock, touser=lisi[0])
    assert call["path"] == ADD


async def test_unknown_task(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    assert (await post(mock, TASKS, token, {"msgid": "msgNope"}))["errcode"] == 40058


async def test_welcome_code_works_once(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    code = await issue_welcome_code(mock.session, base_url(mock), userid="lisi")
    body = {"welcome_code": code, "text": {"content": "欢迎光临小店"}}
    assert (await post(mock, WELCOME, token, body))["errcode"] == 0
    assert (await post(mock, WELCOME, token, body))["errcode"] == 41051
    never = body | {"welcome_code": "forged"}
    assert (await post(mock, WELCOME, token, never))["errcode"] == 41096
    [sent, _, _] = await calls(mock, path=WELCOME)
    assert sent["notes"]["userid"] == "lisi"
    assert sent["recipients"] == [sent["notes"]["external_userid"]]


async def test_welcome_code_expires_after_20_seconds(
    mock: TestClient[Any, Any], clock: ManualClock
) -> None:
    token = await wecom_token(mock)
    code = await issue_welcome_code(mock.session, base_url(mock))
    clock.advance(21)
    body = {"welcome_code": code, "text": {"content": "欢迎"}}
    assert (await post(mock, WELCOME, token, body))["errcode"] == 41096
