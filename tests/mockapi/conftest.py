"""Fixtures for the mock WeChat API tests: a manual clock and a client factory.

`make_mock(settings=..., data=...)` builds a fresh mock on the test's clock, so a test can
shrink a limit (a token lifetime, a rate window) without touching the others.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from mockwechat import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_WECOM_AGENT_SECRET,
    DEMO_WECOM_CORP_ID,
    ManualClock,
    MockData,
    MockSettings,
    create_mock_app,
)

MakeMock = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def make_mock(aiohttp_client: AiohttpClient, clock: ManualClock) -> MakeMock:
    async def make(
        settings: MockSettings | None = None, data: MockData | None = None
    ) -> TestClient[Any, Any]:
        app = create_mock_app(data or MockData.demo(), settings=settings, clock=clock)
        return await aiohttp_client(app)

    return make


@pytest.fixture
async def mock(make_mock: MakeMock) -> TestClient[Any, Any]:
    return await make_mock()


async def oa_token(client: TestClient[Any, Any], force_refresh: bool = False) -> str:
    body = {
        "grant_type": "client_credential",
        "appid": DEMO_OA_APP_ID,
        "secret": DEMO_OA_APP_SECRET,
        "force_refresh": force_refresh,
    }
    data = await (await client.post("/cgi-bin/stable_token", json=body)).json()
    return str(data["access_token"])


async def wecom_token(client: TestClient[Any, Any], secret: str = DEMO_WECOM_AGENT_SECRET) -> str:
    params = {"corpid": DEMO_WECOM_CORP_ID, "corpsecret": secret}
    data = await (await client.get("/cgi-bin/gettoken", params=params)).json()
    return str(data["access_token"])


async def post(
    client: TestClient[Any, Any], path: str, token: str | None, body: Any
) -> dict[str, Any]:
    """POST a JSON body the way the bot does, with the token in the query."""
    params = {"access_token": token} if token else {}
    resp = await client.post(path, params=params, json=body)
    data: dict[str, Any] = await resp.json()
    return data


async def get(
    client: TestClient[Any, Any], path: str, token: str | None, **params: str
) -> dict[str, Any]:
    if token:
        params["access_token"] = token
    data: dict[str, Any] = await (await client.get(path, params=params)).json()
    return data


async def calls(client: TestClient[Any, Any], **params: str) -> list[dict[str, Any]]:
    data = await (await client.get("/_mock/calls", params=params)).json()
    found: list[dict[str, Any]] = data["calls"]
    return found
