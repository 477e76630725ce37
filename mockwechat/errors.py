"""Tencent error codes and answer bodies, shared by the OA and WeCom halves of the mock.

Codes follow the global error-code pages of both platforms (OA 全局返回码, WeCom 全局错误码).
Where the two disagree on a meaning (e.g. 40013: invalid appid / invalid corpid), the message
says which side it is. Errors travel as `ApiError` so handlers stay straight-line code.
"""

from __future__ import annotations

from typing import Any

SYSTEM_ERROR = -1
INVALID_CREDENTIAL = 40001  # bad secret, or an OA token that is no longer the latest
INVALID_GRANT_TYPE = 40002
INVALID_OPENID = 40003
INVALID_MSGTYPE = 40008
INVALID_APPID = 40013  # OA: invalid appid; WeCom: invalid corpid
INVALID_TOKEN = 40014
INVALID_OPENID_LIST_SIZE = 40032
OA_INVALID_PARAMETER = 40035
CHAT_NOT_FOUND = 40050
INVALID_AGENTID = 40056
INVALID_PARAMETER = 40058  # WeCom: 不合法的参数
INVALID_EXTERNAL_USERID = 40096
INVALID_APPSECRET = 40125
MISSING_TOKEN = 41001
MISSING_APPID = 41002
MISSING_SECRET = 41004
MISSING_AGENTID = 41011
WELCOME_ALREADY_SENT = 41051
WELCOME_CODE_INVALID = 41096
TOKEN_EXPIRED = 42001
REQUIRE_GET = 43001
REQUIRE_POST = 43002
EMPTY_POST_DATA = 44002
EMPTY_CONTENT = 44004
ARTICLE_SIZE_LIMIT = 45008
FREQ_LIMIT = 45009
OUT_OF_WINDOW = 45015
MASS_QUOTA = 45028
CS_QUOTA = 45047
CLIENTMSGID_EXISTS = 45065
CLIENTMSGID_TOO_LONG = 45067
INVALID_TAG = 45159
DATA_FORMAT = 47001
API_UNAUTHORIZED = 48001  # OA: the account has no right to this API (e.g. not verified)
API_FORBIDDEN = 48002  # WeCom: this app may not call this API
INVALID_AGENT_ACCESS = 60011  # WeCom: outside the app's visibility range (可见范围)
USER_NOT_FOUND = 60111
ALL_RECEIVERS_INVALID = 81013
INVALID_WEBHOOK_KEY = 93000
# 微信客服 (WeCom 全局错误码, 95xxx). 95018 is in PLATFORM.md; 95001 (more than 5 messages)
# and 95002 (past 48 h) are as other SDKs report them (secondary).
KF_INVALID_OPEN_KFID = 95000
KF_SEND_COUNT_LIMIT = 95001
KF_SEND_TIME_LIMIT = 95002
KF_OPEN_KFID_NOT_EXIST = 95004
KF_INVALID_MSG_TOKEN = 95007
KF_NOT_SERVICER = 95014
KF_INVALID_TRANSITION = 95016
KF_SESSION_STATE = 95018
NO_PERMISSION = 301002
NOT_IMPLEMENTED = 404  # mock only: the mock does not emulate this endpoint

ERRMSG: dict[int, str] = {
    SYSTEM_ERROR: "system error",
    INVALID_CREDENTIAL: "invalid credential, access_token is invalid or not latest",
    INVALID_GRANT_TYPE: "invalid grant_type",
    INVALID_OPENID: "invalid openid",
    INVALID_MSGTYPE: "invalid message type",
    INVALID_APPID: "invalid appid",
    INVALID_TOKEN: "invalid access_token",
    INVALID_OPENID_LIST_SIZE: "invalid openid list size",
    OA_INVALID_PARAMETER: "invalid param",
    CHAT_NOT_FOUND: "chatid not found",
    INVALID_AGENTID: "invalid agentid",
    INVALID_PARAMETER: "invalid Request Parameter",
    INVALID_EXTERNAL_USERID: "invalid external userid",
    INVALID_APPSECRET: "invalid appsecret",
    MISSING_TOKEN: "access_token missing",
    MISSING_APPID: "appid missing",
    MISSING_SECRET: "appsecret missing",
    MISSING_AGENTID: "missing agentid",
    WELCOME_ALREADY_SENT: "externaluser has started chatting",
    WELCOME_CODE_INVALID: "invalid welcome_code",
    TOKEN_EXPIRED: "access_token expired",
    REQUIRE_GET: "require GET method",
    REQUIRE_POST: "require POST method",
    EMPTY_POST_DATA: "empty post data",
    EMPTY_CONTENT: "empty content",
    ARTICLE_SIZE_LIMIT: "article size out of limit",
    FREQ_LIMIT: "api freq out of limit",
    OUT_OF_WINDOW: "response out of time limit or subscription is canceled",
    MASS_QUOTA: "has no masssend quota",
    CS_QUOTA: "response count limit",
    CLIENTMSGID_EXISTS: "clientmsgid exist",
    CLIENTMSGID_TOO_LONG: "clientmsgid size out of limit",
    INVALID_TAG: "invalid tag id",
    DATA_FORMAT: "data format error",
    API_UNAUTHORIZED: "api unauthorized",
    API_FORBIDDEN: "api forbidden",
    INVALID_AGENT_ACCESS: "no privilege to access/modify contact/party/agent",
    USER_NOT_FOUND: "invalid userid",
    ALL_RECEIVERS_INVALID: "user & party & tag all invalid",
    INVALID_WEBHOOK_KEY: "invalid webhook url",
    KF_INVALID_OPEN_KFID: "invalid open_kfid",
    KF_SEND_COUNT_LIMIT: "send msg count limit exceeded",
    KF_SEND_TIME_LIMIT: "send msg time limit exceeded",
    KF_OPEN_KFID_NOT_EXIST: "open_kfid not exist",
    KF_INVALID_MSG_TOKEN: "invalid msg token",
    KF_NOT_SERVICER: "user is not servicer",
    KF_INVALID_TRANSITION: "invalid service state transition",
    KF_SESSION_STATE: "send msg session status invalid",
    NO_PERMISSION: "api forbidden",
}


def error_body(errcode: int, errmsg: str | None = None) -> dict[str, Any]:
    """The JSON Tencent answers for an error: HTTP 200 with a non-zero errcode."""
    return {"errcode": errcode, "errmsg": errmsg or ERRMSG.get(errcode, "mock error")}


def ok(**fields: Any) -> dict[str, Any]:
    """A success answer: errcode 0 first, as Tencent orders it, then the endpoint's fields."""
    return {"errcode": 0, "errmsg": "ok", **fields}


class ApiError(Exception):
    """Raised by a handler to answer with a Tencent error instead of a result.

    `extra` carries fields some errors return alongside the code (45065 returns the msg_id
    of the earlier mass send).
    """

    def __init__(self, errcode: int, hint: str = "", **extra: Any) -> None:
        self.errcode = errcode
        base = ERRMSG.get(errcode, "mock error")
        self.errmsg = f"{base}, hint: [{hint}]" if hint else base
        self.extra = extra
        super().__init__(f"{errcode} {self.errmsg}")

    def body(self) -> dict[str, Any]:
        return {**error_body(self.errcode, self.errmsg), **self.extra}
