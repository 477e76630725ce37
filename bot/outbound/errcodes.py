"""What a WeChat / WeCom error code means for the person running the shop, and how to fix it.

Used wherever a failed call is reported: the log line of a failed outbound call and every check
of `shopbot doctor`. Codes and their causes follow Tencent's global error-code pages (OA 全局返回码,
WeCom 全局错误码) and what the consoles call each setting; where the two platforms give one code
different meanings (40013), the channel decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Platform = Literal["oa", "wecom", "kf"]

_IP = re.compile(r"(?:invalid ip|from ip:?)\s*([0-9a-fA-F.:]+)")


@dataclass(frozen=True)
class Explanation:
    meaning: str
    fix: str


_COMMON: dict[int, Explanation] = {
    -1: Explanation("Tencent's system was busy", "usually passes; shopbot retries lookups"),
    40014: Explanation(
        "the access token is not valid",
        "shopbot refreshes it by itself; if this repeats, another program may be using the "
        "same secret with a different token API",
    ),
    41001: Explanation("the call carried no access token", "a bug: please report it"),
    42001: Explanation("the access token expired", "shopbot refreshes it by itself"),
    45009: Explanation(
        "an API call limit was reached (per minute or per day)",
        "wait; shopbot backs off, and the OA console (接口权限) shows the daily quotas",
    ),
    45015: Explanation(
        "the shopper last wrote more than 48 hours ago, so no customer-service message may go out",
        "nothing to fix: the message waits for the shopper's next one",
    ),
    45047: Explanation(
        "the customer-service quota for this shopper is used up (5 messages per message they send)",
        "nothing to fix: the next shopper message opens a new quota",
    ),
    95018: Explanation(
        "the 微信客服 session state does not allow this send (a human is serving, or it ended)",
        "nothing to fix: shopbot stays silent until the bot may talk again",
    ),
}

_OA: dict[int, Explanation] = {
    40001: Explanation(
        "the AppSecret is wrong, or the token was replaced by another program's",
        "copy the AppSecret again from 公众号后台 → 设置与开发 → 基本配置 into oa.app_secret",
    ),
    40013: Explanation(
        "the AppID is not valid",
        "copy the AppID (wx…) from 公众号后台 → 设置与开发 → 基本配置 into oa.app_id",
    ),
    40125: Explanation(
        "the AppSecret is not valid",
        "reset or copy the AppSecret in 公众号后台 → 设置与开发 → 基本配置 into oa.app_secret",
    ),
    41002: Explanation("the AppID is missing", "set oa.app_id"),
    41004: Explanation("the AppSecret is missing", "set oa.app_secret (or SHOPBOT_OA_APP_SECRET)"),
    40164: Explanation(
        "this server's IP address is not on the Official Account's IP whitelist",
        "add {ip} under 公众号后台 → 设置与开发 → 基本配置 → IP白名单",
    ),
    48001: Explanation(
        "the account has no right to this API: customer-service and mass-send messages need a "
        "verified (微信认证) account, mass send to followers a 服务号 or verified 订阅号",
        "verify the account in 公众号后台 → 设置 → 微信认证, or leave the feature off",
    ),
    45028: Explanation(
        "no mass-send quota left this month", "wait for next month's quota (4 per follower)"
    ),
}

_WECOM: dict[int, Explanation] = {
    40001: Explanation(
        "the app's Secret is wrong",
        "copy the Secret again from 管理后台 → 应用管理 → your app into wecom.secret "
        "(or 客户联系 → API → Secret into wecom.contact_secret)",
    ),
    40013: Explanation(
        "the CorpID is not valid",
        "copy the 企业ID (ww…) from 管理后台 → 我的企业 → 企业信息 into wecom.corp_id",
    ),
    40056: Explanation(
        "the AgentId is not this app's",
        "copy the AgentId from 管理后台 → 应用管理 → your app into wecom.agent_id",
    ),
    41004: Explanation("the Secret is missing", "set wecom.secret (or SHOPBOT_WECOM_SECRET)"),
    60020: Explanation(
        "this server's IP address is not a trusted IP of the app",
        "add {ip} under 管理后台 → 应用管理 → your app → 企业可信IP",
    ),
    60011: Explanation(
        "the member or department is outside the app's visibility range",
        "add the staff to 管理后台 → 应用管理 → your app → 可见范围",
    ),
    81013: Explanation(
        "none of the receivers can get the app's messages (not in its visibility range)",
        "add the staff to 管理后台 → 应用管理 → your app → 可见范围",
    ),
    48002: Explanation(
        "this app may not call the API: customer-contact APIs need the app listed under "
        "客户联系 → API → 可调用应用, or the 客户联系 secret",
        "add the app under 管理后台 → 客户与上下游 → 客户联系 → API → 可调用应用, or set "
        "wecom.contact_secret",
    ),
    301002: Explanation(
        "this app has no permission for the API",
        "check the app's permissions in 管理后台 → 应用管理 → your app",
    ),
    84061: Explanation("the customer is not an external contact of this member", "nothing to fix"),
}

_TABLES: dict[str, dict[int, Explanation]] = {"oa": _OA, "wecom": _WECOM, "kf": _WECOM}


def explain(platform: Platform | str, errcode: int, errmsg: str = "") -> Explanation:
    """The meaning and the fix; the IP Tencent names in 40164 / 60020 is filled into the fix."""
    found = _TABLES.get(platform, {}).get(errcode) or _COMMON.get(errcode)
    if found is None:
        return Explanation(
            f"the API answered {errcode} {errmsg}".strip(),
            "look the code up in Tencent's global error codes (全局错误码)",
        )
    ip = ip_in(errmsg)
    return Explanation(found.meaning, found.fix.replace("{ip}", ip or "this server's IP"))


def ip_in(errmsg: str) -> str | None:
    """The caller's IP as 40164 ("invalid ip 1.2.3.4 …") and 60020 ("from ip: 1.2.3.4") name it."""
    found = _IP.search(errmsg)
    return found.group(1).rstrip(".,") if found else None
