"""Every call to the WeChat and WeCom APIs, where a retry can mean a second message.

A lookup may be retried after any transport error; a call that creates something (a customer-
service message, an `add_msg_template` task: neither has an idempotency key) may not, since a
request that timed out may still have been carried out. `ApiCaller` returns the answer's data and
tells three outcomes apart — sent, refused (Tencent said no, or we never connected: nothing
happened, safe to retry or report), and unknown (no answer: reported, never retried). Token
errors refresh the token once; 45009 and friends back off and retry, since Tencent refused.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import aiohttp

from bot.config import ApiConfig
from bot.metrics import Metrics
from bot.outbound.errcodes import explain
from bot.outbound.errors import ApiError
from bot.outbound.tokens import TOKEN_ERRORS, AccountTokens, TokenCache
from bot.outbound.transport import Transport
from bot.state import LockTimeout

log = logging.getLogger(__name__)

RETRY_ERRCODES = frozenset({-1, 45009, 45033})  # system busy, frequency limit, concurrency limit
BACKOFF_S = (1.0, 4.0, 15.0)


class Outcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ApiResult:
    outcome: Outcome
    data: dict[str, Any] = field(default_factory=dict)
    errcode: int = 0
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @classmethod
    def refused(cls, errcode: int, reason: str) -> ApiResult:
        """Not sent, and certainly not: we did not call, or Tencent said no."""
        return cls(Outcome.REFUSED, errcode=errcode, reason=reason)


@dataclass
class ApiCaller:
    """Tokens and retries over the transport; one per app (`Outbound.caller`)."""

    api: ApiConfig
    transport: Transport
    tokens: AccountTokens
    metrics: Metrics | None = None
    backoff_s: tuple[float, ...] = BACKOFF_S

    def without_retries(self) -> ApiCaller:
        """The same caller, answering at once (doctor's probes, 微信客服's pull and send)."""
        return replace(self, backoff_s=())

    async def wecom(
        self, path: str, payload: dict[str, Any], *, idempotent: bool = False
    ) -> ApiResult:
        base = self.api.wecom_base_url
        return await self._call(base + path, payload, self._wecom_tokens(path), idempotent)

    async def wecom_get(self, path: str, params: dict[str, str]) -> ApiResult:
        base = self.api.wecom_base_url
        return await self._call(base + path, None, self._wecom_tokens(path), True, params)

    def _wecom_tokens(self, path: str) -> TokenCache:
        if path.startswith("/cgi-bin/externalcontact/"):
            return self.tokens.contact
        if path.startswith("/cgi-bin/kf/"):
            return self.tokens.kf
        return self.tokens.wecom

    async def oa(
        self, path: str, payload: dict[str, Any], *, idempotent: bool = False
    ) -> ApiResult:
        base = self.api.oa_base_url
        return await self._call(base + path, payload, self.tokens.oa, idempotent)

    async def oa_get(self, path: str, params: dict[str, str]) -> ApiResult:
        base = self.api.oa_base_url
        return await self._call(base + path, None, self.tokens.oa, True, params)

    async def _call(
        self,
        url: str,
        payload: dict[str, Any] | None,
        tokens: TokenCache,
        idempotent: bool,
        params: dict[str, str] | None = None,
    ) -> ApiResult:
        result = await self._attempts(url, payload, tokens, idempotent, params)
        self._report(url, result)
        return result

    def _report(self, url: str, result: ApiResult) -> None:
        """Count every call; log each failure once, with what its errcode means."""
        api = _path(url)
        code = "0" if result.ok else str(result.errcode) if result.errcode else "none"
        if self.metrics is not None:
            self.metrics.api_calls.labels(api, code).inc()
        if result.ok:
            return
        if not result.errcode:
            log.warning("%s call failed without an answer (%s)", api, result.reason)
            return
        platform = "oa" if url.startswith(self.api.oa_base_url) else "wecom"
        why = explain(platform, result.errcode, result.reason)
        log.warning("%s answered %d: %s; fix: %s", api, result.errcode, why.meaning, why.fix)

    async def _attempts(
        self,
        url: str,
        payload: dict[str, Any] | None,
        tokens: TokenCache,
        idempotent: bool,
        params: dict[str, str] | None,
    ) -> ApiResult:
        refreshed = False
        attempt = 0
        while True:
            token = ""
            try:
                token = await tokens.get()
                query = {**(params or {}), "access_token": token}
                if payload is None:
                    data = await self.transport.get_json(url, query)
                else:
                    data = await self.transport.post_json(url, payload, query)
                return ApiResult(Outcome.OK, data)
            except ApiError as exc:
                if exc.errcode in TOKEN_ERRORS and token and not refreshed:
                    await tokens.invalidate(token)
                    refreshed = True
                    continue
                if exc.errcode not in RETRY_ERRCODES or attempt >= len(self.backoff_s):
                    return ApiResult(Outcome.REFUSED, errcode=exc.errcode, reason=exc.errmsg)
                log.info(
                    "%s answered %d; retrying in %.0f s",
                    _path(url),
                    exc.errcode,
                    self.backoff_s[attempt],
                )
            except (aiohttp.ClientError, TimeoutError, ValueError, LockTimeout) as exc:
                # ValueError: an answer that is not JSON (an HTTP error page).
                if not idempotent or attempt >= len(self.backoff_s):
                    return ApiResult(_transport_outcome(exc), reason=type(exc).__name__)
            await asyncio.sleep(self.backoff_s[attempt])
            attempt += 1


def _transport_outcome(exc: Exception) -> Outcome:
    """A connection never made cannot have created anything; any other failure might have."""
    never_sent = (aiohttp.ClientConnectorError, LockTimeout)  # LockTimeout: no token to send with
    return Outcome.REFUSED if isinstance(exc, never_sent) else Outcome.UNKNOWN


def _path(url: str) -> str:
    return url.split("?", 1)[0].split("/cgi-bin/", 1)[-1]
