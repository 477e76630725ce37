"""Shared by tests/staff, tests/groups and tests/scheduler: a bot wired with the staff, group and
event handlers, talking to the mock WeChat API through real signed and encrypted callbacks."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from bot.clock import Clock, shop_clock
from bot.config import ComplianceConfig, Config, SchedulerConfig
from bot.gateway.keys import SERVICES
from bot.handlers import groups, middlewares, staff
from bot.router import Router
from bot.services import Services
from bot.simulator import CallbackBuilder
from bot.step import Context, Step
from mockwechat import MOCK_STATE, MockState
from mockwechat.client import fetch_calls
from tests.factories import demo_config, demo_knowledge

STAFF = "zhangsan"
OTHER_STAFF = "lisi"
NOT_STAFF = "wangwu"  # a WeCom member, but not in [wecom] staff
SHOPPER = "oDemoFollower000000000000001"


def staff_router(services: Services) -> Router:
    router = Router()

    @router.event("subscribe")
    async def subscribe(msg: Any, ctx: Context) -> Step:
        return Step.say("welcome")

    staff.register(router)
    groups.register(router)
    middlewares.install(router)  # the app's: the follow's scene is recorded around `subscribe`

    @router.fallback
    async def fallback(msg: Any, ctx: Context) -> Step:
        return Step.say("fallback")

    return router


def api_url(server: TestServer) -> str:
    return str(server.make_url("")).rstrip("/")


def bot_config(server: TestServer, **changes: Any) -> Config:
    """The demo config against the mock; no quiet hours and no weekly cap unless asked."""
    config = demo_config(api_url(server), **changes.pop("server", {}))
    compliance = changes.pop(
        "compliance", ComplianceConfig(quiet_hours="", max_promotions_per_week=0)
    )
    scheduler = changes.pop("scheduler", SchedulerConfig(enabled=False))
    return replace(config, compliance=compliance, scheduler=scheduler, **changes)


@dataclass
class Chat:
    """One person talking to the bot over a channel; `say` returns the passive reply's text."""

    client: TestClient
    builder: CallbackBuilder
    user: str

    async def say(self, text: str) -> str:
        """The answer this person sees: the passive reply, or, when the bot took longer than its
        reply budget (a loaded machine), the first message it then sent them through the API."""
        since = await self._last_seq()
        callback = self.builder.text(self.user, text)
        response = await self.client.post(callback.path, params=callback.query, data=callback.body)
        assert response.status == 200
        fields = self.builder.read_reply(await response.text())
        if fields:
            return fields.get("Content", "")
        return await self._sent_since(since)

    def _api_url(self) -> str:
        config = services_of(self.client).config
        return config.api.oa_base_url if self.builder.channel == "oa" else config.api.wecom_base_url

    async def _last_seq(self) -> int:
        async with aiohttp.ClientSession() as http:
            found = await fetch_calls(http, self._api_url(), touser=self.user)
        return max((int(c["seq"]) for c in found), default=0)

    async def _sent_since(self, since: int, timeout_s: float = 10.0) -> str:
        deadline = time.monotonic() + timeout_s
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                for call in await fetch_calls(http, self._api_url(), touser=self.user, since=since):
                    body = call.get("body") or {}
                    if "send" in str(call.get("path")) and body.get("msgtype") == "text":
                        return str(body["text"]["content"])
                await asyncio.sleep(0.05)
        return ""

    async def event(self, event: str, **fields: str) -> str:
        callback = self.builder.event(self.user, event, **fields)
        response = await self.client.post(callback.path, params=callback.query, data=callback.body)
        assert response.status == 200
        reply = self.builder.read_reply(await response.text())
        return reply.get("Content", "") if reply else ""


def services_of(client: TestClient) -> Services:
    return client.app[SERVICES]


def mock_state(server: TestServer) -> MockState:
    return server.app[MOCK_STATE]


def calls(server: TestServer, path: str | None = None) -> list[Any]:
    return mock_state(server).recorder.calls(path=path)


async def wait_for(predicate: Any, timeout_s: float = 10.0, every_s: float = 0.05) -> None:
    """Poll until `predicate()` (sync or async) is true."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(every_s)


async def http_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession()


class ServicesKit:
    """Services without the HTTP app, for driving the broadcaster and scheduler directly."""

    def __init__(
        self,
        config: Config,
        store: Any = None,
        database: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.database = database or config.storage.database
        self.clock = clock or shop_clock(config)

    async def __aenter__(self) -> Services:
        from bot.services import build_services
        from bot.state import open_state_store
        from bot.storage import open_database

        self._own_store = self.store is None
        store = self.store or open_state_store(self.config.storage.state, self.clock)
        self._db = await open_database(self.database, self.clock)
        self._http = aiohttp.ClientSession()
        self.services = build_services(
            self.config, store=store, db=self._db, knowledge=demo_knowledge(), http=self._http
        )
        return self.services

    async def __aexit__(self, *exc: object) -> None:
        await self.services.tasks.close()
        await self._http.close()
        await self._db.close()
        if self._own_store:
            await self.services.store.close()
