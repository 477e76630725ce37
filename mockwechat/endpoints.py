"""What an emulated endpoint is: a pure function from a parsed request to an answer.

The app (app.py) does the HTTP part once for all endpoints — faults, token check, JSON
parsing, recording — so handlers are plain synchronous functions that validate the body,
consult or change the mock's state, and return the JSON Tencent would return (or raise
`ApiError`). The helpers below turn a bad field into the platform's error code with a hint
naming the field, which is more than Tencent says but what a developer needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from mockwechat.errors import ApiError

if TYPE_CHECKING:
    from mockwechat.state import MockState
    from mockwechat.tokens import AccessToken

Api = Literal["oa", "wecom"]


@dataclass(frozen=True, slots=True)
class ApiRequest:
    method: str
    path: str
    query: Mapping[str, str]
    body: Mapping[str, Any]  # empty for GET
    token: AccessToken | None  # None on the endpoints that issue tokens or use a robot key
    now: float


@dataclass(slots=True)
class Answer:
    """The JSON to send back, plus mock-only notes for the record (never sent to the bot)."""

    body: dict[str, Any]
    notes: dict[str, Any] = field(default_factory=dict)
    binary: bytes | None = None  # a file instead of JSON (media/get)


Handler = Callable[[ApiRequest, "MockState"], Answer]
Addressees = Callable[[ApiRequest, "MockState"], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One emulated Tencent endpoint. `addressees` names whom a call is for (recorder.py)."""

    method: Literal["GET", "POST"]
    path: str
    api: Api
    handler: Handler
    needs_token: bool = True
    addressees: Addressees | None = None


def need_obj(data: Mapping[str, Any], key: str, code: int) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ApiError(code, f"{key} missing or not an object")
    return value


def need_str(data: Mapping[str, Any], key: str, code: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ApiError(code, f"{key} missing or empty")
    return value


def opt_str(data: Mapping[str, Any], key: str, code: int) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ApiError(code, f"{key} must be a string")
    return value


def need_list(data: Mapping[str, Any], key: str, code: int) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ApiError(code, f"{key} missing or not a non-empty list")
    return value


def str_list(data: Mapping[str, Any], key: str, code: int) -> list[str]:
    """An optional list of strings; absent means empty."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(code, f"{key} must be a list of strings")
    return value


def opt_int(data: Mapping[str, Any], key: str, code: int, default: int) -> int:
    """An optional integer; Tencent also takes digits in a string (agentid often comes so)."""
    value = data.get(key, default)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(code, f"{key} must be an integer")
    return value


def utf8_len(text: str) -> int:
    """Tencent's length limits count UTF-8 bytes: one Chinese character is 3."""
    return len(text.encode("utf-8"))


def page(items: list[str], cursor: str, limit: int) -> tuple[list[str], str]:
    """Cursor paging over a stable list: the cursor is the offset, "" when nothing is left."""
    start = int(cursor) if cursor.isdigit() else 0
    end = start + limit
    return items[start:end], (str(end) if end < len(items) else "")
