"""The bottom layer of outbound calls: JSON over HTTP to the platforms, nothing else.

`Transport` posts or gets, and turns an answer with a non-zero errcode into `ApiError`. It knows
no tokens, retries, quotas or limits: the caller above it (bot/outbound/caller.py) adds tokens and
retries, and `Outbound` above that adds quotas and rate limits. Calls go one way, down.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.outbound.errors import ApiError


class Transport:
    def __init__(self, http: aiohttp.ClientSession) -> None:
        self.http = http

    async def post_json(
        self, url: str, payload: dict[str, Any], params: dict[str, str] | None = None
    ) -> dict[str, Any]:
        async with self.http.post(url, json=payload, params=params) as response:
            return checked(await response.json(content_type=None))

    async def get_json(self, url: str, params: dict[str, str]) -> dict[str, Any]:
        async with self.http.get(url, params=params) as response:
            return checked(await response.json(content_type=None))


def checked(data: Any) -> dict[str, Any]:
    """The answer as a dict; ApiError for a refusal (errcode ≠ 0) or an answer that is no object."""
    if not isinstance(data, dict):
        raise ApiError(-2, "answer is not a JSON object")
    errcode = int(data.get("errcode", 0) or 0)
    if errcode:
        raise ApiError(errcode, str(data.get("errmsg", "")))
    return data
