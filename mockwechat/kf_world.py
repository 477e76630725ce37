"""What the mock's 微信客服 remembers: the message log sync_msg reads, sessions, codes.

- **The log**: one list for the corp, in arrival order: customer messages (origin 3), system
  events (origin 4) and servicer messages (origin 5), each tagged with its open_kfid. A cursor
  is a position in it, bound to one open_kfid (or "*" for a pull without one), so a cursor of one
  account used for another is refused. A page scans at most `limit` positions, so with several
  accounts a page can hold fewer messages than asked, even none while `has_more` is 1 — as
  Tencent warns. Messages older than 3 days are no longer returned.
- **Sessions** per (open_kfid, customer): state 0 new, 1 bot, 2 queued, 3 human, 4 ended (or
  never started); a customer message moves 4 to 0. Sends since the customer's last message are
  counted (5 allowed within 48 h).
- **Codes** for send_msg_on_event: the welcome_code of enter_session (20 s, once), and msg_code of
  session changes (to 2 or 3: 48 h; to 4: 20 s), each usable once and, except the welcome, only
  while the session is still in the state it was issued for.
- **Callback tokens**: each enqueue mints the Token its kf_msg_or_event callback carries (10 min).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from mockwechat.data import KfAccount, MockData
from mockwechat.ratelimit import SlidingWindow
from mockwechat.settings import MockSettings

NEW, BOT, QUEUED, HUMAN, ENDED = 0, 1, 2, 3, 4
CUSTOMER, SYSTEM, SERVICER = 3, 4, 5
# kf/service_state/trans: which target states each state allows (Tencent 会话状态流转).
TRANSITIONS: dict[int, frozenset[int]] = {
    NEW: frozenset({BOT, QUEUED, HUMAN, ENDED}),
    BOT: frozenset({QUEUED, HUMAN, ENDED}),
    QUEUED: frozenset({HUMAN, ENDED}),
    HUMAN: frozenset({HUMAN, ENDED}),
    ENDED: frozenset(),
}


@dataclass(slots=True)
class KfSession:
    state: int = ENDED
    servicer: str = ""
    last_customer_at: float | None = None
    sends: int = 0  # kf/send_msg calls since the customer's last message

    def to_json(self) -> dict[str, Any]:
        return {
            "service_state": self.state,
            "servicer_userid": self.servicer,
            "last_customer_at": self.last_customer_at,
            "sends_since_customer": self.sends,
        }


@dataclass(slots=True)
class EventCode:
    open_kfid: str
    customer: str
    expires_at: float
    state: int | None  # the session state it is good for; None for a welcome_code
    used: bool = False


@dataclass(slots=True)
class LogItem:
    position: int
    open_kfid: str
    send_time: float
    item: dict[str, Any]


@dataclass(slots=True)
class KfWorld:
    settings: MockSettings
    accounts: dict[str, KfAccount]
    tokenless: SlidingWindow  # sync_msg pulls without a callback token, per account
    log: list[LogItem] = field(default_factory=list)
    sessions: dict[tuple[str, str], KfSession] = field(default_factory=dict)
    codes: dict[str, EventCode] = field(default_factory=dict)
    callback_tokens: dict[str, float] = field(default_factory=dict)
    used_msgids: dict[str, set[str]] = field(default_factory=dict)
    off_duty: set[str] = field(default_factory=set)
    sent: list[dict[str, Any]] = field(default_factory=list)  # what the bot sent, in order
    counter: int = 0

    @classmethod
    def create(cls, data: MockData, settings: MockSettings) -> KfWorld:
        accounts = {a.open_kfid: a for a in data.kf_accounts}
        return cls(settings, accounts, SlidingWindow(settings.kf_tokenless_pulls_per_min, 60.0))

    def next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter:012d}"

    def session(self, open_kfid: str, customer: str) -> KfSession:
        return self.sessions.setdefault((open_kfid, customer), KfSession())

    def knows_customer(self, open_kfid: str, customer: str) -> bool:
        return (open_kfid, customer) in self.sessions

    def default_account(self) -> str:
        return next(iter(self.accounts), "")

    # ---------------------------------------------------------------- the log

    def append(self, open_kfid: str, send_time: float, item: dict[str, Any]) -> str:
        msgid = self.next_id("mockkfmsg")
        item = {"msgid": msgid, "send_time": int(send_time), **item}
        self.log.append(LogItem(len(self.log), open_kfid, send_time, item))
        return msgid

    def customer_message(
        self, open_kfid: str, customer: str, msgtype: str, body: dict[str, Any], now: float
    ) -> str:
        session = self.session(open_kfid, customer)
        if session.state == ENDED:
            session.state, session.servicer = NEW, ""
        session.last_customer_at, session.sends = now, 0
        item = {
            "open_kfid": open_kfid,
            "external_userid": customer,
            "origin": CUSTOMER,
            "msgtype": msgtype,
            msgtype: body,
        }
        return self.append(open_kfid, now, item)

    def event(self, open_kfid: str, event: dict[str, Any], now: float) -> str:
        item = {"origin": SYSTEM, "msgtype": "event", "event": {"open_kfid": open_kfid, **event}}
        return self.append(open_kfid, now, item)

    def page(
        self, open_kfid: str, cursor_at: int, limit: int, now: float
    ) -> tuple[list[dict[str, Any]], int, bool]:
        """Up to `limit` positions from `cursor_at`: (items of this account, next position,
        whether positions are left)."""
        oldest = now - self.settings.kf_retention_s
        end = min(len(self.log), cursor_at + limit)
        items = [
            entry.item
            for entry in self.log[cursor_at:end]
            if open_kfid in ("*", entry.open_kfid) and entry.send_time >= oldest
        ]
        return items, end, end < len(self.log)

    # ---------------------------------------------------------------- cursors and tokens

    def cursor(self, open_kfid: str, position: int) -> str:
        return f"{position:x}.{_tag(open_kfid)}"

    def position(self, open_kfid: str, cursor: str) -> int | None:
        """The log position of a cursor issued for this account; None if it is not one."""
        head, _, tag = cursor.partition(".")
        try:
            position = int(head, 16)
        except ValueError:
            return None
        if tag != _tag(open_kfid) or not 0 <= position <= len(self.log):
            return None
        return position

    def mint_callback_token(self, now: float) -> str:
        token = "ENCA" + secrets.token_urlsafe(33)
        self.callback_tokens[token] = now + self.settings.kf_callback_token_ttl_s
        return token

    def callback_token_ok(self, token: str, now: float) -> bool:
        expires = self.callback_tokens.get(token)
        return expires is not None and now < expires

    # ---------------------------------------------------------------- codes

    def issue_code(
        self, open_kfid: str, customer: str, state: int | None, ttl_s: float, now: float
    ) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = EventCode(open_kfid, customer, now + ttl_s, state)
        return code


def _tag(open_kfid: str) -> str:
    """A short, stable tag of the account a cursor belongs to."""
    return format(sum(ord(c) * (i + 1) for i, c in enumerate(open_kfid)) % 0xFFFFF, "x")
