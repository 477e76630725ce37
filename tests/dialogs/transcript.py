"""Chats with the real bot: signed, encrypted callbacks in; passive reply + API messages out.

    chat = shop.chat()
    await chat.run('''
        > 我要两件黑色M码的T恤
        < 已加入购物车
        <! 订单号
    ''')

`>` sends a text (or `[image] MEDIA_ID`, `[click] KEY`, `[subscribe] SCENE`, `[scan] SCENE`);
`<` expects a fragment in the bot's answer to the last message (passive reply and every
customer-service message it sent that user meanwhile); `<1` expects it there exactly once (no
sentence said twice); `<!` expects it absent; `< (silence)`
expects no answer at all. A failed expectation prints the whole conversation.

`await chat.reach("order:name")` walks a dialog to a step with plain answers (ANSWERS), so a test
about one step does not spell out the steps before it, and a new step needs one answer here, not
an edit in every test.
"""

from __future__ import annotations

import itertools
import os
import textwrap
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.clock import TestClock
from bot.config import Config
from bot.gateway import SERVICES
from bot.protocol import Channel, Inbound, Kind
from bot.services import Services
from bot.session import session_key
from bot.shop.stock import seed_catalogue_stock
from bot.simulator import CallbackBuilder
from bot.simulator.callbacks import Callback
from bot.storage import Database, LineIn, Order
from mockwechat import MOCK_STATE
from mockwechat.demo import openid

STARTS = {"order": "我要一件黑色M码的T恤", "aftersales": "售后", "browse": "逛逛"}
ANSWERS = {
    "order:product": "T恤",
    "order:spec": "1",
    "order:quantity": "1",
    "order:cart": "结算",
    "order:name": "张三",
    "order:phone": "13812345678",
    "order:address": "上海市浦东新区世纪大道100号",
    "aftersales:order": "1",
    "aftersales:kind": "1",
    "aftersales:reason": "尺码不合适",
    "aftersales:photos": "跳过",
    "browse:categories": "1",
    "browse:list": "1",
}
"""The plain answer to each step, for `Chat.reach`."""
SEND_PATHS = {"oa": "/cgi-bin/message/custom/send", "wecom": "/cgi-bin/message/send"}
SILENCE = "(silence)"
_msg_ids = itertools.count(7_000_000_000)


def render_passive(fields: dict[str, str] | None) -> list[str]:
    if fields is None:
        return []
    kind = fields.get("MsgType")
    if kind == "text":
        return [fields["Content"]]
    if kind == "news":
        title = fields.get("Articles.item.Title", "")
        description = fields.get("Articles.item.Description", "")
        picture, link = fields.get("Articles.item.PicUrl", ""), fields.get("Articles.item.Url", "")
        return [f"[图文] {title}\n{description}\n{picture}\n链接：{link}"]
    if kind == "transfer_customer_service":
        return ["[转人工]"]
    return [f"[{kind}]"]


def render_api(body: dict[str, Any]) -> str:
    kind = body.get("msgtype")
    if kind == "text":
        return str(body["text"]["content"])
    if kind == "news":
        article = body["news"]["articles"][0]
        head = f"[图文] {article['title']}\n{article['description']}"
        return f"{head}\n{article['picurl']}\n链接：{article.get('url', '')}"
    return f"[{kind}]"


@dataclass
class Shop:
    """One running bot with its mock WeChat API; `chat()` gives each test a fresh follower."""

    client: TestClient
    mock: TestServer
    config: Config
    clock: TestClock  # the bot's clock: `shop.clock.advance(200)` is 200 s passing
    _users: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def services(self) -> Services:
        return self.client.app[SERVICES]

    @property
    def db(self) -> Database:
        return self.services.db

    def chat(self, user: str | None = None, channel: str = "oa") -> Chat:
        return Chat(self, user or openid("Demo", next(self._users)), channel)

    async def settle(self) -> None:
        """Wait until every reply promised through the API went out."""
        await self.services.tasks.wait()

    def api_messages(self, user: str, since: int, channel: str = "oa") -> tuple[list[str], int]:
        recorder = self.mock.app[MOCK_STATE].recorder
        calls = recorder.calls(path=SEND_PATHS[channel], touser=user, since=since)
        return [render_api(c.body) for c in calls if c.errcode == 0], recorder.last_seq


@dataclass
class Chat:
    shop: Shop
    user: str
    channel: str = "oa"
    log: list[str] = field(default_factory=list)
    last: list[str] = field(default_factory=list)
    _seq: int = 0

    @property
    def builder(self) -> CallbackBuilder:
        return CallbackBuilder(self.shop.config, self.channel, clock=self.shop.clock)

    async def post(self, callback: Callback, shown: str) -> list[str]:
        self._seq = self.shop.mock.app[MOCK_STATE].recorder.last_seq
        client = self.shop.client
        response = await client.post(callback.path, params=callback.query, data=callback.body)
        assert response.status == 200, await response.text()
        replies = render_passive(self.builder.read_reply(await response.text()))
        await self.shop.settle()
        sent, self._seq = self.shop.api_messages(self.user, self._seq, self.channel)
        self.last = replies + sent
        self.log += [f"> {shown}", *(f"< {r}" for r in self.last or [SILENCE])]
        return self.last

    async def say(self, text: str, msg_id: int | None = None) -> list[str]:
        return await self.post(self.builder.text(self.user, text, msg_id or next(_msg_ids)), text)

    async def image(self, media_id: str) -> list[str]:
        fields = {"MsgType": "image", "PicUrl": f"http://img/{media_id}", "MediaId": media_id}
        fields["MsgId"] = str(next(_msg_ids))
        return await self.post(self.builder.message(self.user, fields), f"[image] {media_id}")

    async def event(self, event: str, key: str = "") -> list[str]:
        fields = {"MsgType": "event", "Event": event}
        if key:
            fields["EventKey"] = key
        create_time = 1_700_000_000 + next(_msg_ids) % 100_000_000  # distinct dedup keys
        callback = self.builder.message(self.user, fields, create_time)
        return await self.post(callback, f"[{event}] {key}")

    async def state(self) -> str | None:
        channel = Channel(self.channel)
        session = await self.shop.services.sessions.load(
            Inbound(channel, self.user, "gh", Kind.TEXT, 0)
        )
        return session.state

    async def reach(self, target: str, start: str | None = None) -> None:
        """Walk to dialog step `target` ("order:name") from wherever the chat is, answering each
        step with ANSWERS; `start` is the first message when no dialog is under way."""
        dialog = target.partition(":")[0]
        for _ in range(20):
            state = await self.state()
            if state == target:
                return
            if state is None or not state.startswith(f"{dialog}:"):
                await self.say(start or STARTS[dialog])
                start = None
                continue
            assert state in ANSWERS, self._failure(f"no plain answer for {state} in ANSWERS")
            await self.say(ANSWERS[state])
        raise AssertionError(self._failure(f"could not reach {target}"))

    async def run(self, script: str) -> None:
        for line in textwrap.dedent(script).strip().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            await self._line(line)
        if os.environ.get("SHOW_CHATS"):  # SHOW_CHATS=1 pytest -s: read the conversations
            print("\n".join(["", f"=== {self.user}", *self.log]))

    async def _line(self, line: str) -> None:
        if line.startswith("> "):
            await self._send(line[2:].strip())
        elif line.startswith("<1 "):
            self.expect_once(line[3:].strip())
        elif line.startswith("<! "):
            self.expect_not(line[3:].strip())
        elif line.startswith("< "):
            self.expect(line[2:].strip())
        else:
            raise ValueError(f"not a transcript line: {line!r}")

    async def _send(self, what: str) -> None:
        for tag, send in (("[image] ", self.image),):
            if what.startswith(tag):
                await send(what.removeprefix(tag))
                return
        for event in ("click", "subscribe", "scan"):
            tag = f"[{event}]"
            if what.startswith(tag):
                await self.event(event, what.removeprefix(tag).strip())
                return
        await self.say(what)

    def expect(self, fragment: str) -> None:
        if fragment == SILENCE:
            assert not self.last, self._failure(f"expected silence, got {self.last}")
            return
        joined = "\n".join(self.last)
        assert fragment in joined, self._failure(f"expected {fragment!r} in the last answer")

    def expect_once(self, fragment: str) -> None:
        count = "\n".join(self.last).count(fragment)
        assert count == 1, self._failure(
            f"expected {fragment!r} once in the last answer, not {count}×"
        )

    def expect_not(self, fragment: str) -> None:
        joined = "\n".join(self.last)
        assert fragment not in joined, self._failure(f"did not expect {fragment!r}")

    def _failure(self, what: str) -> str:
        return f"{what}\n--- conversation ---\n" + "\n".join(self.log)


def with_shop(config: Config, **shop: Any) -> Config:
    return replace(config, shop=replace(config.shop, **shop))


async def paid_order(shop: Shop, user: str, sku: str = "AP-1001", qty: int = 1) -> Order:
    """An order placed and paid outside the chat (as the payment callback would leave it)."""
    await seed_catalogue_stock(shop.services)
    item = shop.services.knowledge.current.kb.products[sku]
    order = await shop.db.orders.create_order(
        user,
        "oa",
        [LineIn(sku, item.name, {}, qty, item.price_fen)],
        receiver_name="李四",
        phone="13900001111",
        address="北京市朝阳区建国路88号",
        idempotency_key=f"test-{user}-{sku}-{qty}-{next(_msg_ids)}",
    )
    return await shop.db.orders.mark_paid(order.order_no, actor="test")


def session_key_of(user: str, channel: Channel = Channel.OA) -> str:
    """The state-store key of a shopper's session (delete it to play 30 idle minutes)."""
    return session_key(Inbound(channel, user, "gh", Kind.TEXT, 0))
