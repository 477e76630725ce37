"""OA endpoints: customer-service message shapes, mass sends, followers and tags."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import DEMO_SHOPPER_OPENID, ManualClock, MockData, MockSettings
from mockwechat.demo import TAG_LOYAL, TAG_MEMBER

from .conftest import MakeMock, calls, get, oa_token, post

SEND = "/cgi-bin/message/custom/send"
MASS = "/cgi-bin/message/mass/sendall"
ARTICLE = {"title": "新品上架", "description": "限时优惠", "url": "https://example.com/p/1"}


async def send(client: TestClient[Any, Any], body: dict[str, Any]) -> dict[str, Any]:
    return await post(client, SEND, await oa_token(client), body)


def message(msgtype: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"touser": DEMO_SHOPPER_OPENID, "msgtype": msgtype, msgtype: payload}


async def test_valid_messages_of_each_kind(mock: TestClient[Any, Any]) -> None:
    bodies = [
        message("text", {"content": "您好"}),
        message("image", {"media_id": "MEDIA"}),
        message("news", {"articles": [ARTICLE]}),
        message(
            "miniprogrampage",
            {"title": "商品", "appid": "wxapp", "pagepath": "pages/p", "thumb_media_id": "T"},
        ),
        message("msgmenu", {"head_content": "满意吗", "list": [{"id": "1", "content": "满意"}]}),
        message("link", {"title": "t", "description": "d", "url": "https://x", "thumb_url": "u"}),
    ]
    for body in bodies:
        assert (await send(mock, body))["errcode"] == 0, body["msgtype"]


async def test_news_carries_exactly_one_article(mock: TestClient[Any, Any]) -> None:
    two = await send(mock, message("news", {"articles": [ARTICLE, ARTICLE]}))
    none = await send(mock, message("news", {"articles": []}))
    assert two["errcode"] == none["errcode"] == 45008


async def test_malformed_messages(mock: TestClient[Any, Any]) -> None:
    cases = [
        (message("text", {}), 47001),
        (message("sticker", {"id": 1}), 40008),
        (message("miniprogrampage", {"title": "商品"}), 47001),
        (message("msgmenu", {"list": []}), 47001),
        ({"msgtype": "text", "text": {"content": "x"}}, 40003),
    ]
    for body, errcode in cases:
        answer = await send(mock, body)
        assert answer["errcode"] == errcode, body
        assert "hint" in answer["errmsg"] or errcode == 40003


async def test_body_must_be_a_json_object(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    params = {"access_token": token}
    empty = await (await mock.post(SEND, params=params, data=b"")).json()
    broken = await (await mock.post(SEND, params=params, data=b"{not json")).json()
    assert (empty["errcode"], broken["errcode"]) == (44002, 47001)
    [*_, call] = await calls(mock)
    assert call["body"] == "{not json"


async def test_unknown_openid_only_when_followers_are_known(make_mock: MakeMock) -> None:
    stranger = message("text", {"content": "hi"}) | {"touser": "oSomebodyElse00000000000000x"}
    assert (await send(await make_mock(), stranger))["errcode"] == 40003
    assert (await send(await make_mock(data=MockData()), stranger))["errcode"] == 0


async def test_a_follower_added_at_run_time_can_be_messaged(mock: TestClient[Any, Any]) -> None:
    newcomer = "oNewFollower000000000000000x"
    resp = await mock.post("/_mock/followers", json={"openid": newcomer, "tag_ids": [TAG_MEMBER]})
    assert resp.status == 200
    body = message("text", {"content": "hi"}) | {"touser": newcomer}
    assert (await send(mock, body))["errcode"] == 0


def mass(filter_: dict[str, Any], clientmsgid: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"filter": filter_, "msgtype": "text", "text": {"content": "周末大促"}}
    if clientmsgid:
        body["clientmsgid"] = clientmsgid
    return body


async def test_mass_send_by_tag_addresses_the_tags_followers(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    answer = await post(mock, MASS, token, mass({"is_to_all": False, "tag_id": TAG_LOYAL}))
    assert answer["errcode"] == 0 and isinstance(answer["msg_id"], int)
    loyal = await post(mock, "/cgi-bin/user/tag/get", token, {"tagid": TAG_LOYAL})
    [call] = await calls(mock, path=MASS)
    assert call["recipients"] == loyal["data"]["openid"]
    everyone = await post(mock, MASS, token, mass({"is_to_all": True}))
    [_, to_all] = await calls(mock, path=MASS)
    assert everyone["errcode"] == 0 and len(to_all["recipients"]) == 30


async def test_mass_send_clientmsgid_deduplicates(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    first = await post(mock, MASS, token, mass({"is_to_all": True}, "campaign-7"))
    again = await post(mock, MASS, token, mass({"is_to_all": True}, "campaign-7"))
    assert again["errcode"] == 45065
    assert again["msg_id"] == first["msg_id"]
    assert (await post(mock, MASS, token, mass({"is_to_all": False, "tag_id": 999})))[
        "errcode"
    ] == 45159


async def test_mass_send_rate_limit(make_mock: MakeMock, clock: ManualClock) -> None:
    mock = await make_mock(MockSettings(mass_send_per_min=2))
    token = await oa_token(mock)
    codes = [
        (await post(mock, MASS, token, mass({"is_to_all": True})))["errcode"] for _ in range(3)
    ]
    assert codes == [0, 0, 45009]
    clock.advance(60)
    assert (await post(mock, MASS, token, mass({"is_to_all": True})))["errcode"] == 0


async def test_follower_list_pages_by_next_openid(make_mock: MakeMock) -> None:
    mock = await make_mock(MockSettings(follower_page_size=12))
    token = await oa_token(mock)
    seen: list[str] = []
    next_openid = ""
    while True:
        page = await get(mock, "/cgi-bin/user/get", token, next_openid=next_openid)
        assert page["total"] == 30
        if page["count"] == 0:
            break
        seen += page["data"]["openid"]
        next_openid = page["next_openid"]
    assert len(seen) == len(set(seen)) == 30
    assert seen[0] == DEMO_SHOPPER_OPENID
    assert all(len(o) == 28 and o.startswith("o") for o in seen)


async def test_tags_and_their_followers(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    tags = {t["name"]: t for t in (await get(mock, "/cgi-bin/tags/get", token))["tags"]}
    assert {"会员", "新客", "老客"} <= tags.keys()
    members = await post(mock, "/cgi-bin/user/tag/get", token, {"tagid": TAG_MEMBER})
    assert members["count"] == tags["会员"]["count"] > 0
    unknown = await post(mock, "/cgi-bin/user/tag/get", token, {"tagid": 4242})
    assert unknown["errcode"] == 45159


async def test_mass_send_to_a_list_of_followers(mock: TestClient[Any, Any]) -> None:
    token = await oa_token(mock)
    path = "/cgi-bin/message/mass/send"
    text = {"msgtype": "text", "text": {"content": "会员日"}}
    data = await get(mock, "/cgi-bin/user/get", token)
    openids = data["data"]["openid"][:3]
    ok = await post(mock, path, token, {"touser": openids, **text, "clientmsgid": "list-1"})
    assert ok["errcode"] == 0 and ok["msg_id"]
    again = await post(mock, path, token, {"touser": openids, **text, "clientmsgid": "list-1"})
    assert again["errcode"] == 45065 and again["msg_id"] == ok["msg_id"]
    one = await post(mock, path, token, {"touser": openids[:1], **text})
    assert one["errcode"] == 40032  # at least two openids
    stranger = await post(mock, path, token, {"touser": [*openids[:1], "oNotAFollower"], **text})
    assert stranger["errcode"] == 40003
    [recorded] = [c for c in await calls(mock, path=path) if c["errcode"] == 0]
    assert set(recorded["recipients"]) == set(openids)
