"""access_token issue and check, with the three behaviours the bot must cope with.

- OA 获取Access token (`GET /cgi-bin/token`, getAccessToken): every call issues a new token;
  the previous one keeps working for 5 minutes, then answers 40001 ("not latest"). Workers
  that each fetch their own token knock each other out (wechatpy #684); tests use a manual
  clock to show it.
- OA 获取稳定版接口调用凭据 (`POST /cgi-bin/stable_token`, getStableAccessToken): every caller
  gets the same token while it is valid; in its last 5 minutes a call gets a new one (the old
  one still runs out its time); `force_refresh` issues a new token at once, ends the old one,
  and is allowed 20 times a day (45009 beyond). Isolated from getAccessToken's tokens.
- WeCom 获取access_token (`GET /cgi-bin/gettoken`, developer.work.weixin.qq.com path 91039):
  the same token per secret while valid, a new one after it expires.

`expires_in` is the token's remaining lifetime: a repeat caller of stable_token or gettoken
gets the same token with less time left, as Tencent does.
An unknown token answers 40014, an expired one 42001, a missing one 41001, and an OA
getAccessToken token past its overlap 40001. OA tokens are unknown on WeCom paths and the
reverse, as they would be on the other host.
"""

from __future__ import annotations

import secrets
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockwechat import errors
from mockwechat.data import MockData
from mockwechat.endpoints import Answer, Api, ApiRequest, Endpoint
from mockwechat.errors import ApiError
from mockwechat.settings import MockSettings

if TYPE_CHECKING:
    from mockwechat.state import MockState

DAY_S = 86_400.0


@dataclass(slots=True)
class AccessToken:
    value: str
    api: Api
    owner: str  # appid or corpid
    agent_id: int | None  # the WeCom app whose secret fetched it; None for OA and contact secret
    issued_at: float
    expires_at: float
    revoked_at: float | None = None
    kf: bool = False  # fetched with the 微信客服 secret (kf/* accepts it; see mockwechat/kf.py)

    def expires_in(self, now: float) -> int:
        return max(0, int(self.expires_at - now))

    def problem(self, now: float) -> int | None:
        """The errcode a call with this token gets now, or None if the token is good."""
        if self.revoked_at is not None and now >= self.revoked_at:
            return errors.INVALID_CREDENTIAL
        if now >= self.expires_at:
            return errors.TOKEN_EXPIRED
        return None


class TokenStore:
    def __init__(self, data: MockData, settings: MockSettings) -> None:
        self._data = data
        self._settings = settings
        self._tokens: dict[str, AccessToken] = {}
        self._stable: dict[str, AccessToken] = {}
        self._classic: dict[str, AccessToken] = {}
        self._wecom: dict[str, AccessToken] = {}
        self._forced: deque[float] = deque()

    def _issue(self, api: Api, owner: str, agent_id: int | None, now: float) -> AccessToken:
        value = secrets.token_urlsafe(96)
        token = AccessToken(value, api, owner, agent_id, now, now + self._settings.token_ttl_s)
        self._tokens[value] = token
        return token

    def _check_oa_secret(self, appid: str, secret: str) -> None:
        if not appid:
            raise ApiError(errors.MISSING_APPID)
        if not secret:
            raise ApiError(errors.MISSING_SECRET)
        if appid != self._data.oa_app_id:
            raise ApiError(errors.INVALID_APPID)
        if secret != self._data.oa_app_secret:
            raise ApiError(errors.INVALID_APPSECRET)

    def stable(self, appid: str, secret: str, force_refresh: bool, now: float) -> AccessToken:
        self._check_oa_secret(appid, secret)
        current = self._stable.get(appid)
        if force_refresh:
            self._spend_force_refresh(now)
            if current is not None:
                current.revoked_at = now
        elif current is not None and self._fresh(current, now):
            return current
        token = self._issue("oa", appid, None, now)
        self._stable[appid] = token
        return token

    def _fresh(self, token: AccessToken, now: float) -> bool:
        """Valid and not yet in the last minutes in which stable_token hands out a new one."""
        early = self._settings.stable_refresh_early_s
        return token.problem(now) is None and token.expires_at - now > early

    def _spend_force_refresh(self, now: float) -> None:
        while self._forced and self._forced[0] <= now - DAY_S:
            self._forced.popleft()
        if len(self._forced) >= self._settings.stable_force_refresh_per_day:
            raise ApiError(errors.FREQ_LIMIT, "force_refresh is limited to 20 times a day")
        self._forced.append(now)

    def classic(self, appid: str, secret: str, now: float) -> AccessToken:
        self._check_oa_secret(appid, secret)
        previous = self._classic.get(appid)
        if previous is not None and previous.revoked_at is None:
            previous.revoked_at = now + self._settings.classic_overlap_s
        token = self._issue("oa", appid, None, now)
        self._classic[appid] = token
        return token

    def wecom(self, corpid: str, secret: str, now: float) -> AccessToken:
        if not corpid:
            raise ApiError(errors.MISSING_APPID, "corpid missing")
        if not secret:
            raise ApiError(errors.MISSING_SECRET, "corpsecret missing")
        if corpid != self._data.wecom_corp_id:
            raise ApiError(errors.INVALID_APPID, "invalid corpid")
        agents = {s: a for a, s in self._data.wecom_agents.items()}
        kf = secret == self._data.wecom_kf_secret
        if secret not in agents and secret != self._data.wecom_contact_secret and not kf:
            raise ApiError(errors.INVALID_CREDENTIAL, "invalid corpsecret")
        current = self._wecom.get(secret)
        if current is not None and current.problem(now) is None:
            return current
        token = self._issue("wecom", corpid, agents.get(secret), now)
        token.kf = kf
        self._wecom[secret] = token
        return token

    def check(self, value: str | None, now: float) -> AccessToken:
        """The token a call presents, or the ApiError Tencent would answer instead."""
        if not value:
            raise ApiError(errors.MISSING_TOKEN)
        token = self._tokens.get(value)
        if token is None:
            raise ApiError(errors.INVALID_TOKEN)
        problem = token.problem(now)
        if problem is not None:
            raise ApiError(problem)
        return token

    def expire_all(self, now: float, api: Api | None = None) -> int:
        """End every live token (of one API, or both) now: for tests of the 42001 path."""
        live = [t for t in self._tokens.values() if t.problem(now) is None]
        ended = [t for t in live if api is None or t.api == api]
        for token in ended:
            token.expires_at = now
        return len(ended)


def _grant_type(value: object) -> None:
    if value != "client_credential":
        raise ApiError(errors.INVALID_GRANT_TYPE)


def stable_token(req: ApiRequest, state: MockState) -> Answer:
    """OA 获取稳定版接口调用凭据: POST {grant_type, appid, secret, force_refresh}."""
    _grant_type(req.body.get("grant_type"))
    appid, secret = req.body.get("appid"), req.body.get("secret")
    force = req.body.get("force_refresh", False) in (True, "true", 1)
    token = state.tokens.stable(
        appid if isinstance(appid, str) else "",
        secret if isinstance(secret, str) else "",
        force,
        req.now,
    )
    return Answer({"access_token": token.value, "expires_in": token.expires_in(req.now)})


def classic_token(req: ApiRequest, state: MockState) -> Answer:
    """OA 获取Access token: GET ?grant_type=client_credential&appid=…&secret=…"""
    _grant_type(req.query.get("grant_type"))
    token = state.tokens.classic(req.query.get("appid", ""), req.query.get("secret", ""), req.now)
    return Answer({"access_token": token.value, "expires_in": token.expires_in(req.now)})


def wecom_gettoken(req: ApiRequest, state: MockState) -> Answer:
    """WeCom 获取access_token (path 91039): GET ?corpid=…&corpsecret=…"""
    token = state.tokens.wecom(
        req.query.get("corpid", ""), req.query.get("corpsecret", ""), req.now
    )
    return Answer(errors.ok(access_token=token.value, expires_in=token.expires_in(req.now)))


ENDPOINTS = (
    Endpoint("POST", "/cgi-bin/stable_token", "oa", stable_token, needs_token=False),
    Endpoint("GET", "/cgi-bin/token", "oa", classic_token, needs_token=False),
    Endpoint("GET", "/cgi-bin/gettoken", "wecom", wecom_gettoken, needs_token=False),
)
