"""A 微信客服 shop for tests: the real bot and the mock API, talking through real callbacks.

    kf = await make_kf()                       # one worker; make_kf(store=…, database=…) for more
    await kf.say("有没有保温杯")                 # enqueue at the mock, send the signed callback
    kf.sent_texts()                             # what the bot sent that customer (send_msg …)

Customers' messages are enqueued at the mock's control API (as WeChat would store them) and
announced by a signed, encrypted `kf_msg_or_event` callback; `settle` waits until every pull,
drain and send the callback started is done.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field, replace
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from bot.config import Config
from bot.gateway import SERVICES
from bot.kf import KfRuntime, runtime_of
from bot.services import Services
from bot.simulator import CallbackBuilder
from mockwechat import MOCK_STATE
from mockwechat.credentials import DEMO_KF_OPEN_KFID
from mockwechat.kf_world import KfWorld

_customers = itertools.count(1)


def customer_id(n: int | None = None) -> str:
    return f"wmTestKfCustomer{(n if n is not None else next(_customers)):016d}"


def kf_config(config: Config, **kf: Any) -> Config:
    return replace(config, kf=replace(config.kf, **kf))


def describe(body: dict[str, Any]) -> str:
    """A sent kf message as the customer sees it: text, or a menu's head, items and tail."""
    kind = body.get("msgtype")
    if kind == "text":
        return str(body["text"]["content"])
    if kind == "msgmenu":
        menu = body["msgmenu"]
        items = [f"[{i[i['type']]['content']}]" for i in menu.get("list", [])]
        parts = [menu.get("head_content", ""), " ".join(items), menu.get("tail_content", "")]
        return "\n".join(p for p in parts if p)
    return f"[{kind}]"


@dataclass
class KfShop:
    clients: list[TestClient[Any, Any]]
    mock: TestServer
    config: Config
    http: aiohttp.ClientSession
    user: str = field(default_factory=customer_id)
    open_kfid: str = DEMO_KF_OPEN_KFID

    @property
    def client(self) -> TestClient[Any, Any]:
        return self.clients[0]

    @property
    def world(self) -> KfWorld:
        return self.mock.app[MOCK_STATE].kf

    def services(self, worker: int = 0) -> Services:
        return self.clients[worker].app[SERVICES]

    def runtime(self, worker: int = 0) -> KfRuntime:
        runtime = runtime_of(self.services(worker))
        assert runtime is not None
        return runtime

    @property
    def builder(self) -> CallbackBuilder:
        return CallbackBuilder(self.config, "kf")

    def mock_url(self, path: str) -> str:
        return str(self.mock.make_url(path))

    async def enqueue(self, **body: Any) -> dict[str, Any]:
        body.setdefault("external_userid", self.user)
        async with self.http.post(self.mock_url("/_mock/kf/enqueue"), json=body) as response:
            assert response.status == 200, await response.text()
            answer: dict[str, Any] = await response.json()
            return answer

    async def callback(self, token: str, worker: int = 0, open_kfid: str = "") -> int:
        callback = self.builder.kf_event(open_kfid or self.open_kfid, token)
        client = self.clients[worker]
        response = await client.post(callback.path, params=callback.query, data=callback.body)
        assert await response.text() == ""
        return response.status

    async def say(self, text: str, **body: Any) -> list[str]:
        """The customer writes; the bot is told; what the bot sent back."""
        before = len(self.world.sent)
        queued = await self.enqueue(kind="text", text=text, **body)
        assert await self.callback(queued["token"]) == 200
        await self.settle()
        return [describe(s) for s in self.world.sent[before:] if s["to"] == self.user]

    async def settle(self, rounds: int = 50) -> None:
        """Wait until the background work (pulls, drains, sends) of every worker is done."""
        for _ in range(rounds):
            sets = [self.services(i).tasks for i in range(len(self.clients))]
            if not any(s._tasks for s in sets):
                return
            await asyncio.gather(*(s.wait() for s in sets))
        raise AssertionError("background work did not settle")

    def sent(self, user: str | None = None) -> list[dict[str, Any]]:
        who = user or self.user
        return [s for s in self.world.sent if s["to"] == who]

    def sent_texts(self, user: str | None = None) -> list[str]:
        return [describe(s) for s in self.sent(user)]

    def metric(self, name: str, worker: int = 0, **labels: str) -> float:
        """A counter from the worker's /metrics registry, e.g. metric("shopbot_kf_sends_total",
        api="send_msg", result="ok")."""
        value = self.services(worker).metrics.registry.get_sample_value(name, labels)
        return value or 0.0

    def calls(self, path: str) -> list[Any]:
        return self.mock.app[MOCK_STATE].recorder.calls(path=path)
