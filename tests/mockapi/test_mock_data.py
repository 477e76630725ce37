"""The demo and generated directories, the control API's helpers, and serving on a port."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient

from mockwechat import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_SHOPPER_OPENID,
    DEMO_STAFF_IDS,
    DEMO_WECOM_CORP_ID,
    MockData,
    run_mock_api,
)


def test_demo_directory_is_consistent() -> None:
    data = MockData.demo()
    assert data.bot_staff_ids == DEMO_STAFF_IDS
    assert data.followers[0].openid == DEMO_SHOPPER_OPENID
    assert len(data.followers) == 30 and len(data.groups) == 10
    assert all(len(f.openid) == 28 and f.openid.startswith("o") for f in data.followers)
    staff = {s.userid for s in data.staff}
    contacts = {c.external_userid for c in data.contacts}
    for group in data.groups:
        assert group.owner in staff
        assert set(group.external_members) <= contacts
    assert all(set(c.follow_users) <= staff for c in data.contacts)
    assert {"老客福利群1", "新品尝鲜群", "会员VIP群"} <= {g.name for g in data.groups}


def test_generated_directory_is_deterministic_and_sized() -> None:
    first = MockData.generated(groups=300, followers=1000)
    assert first == MockData.generated(groups=300, followers=1000)
    assert (len(first.groups), len(first.followers)) == (300, 1000)
    assert len({g.chat_id for g in first.groups}) == 300
    big = MockData.generated()
    assert (len(big.groups), len(big.followers)) == (2000, 10_000)


def test_describe_names_the_credentials() -> None:
    text = MockData.demo().describe()
    for needle in (DEMO_OA_APP_ID, DEMO_OA_APP_SECRET, DEMO_WECOM_CORP_ID, "张三", "老客福利群1"):
        assert needle in text


async def test_data_summary(mock: TestClient[Any, Any]) -> None:
    summary = await (await mock.get("/_mock/data")).json()
    assert summary["oa"]["app_id"] == DEMO_OA_APP_ID
    assert summary["wecom"]["bot_staff"] == list(DEMO_STAFF_IDS)
    assert summary["group_count"] == 10
    assert summary["sample_followers"][0] == DEMO_SHOPPER_OPENID


async def test_control_api_refuses_bad_bodies(mock: TestClient[Any, Any]) -> None:
    for path, body in (
        ("/_mock/followers", {}),
        ("/_mock/followers", {"openid": "o1", "tag_ids": ["x"]}),
        ("/_mock/expire_tokens", {"api": "sms"}),
        ("/_mock/confirm_tasks", {"msgid": 7}),
    ):
        resp = await mock.post(path, json=body)
        assert resp.status == 400, (path, body)
    resp = await mock.post("/_mock/faults", data=b"[1, 2]")
    assert resp.status == 400


async def test_welcome_code_defaults_to_a_bot_staff_customer(mock: TestClient[Any, Any]) -> None:
    answer = await (await mock.post("/_mock/welcome_codes")).json()
    assert answer["userid"] == DEMO_STAFF_IDS[0]
    assert answer["external_userid"].startswith("wm")
    assert answer["expires_in"] == 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_run_mock_api_serves_until_cancelled() -> None:
    port = _free_port()
    server = asyncio.create_task(run_mock_api("127.0.0.1", port))
    url = f"http://127.0.0.1:{port}/_mock/calls"
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.get(url) as resp:
                    assert (await resp.json())["calls"] == []
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.02)
        else:
            raise AssertionError("the mock did not start")
    server.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await server
    assert server.cancelled()
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))  # fails while anything still listens there
