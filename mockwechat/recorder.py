"""The record of every API call the mock answered, for tests, the demo and the terminal chat.

Each call gets a sequence number that keeps increasing across `clear()`, so a poller can ask
for `since=<last seq it saw>` and never miss or repeat a call.

Who a call is "for" (the `touser` filter): each endpoint names the ids its call addresses,
whether or not the call succeeded —
- OA `message/custom/send`: `touser`; OA `message/mass/sendall`: every follower it reaches;
- WeCom `message/send`: each id of `touser` ("a|b"; `@all` means every staff member);
- `webhook/send`: the robot's key;
- `externalcontact/add_msg_template`: each external user id or chat id, and the `sender`
  (who is asked to confirm the task); `send_welcome_msg`: the customer the code belongs to.
Lookups (user/get, groupchat/get, …) address nobody and never match `touser`.

Secrets are not kept: `access_token` is cut to its first 6 characters, `secret` and
`corpsecret` are starred out, in the query, the body and the answer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TOKEN_SHOWN = 6
SECRET_KEYS = frozenset({"secret", "corpsecret"})


def redact_token(token: str) -> str:
    return token[:TOKEN_SHOWN] + "..."


def redact(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a query, body or answer with tokens shortened and secrets starred out."""
    out = dict(fields)
    for key in SECRET_KEYS & out.keys():
        out[key] = "***"
    token = out.get("access_token")
    if isinstance(token, str):
        out["access_token"] = redact_token(token)
    return out


@dataclass(frozen=True, slots=True)
class RecordedCall:
    """One call: what was asked, what the mock answered, and whom it addressed."""

    seq: int
    time: float
    method: str
    path: str
    api: str  # "oa", "wecom", or "unknown" for a path the mock does not emulate
    query: dict[str, str]
    body: Any  # the JSON body, the raw text if it was not JSON, None for no body
    status: int
    answer: dict[str, Any]
    recipients: tuple[str, ...] = ()
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def errcode(self) -> int:
        code = self.answer.get("errcode", 0)
        return code if isinstance(code, int) else -1

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "time": self.time,
            "method": self.method,
            "path": self.path,
            "api": self.api,
            "query": self.query,
            "body": self.body,
            "status": self.status,
            "errcode": self.errcode,
            "answer": self.answer,
            "recipients": list(self.recipients),
            "notes": self.notes,
        }


class CallRecorder:
    """Keeps the last `max_calls` calls in order."""

    def __init__(self, max_calls: int = 100_000) -> None:
        self._calls: deque[RecordedCall] = deque(maxlen=max_calls)
        self._seq = 0

    @property
    def last_seq(self) -> int:
        return self._seq

    def record(
        self,
        *,
        time: float,
        method: str,
        path: str,
        api: str,
        query: Mapping[str, str],
        body: Any,
        status: int,
        answer: Mapping[str, Any],
        recipients: tuple[str, ...] = (),
        notes: Mapping[str, Any] | None = None,
    ) -> RecordedCall:
        self._seq += 1
        call = RecordedCall(
            seq=self._seq,
            time=time,
            method=method,
            path=path,
            api=api,
            query=redact(query),
            body=redact(body) if isinstance(body, Mapping) else body,
            status=status,
            answer=redact(answer),
            recipients=recipients,
            notes=dict(notes or {}),
        )
        self._calls.append(call)
        return call

    def calls(
        self, *, path: str | None = None, touser: str | None = None, since: int = 0
    ) -> list[RecordedCall]:
        """Calls with seq > `since`, optionally to one path and/or addressed to one id."""
        newer: list[RecordedCall] = []
        for call in reversed(self._calls):
            if call.seq <= since:
                break
            newer.append(call)
        newer.reverse()
        return [
            c
            for c in newer
            if (path is None or c.path == path) and (touser is None or touser in c.recipients)
        ]

    def clear(self) -> int:
        """Forget all calls (sequence numbers keep counting); say how many were dropped."""
        dropped = len(self._calls)
        self._calls.clear()
        return dropped
