"""WeCom lookups: customer group listing (paged) and details."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from mockwechat import MockData

from .conftest import MakeMock, post, wecom_token

LIST = "/cgi-bin/externalcontact/groupchat/list"


async def list_all(client: TestClient[Any, Any], token: str, **extra: Any) -> list[str]:
    """Follow next_cursor to the end, as the bot must."""
    ids: list[str] = []
    cursor = ""
    while True:
        page = await post(client, LIST, token, {"limit": 3, "cursor": cursor, **extra})
        assert page["errcode"] == 0
        ids += [c["chat_id"] for c in page["group_chat_list"]]
        cursor = page["next_cursor"]
        if not cursor:
            return ids


async def test_group_listing_pages_and_filters_by_owner(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    everything = await list_all(mock, token)
    assert len(everything) == len(set(everything)) == 10
    mine = await list_all(mock, token, owner_filter={"userid_list": ["zhangsan"]})
    assert 0 < len(mine) < 10
    for chat_id in mine:
        group = await post(
            mock, "/cgi-bin/externalcontact/groupchat/get", token, {"chat_id": chat_id}
        )
        assert group["group_chat"]["owner"] == "zhangsan"


async def test_group_listing_limit_is_required(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    assert (await post(mock, LIST, token, {}))["errcode"] == 40058
    assert (await post(mock, LIST, token, {"limit": 1001}))["errcode"] == 40058


async def test_large_directory_pages_through_2000_groups(make_mock: MakeMock) -> None:
    mock = await make_mock(data=MockData.generated(groups=2000, followers=10))
    token = await wecom_token(mock)
    first = await post(mock, LIST, token, {"limit": 1000})
    second = await post(mock, LIST, token, {"limit": 1000, "cursor": first["next_cursor"]})
    assert len(first["group_chat_list"]) == len(second["group_chat_list"]) == 1000
    assert second["next_cursor"] == ""


async def test_group_details_list_members(mock: TestClient[Any, Any]) -> None:
    token = await wecom_token(mock)
    [first, *_] = await list_all(mock, token)
    answer = await post(
        mock, "/cgi-bin/externalcontact/groupchat/get", token, {"chat_id": first, "need_name": 1}
    )
    chat = answer["group_chat"]
    assert chat["name"] == "老客福利群1"
    externals = [m for m in chat["member_list"] if m["type"] == 2]
    staff = [m for m in chat["member_list"] if m["type"] == 1]
    assert externals and all(m["userid"].startswith("wm") and m["name"] for m in externals)
    assert [m["userid"] for m in staff] == [chat["owner"]]
    missing = await post(mock, "/cgi-bin/externalcontact/groupchat/get", token, {"chat_id": "wrX"})
    assert missing["errcode"] == 40050
