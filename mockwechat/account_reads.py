"""Harmless reads that tell what an account may do, for `shopbot doctor`.

- OA 获取微信API接口 IP地址 (`GET /cgi-bin/get_api_domain_ip`): the API's egress IPs; any
  valid token may call it, so it proves the token works without changing anything.
- OA 查询API调用额度 (`POST /cgi-bin/openapi/quota/get {cgi_path}`): the daily quota of one API;
  48001 for an API the account has no right to (an unverified account and customer-service or
  mass-send messages), 76021 for a path that does not exist.
- WeCom 获取指定的应用详情 (`GET /cgi-bin/agent/get?agentid=`): the app and its visibility range
  (`allow_userinfos`); only members in that range can receive its messages.
- WeCom 获取配置了客户联系功能的成员列表 (`GET /cgi-bin/externalcontact/get_follow_user_list`):
  48002 when the calling app is not among 客户联系's "可调用应用" (the 客户联系 secret always may).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockwechat import errors
from mockwechat.endpoints import Answer, ApiRequest, Endpoint, need_str, opt_int
from mockwechat.errors import ApiError

if TYPE_CHECKING:
    from mockwechat.state import MockState

CGI_PATH_NOT_FOUND = 76021
_KNOWN_OA_APIS = frozenset(
    {
        "/cgi-bin/message/custom/send",
        "/cgi-bin/message/mass/sendall",
        "/cgi-bin/message/mass/send",
        "/cgi-bin/user/get",
        "/cgi-bin/get_api_domain_ip",
    }
)
_API_IPS = ["101.89.47.18", "101.91.34.103", "180.101.49.44"]  # documentation-style addresses


def api_domain_ip(req: ApiRequest, state: MockState) -> Answer:
    return Answer({"ip_list": list(_API_IPS)})


def quota_get(req: ApiRequest, state: MockState) -> Answer:
    path = need_str(req.body, "cgi_path", errors.OA_INVALID_PARAMETER)
    if path not in _KNOWN_OA_APIS:
        raise ApiError(CGI_PATH_NOT_FOUND, "cgi_path not found, please check")
    if path in state.settings.oa_unauthorized_apis:
        raise ApiError(errors.API_UNAUTHORIZED, path)
    return Answer(errors.ok(quota={"daily_limit": 100_000, "used": 0, "remain": 100_000}))


def agent_get(req: ApiRequest, state: MockState) -> Answer:
    agent_id = opt_int(req.query, "agentid", errors.INVALID_AGENTID, 0)
    if req.token is None or agent_id != req.token.agent_id:
        raise ApiError(errors.INVALID_AGENTID, "agentid is not the app of this token")
    hidden = state.settings.wecom_invisible_users
    visible = [{"userid": u} for u in state.directory.staff if u not in hidden]
    return Answer(
        errors.ok(
            agentid=agent_id,
            name="小禾良品助手",
            allow_userinfos={"user": visible},
            allow_partys={"partyid": []},
            allow_tags={"tagid": []},
            close=0,
        )
    )


def follow_user_list(req: ApiRequest, state: MockState) -> Answer:
    app_token = req.token is not None and req.token.agent_id is not None
    if app_token and not state.settings.app_may_call_contact_apis:
        raise ApiError(errors.API_FORBIDDEN, "the app is not among 客户联系 可调用应用")
    followed = {u for c in state.directory.contacts.values() for u in c.follow_users}
    return Answer(errors.ok(follow_user=sorted(followed)))


ENDPOINTS = (
    Endpoint("GET", "/cgi-bin/get_api_domain_ip", "oa", api_domain_ip),
    Endpoint("POST", "/cgi-bin/openapi/quota/get", "oa", quota_get),
    Endpoint("GET", "/cgi-bin/agent/get", "wecom", agent_get),
    Endpoint("GET", "/cgi-bin/externalcontact/get_follow_user_list", "wecom", follow_user_list),
)
