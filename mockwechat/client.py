"""A small async client for the mock's control API, for tests and the terminal chat.

    calls = await fetch_calls(session, "http://127.0.0.1:8081", touser=openid, since=last)

Each call is the JSON of recorder.RecordedCall: seq, time, method, path, api, query, body,
status, errcode, answer, recipients, notes.
"""

from __future__ import annotations

from typing import Any

import aiohttp


def _url(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


async def _send(
    session: aiohttp.ClientSession, method: str, url: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    async with session.request(method, url, json=body) as resp:
        resp.raise_for_status()
        data: dict[str, Any] = await resp.json()
        return data


async def fetch_calls(
    session: aiohttp.ClientSession,
    base_url: str,
    *,
    touser: str | None = None,
    since: int = 0,
    path: str | None = None,
) -> list[dict[str, Any]]:
    """Recorded calls with seq > `since`, optionally only to `path` or addressed to `touser`."""
    params = {"since": str(since)}
    if touser:
        params["touser"] = touser
    if path:
        params["path"] = path
    async with session.get(_url(base_url, "/_mock/calls"), params=params) as resp:
        resp.raise_for_status()
        data = await resp.json()
    calls: list[dict[str, Any]] = data["calls"]
    return calls


async def clear_calls(session: aiohttp.ClientSession, base_url: str) -> None:
    await _send(session, "DELETE", _url(base_url, "/_mock/calls"))


async def add_fault(
    session: aiohttp.ClientSession,
    base_url: str,
    path: str,
    *,
    errcode: int | None = None,
    count: int = 1,
    delay_s: float = 0.0,
    http_status: int | None = None,
) -> dict[str, Any]:
    """Make the next `count` calls to `path` fail (or be slow); -1 = until clear_faults."""
    spec: dict[str, Any] = {"path": path, "count": count, "delay_s": delay_s}
    if errcode is not None:
        spec["errcode"] = errcode
    if http_status is not None:
        spec["http_status"] = http_status
    data = await _send(session, "POST", _url(base_url, "/_mock/faults"), spec)
    fault: dict[str, Any] = data["fault"]
    return fault


async def clear_faults(session: aiohttp.ClientSession, base_url: str) -> None:
    await _send(session, "DELETE", _url(base_url, "/_mock/faults"))


async def confirm_tasks(
    session: aiohttp.ClientSession,
    base_url: str,
    *,
    msgid: str | None = None,
    userid: str | None = None,
) -> list[dict[str, Any]]:
    """Confirm pending group-message tasks, as the staff member would in the WeCom client."""
    body = {k: v for k, v in (("msgid", msgid), ("userid", userid)) if v is not None}
    data = await _send(session, "POST", _url(base_url, "/_mock/confirm_tasks"), body)
    confirmed: list[dict[str, Any]] = data["confirmed"]
    return confirmed


async def issue_welcome_code(
    session: aiohttp.ClientSession,
    base_url: str,
    *,
    userid: str | None = None,
    external_userid: str | None = None,
) -> str:
    """A fresh WelcomeCode, as an add_external_contact event would carry it."""
    body = {
        k: v for k, v in (("userid", userid), ("external_userid", external_userid)) if v is not None
    }
    data = await _send(session, "POST", _url(base_url, "/_mock/welcome_codes"), body)
    code: str = data["welcome_code"]
    return code


async def kf_enqueue(session: aiohttp.ClientSession, base_url: str, **body: Any) -> dict[str, Any]:
    """Play a 微信客服 customer (or servicer, or the platform): see kf_control.py for `kind`s.
    Answers the `token` the kf_msg_or_event callback announcing it must carry."""
    return await _send(session, "POST", _url(base_url, "/_mock/kf/enqueue"), body)
