"""`shopbot chat`: a terminal WeChat. Each line goes to the server as a real signed, encrypted
callback; the passive reply and the messages the bot sent the user through the (mock) API since
then are shown.

On `--channel kf` (微信客服) a line is first enqueued at the mock API as the customer's message,
then announced by a `kf_msg_or_event` callback; the bot pulls it and answers through kf/send_msg.
A menu the bot sent shows its items as [label]; typing a label (or its number) taps it, sending
the item's menu_id as WeChat does. `[enter] sku_<SKU>` opens the chat from that product's page
(an enter_session event with that scene_param).
While a human has the conversation (after 人工, until the bot says it is back) the bot answers
nothing by design; the chat then prints a local line saying the message went to the human
queue (`WITH_HUMAN`, a "note" in --json), where any other silence shows "(no reply)".
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiohttp

from bot.config import Config
from bot.handlers import handoff
from bot.simulator.callbacks import Callback, CallbackBuilder, next_msg_id
from mockwechat.client import fetch_calls, kf_enqueue
from mockwechat.credentials import DEMO_KF_CUSTOMER, DEMO_SHOPPER_OPENID

DEFAULT_OA_USER = DEMO_SHOPPER_OPENID
SETTLE_S = 0.4  # after a passive reply, how long to wait for follow-up API messages
WITH_HUMAN = "（这条消息已转给人工客服排队，机器人不回复；回复“取消人工”可回到智能助手）"
"""Printed for a message the bot left unanswered because a human has the conversation: the bot
stays silent then by design, and a terminal with no line at all looks broken."""
HANDED_OFF = (handoff.HANDED_OFF,)
HANDED_BACK = (
    handoff.HANDED_BACK,
    handoff.WELCOME_BACK,
    handoff.STAFF_HANDED_BACK,
    handoff.TIMED_OUT,
    handoff.NO_HUMAN_NOW,
)
"""What the bot says when a conversation goes to a human, and when it comes back."""


@dataclass(frozen=True)
class ChatOptions:
    channel: str = "oa"
    user: str | None = None
    url: str | None = None
    script: Path | None = None
    json: bool = False


@dataclass(frozen=True)
class Undelivered:
    """A message the bot sent through the API that the (mock) API refused or dropped."""

    body: dict[str, Any]
    errcode: int
    errmsg: str

    def to_json(self) -> dict[str, Any]:
        return {"body": self.body, "errcode": self.errcode, "errmsg": self.errmsg}


@dataclass(frozen=True)
class Exchange:
    sent: str
    status: int
    passive: dict[str, str] | None
    api: list[dict[str, Any]]  # every message sent through the API, delivered or not
    refusals: list[Undelivered | None] = field(default_factory=list)  # one per `api` entry
    with_human: bool = False  # a human had the conversation when this was sent and answered

    @property
    def silent(self) -> bool:
        return self.status == 200 and not self.passive and not self.api

    @property
    def said(self) -> str:
        """Everything the bot answered, as text."""
        parts = [describe_passive(self.passive)] if self.passive else []
        return "\n".join(parts + [describe_api(body) for body in self.api])

    def to_json(self) -> dict[str, Any]:
        shown = {
            "sent": self.sent,
            "status": self.status,
            "passive": self.passive,
            "api": self.api,
            "undelivered": [u.to_json() for u in self.refusals if u is not None],
        }
        return shown | ({"note": WITH_HUMAN} if self.silent and self.with_human else {})


class ChatSession:
    """One simulated user talking to one server."""

    def __init__(self, config: Config, options: ChatOptions, http: aiohttp.ClientSession) -> None:
        self.config = config
        self.builder = CallbackBuilder(config, options.channel)
        self.user = options.user or _default_user(config, options.channel)
        self.base_url = options.url or f"http://{config.server.host}:{config.server.port}"
        self.api_url = (
            config.api.oa_base_url if options.channel == "oa" else config.api.wecom_base_url
        )
        self.http = http
        self.seen = 0
        self.kf = options.channel == "kf"
        self.menu: dict[str, tuple[str, str]] = {}  # the last menu: label or id → (id, label)
        self.with_human = False  # the bot handed this user to a human and has not taken back

    async def _kf_callback(self, text: str) -> Callback:
        """Store the customer's message (or a tap, or an arrival) at the mock; the callback."""
        open_kfid = self.config.kf.open_kfids[0] if self.config.kf.open_kfids else ""
        head = {"open_kfid": open_kfid, "external_userid": self.user}
        if text.startswith("[enter]"):
            scene = text.removeprefix("[enter]").strip()
            body = {"kind": "enter_session", "scene_param": scene, **head}
        elif text.strip().startswith("/photo"):
            media = text.strip().removeprefix("/photo").strip() or f"photo{secrets.token_hex(6)}"
            body = {"kind": "image", "media_id": media, **head}
        elif text.strip() in self.menu:
            menu_id, label = self.menu[text.strip()]
            body = {"kind": "text", "text": label, "menu_id": menu_id, **head}
        else:
            body = {"kind": "text", "text": text, **head}
        queued = await kf_enqueue(self.http, self.api_url, **body)
        return self.builder.kf_event(str(queued["open_kfid"]), str(queued["token"]))

    def remember_menus(self, bodies: list[dict[str, Any]]) -> None:
        for body in bodies:
            if body.get("msgtype") == "msgmenu":
                items = body.get("msgmenu", {}).get("list", [])
                clicks = [i["click"] for i in items if i.get("type") == "click"]
                self.menu = {c["content"]: (c["id"], c["content"]) for c in clicks}
                self.menu |= {c["id"]: (c["id"], c["content"]) for c in clicks}

    async def start(self) -> None:
        if self.builder.channel == "oa":
            await self._follow()
        calls = await self._calls(0)
        self.seen = max((int(c["seq"]) for c in calls), default=0)

    async def _follow(self) -> None:
        """Whoever writes to an OA follows it: the mock then lets the bot message this user (any
        --user, not only the demo's seeded followers). Another API than the mock ignores it."""
        url = f"{self.api_url}/_mock/followers"
        try:
            async with self.http.post(url, json={"openid": self.user, "if_absent": True}):
                pass
        except aiohttp.ClientError:
            return

    async def send(self, text: str) -> Exchange:
        """Send one line: a text, or a simulator command (/photo, /follow, /menu KEY …)."""
        if self.kf:
            callback = await self._kf_callback(text)
        else:
            callback = simulated_callback(self.builder, self.user, text)
        async with self.http.post(
            self.base_url + callback.path, params=callback.query, data=callback.body
        ) as response:
            status, body = response.status, await response.text()
        passive = self.builder.read_reply(body) if status == 200 and not self.kf else None
        wait = SETTLE_S if passive else self.config.server.reply_budget_s + 2.0
        calls = await self._collect(wait, want_one=passive is None)
        bodies = [c.get("body") or {} for c in calls]
        refusals = [_refusal(body, call) for body, call in zip(bodies, calls, strict=True)]
        self.remember_menus([b for b, r in zip(bodies, refusals, strict=True) if r is None])
        exchange = Exchange(text, status, passive, bodies, refusals)
        self.with_human = _with_human(exchange, self.with_human)
        return replace(exchange, with_human=self.with_human)

    async def _collect(self, wait_s: float, want_one: bool) -> list[dict[str, Any]]:
        deadline = time.monotonic() + wait_s
        found: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            new = await self._calls(self.seen)
            if new:
                self.seen = max(int(c["seq"]) for c in new)
                found.extend(new)
                if want_one:
                    deadline = min(deadline, time.monotonic() + SETTLE_S)
        return [c for c in found if "send" in str(c.get("path", ""))]

    async def _calls(self, since: int) -> list[dict[str, Any]]:
        try:
            return await fetch_calls(self.http, self.api_url, touser=self.user, since=since)
        except (aiohttp.ClientError, ValueError):
            return []  # not a mock API: only the passive reply can be shown


def _with_human(exchange: Exchange, before: bool) -> bool:
    """Whether a human has the conversation after this exchange, from what the bot said: the
    OA transfer or the hand-off text start it, a hand-back text ends it."""
    said = exchange.said
    if any(text in said for text in HANDED_BACK):
        return False
    transferred = (exchange.passive or {}).get("MsgType") == "transfer_customer_service"
    return before or transferred or any(text in said for text in HANDED_OFF)


def _refusal(body: dict[str, Any], call: dict[str, Any]) -> Undelivered | None:
    """Why the API did not deliver this call: refused, or dropped silently as WeCom does."""
    answer = call.get("answer") or {}
    errcode = int(answer.get("errcode", 0) or 0)
    if errcode:
        return Undelivered(body, errcode, str(answer.get("errmsg", "")))
    if (call.get("notes") or {}).get("dropped"):
        return Undelivered(body, 45009, "dropped: over the per-member message limit")
    return None


SIMULATOR_COMMANDS = (
    "/photo [MEDIA_ID]   send a picture",
    "/follow [SCENE]     follow the account (from a QR code with SCENE)",
    "/unfollow           unfollow",
    "/menu KEY           tap the menu item KEY",
    "/location           share a location",
)


def simulated_callback(builder: CallbackBuilder, user: str, line: str) -> Callback:
    """The callback a line stands for. Staff commands (/help, /broadcast …) stay text."""
    word, _, arg = line.strip().partition(" ")
    arg = arg.strip()
    if word == "/photo":
        media = arg or f"photo{secrets.token_hex(6)}"
        fields = {
            "MsgType": "image",
            "PicUrl": f"https://mmbiz.example.com/{media}.jpg",
            "MediaId": media,
            "MsgId": str(next_msg_id()),
        }
        return builder.message(user, fields)
    if word == "/follow":
        return builder.event(user, "subscribe", EventKey=f"qrscene_{arg}" if arg else "")
    if word == "/unfollow":
        return builder.event(user, "unsubscribe")
    if word == "/menu" and arg:
        return builder.event(user, "CLICK", EventKey=arg)
    if word == "/location":
        fields = {
            "MsgType": "location",
            "Location_X": "31.2304",
            "Location_Y": "121.4737",
            "Scale": "15",
            "Label": "上海市黄浦区",
            "MsgId": str(next_msg_id()),
        }
        return builder.message(user, fields)
    return builder.text(user, line)


def _default_user(config: Config, channel: str) -> str:
    if channel == "kf":
        return DEMO_KF_CUSTOMER
    if channel == "wecom":
        return config.wecom.staff[0] if config.wecom.staff else "zhangsan"
    return DEFAULT_OA_USER


def describe_passive(fields: dict[str, str]) -> str:
    kind = fields.get("MsgType", "")
    if kind == "text":
        return fields.get("Content", "")
    if kind == "news":
        title = fields.get("Articles.item.Title", "")
        desc = fields.get("Articles.item.Description", "")
        return f"[商品卡片] {title}\n{desc}".rstrip()
    if kind == "transfer_customer_service":
        return "[已转接人工客服]"
    return f"[{kind}]"


def describe_api(body: dict[str, Any]) -> str:
    kind = body.get("msgtype", "")
    if kind in ("text", "markdown"):
        return str(body.get(kind, {}).get("content", ""))
    if kind == "news":
        articles = body.get("news", {}).get("articles", [{}])
        first = articles[0] if articles else {}
        return f"[商品卡片] {first.get('title', '')}\n{first.get('description', '')}".rstrip()
    if kind == "msgmenu":
        menu = body.get("msgmenu", {})
        items = " ".join(f"[{i[i['type']]['content']}]" for i in menu.get("list", []))
        parts = (menu.get("head_content", ""), items, menu.get("tail_content", ""))
        return "\n".join(p for p in parts if p)
    return f"[{kind}]"


def print_exchange(exchange: Exchange, as_json: bool) -> None:
    if as_json:
        print(json.dumps(exchange.to_json(), ensure_ascii=False), flush=True)
        return
    if exchange.status != 200:
        print(f"  (server answered HTTP {exchange.status})")
    if exchange.passive:
        print("店铺 > " + describe_passive(exchange.passive).replace("\n", "\n       "))
    refusals = exchange.refusals or [None] * len(exchange.api)
    for body, problem in zip(exchange.api, refusals, strict=True):
        text = describe_api(body).replace("\n", "\n       ")
        if problem is None:
            print("店铺 » " + text)
        else:
            print(f"店铺 ✗ (not delivered: {problem.errcode} {problem.errmsg}) " + text)
    if exchange.silent:
        print("  " + WITH_HUMAN if exchange.with_human else "  (no reply)")


async def chat_loop(config: Config, options: ChatOptions) -> int:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        session = ChatSession(config, options, http)
        await session.start()
        lines = _script_lines(options.script) if options.script else None
        if lines is None and not options.json:
            print(f"Chatting as {session.user} on {options.channel}; Ctrl-D to leave.")
            print("Besides text: " + "; ".join(c.split("  ")[0] for c in SIMULATOR_COMMANDS))
        while True:
            text = lines.pop(0) if lines else (None if lines is not None else await _prompt())
            if text is None:
                return 0
            if not text.strip():
                continue
            try:
                exchange = await session.send(text)
            except aiohttp.ClientError as exc:
                print(f"shopbot chat: cannot reach {session.base_url}: {exc}", file=sys.stderr)
                return 1
            print_exchange(exchange, options.json)


def _script_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


async def _prompt() -> str | None:
    try:
        return await asyncio.to_thread(input, "你   > ")
    except EOFError:
        return None


def run_chat(config: Config, options: ChatOptions) -> int:
    return asyncio.run(chat_loop(config, options))
