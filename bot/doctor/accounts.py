"""The accounts behind the channels: credentials, and what the APIs say the account may do.

Each check makes one harmless read; nothing is sent to anyone. The token is fetched into a
throwaway store, so the tokens the running workers share are left alone (OA `stable_token` and
WeCom `gettoken` hand out the same token anyway, without invalidating it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.config import Config
from bot.doctor.report import Check, failed, ok, skipped, warned
from bot.outbound import Outbound
from bot.outbound.caller import ApiCaller, ApiResult
from bot.outbound.errcodes import explain
from bot.outbound.errors import ApiError
from bot.outbound.tokens import TokenCache
from bot.state.memory import MemoryStore

CS_SEND = "/cgi-bin/message/custom/send"
MASS_SEND = "/cgi-bin/message/mass/sendall"


@dataclass
class Probe:
    """One channel's API access for the checks: an Outbound that never retries."""

    platform: str
    outbound: Outbound
    caller: ApiCaller

    @classmethod
    def open(cls, platform: str, config: Config, http: aiohttp.ClientSession) -> Probe:
        outbound = Outbound(config, MemoryStore(), http)
        return cls(platform, outbound, outbound.caller.without_retries())

    async def token(self, tokens: TokenCache, name: str) -> Check:
        try:
            await tokens.get()
        except ApiError as exc:
            return self.refusal(name, exc.errcode, exc.errmsg)
        except (aiohttp.ClientError, TimeoutError) as exc:
            return failed(
                self.platform,
                name,
                f"the API could not be reached ({type(exc).__name__})",
                "check api.oa_base_url / api.wecom_base_url and this server's network",
            )
        return ok(self.platform, name, "a token was issued")

    def refusal(self, name: str, errcode: int, errmsg: str, *, warn_only: bool = False) -> Check:
        why = explain(self.platform, errcode, errmsg)
        make = warned if warn_only else failed
        return make(self.platform, name, f"{errcode}: {why.meaning}", why.fix)

    def answer_problem(self, name: str, result: ApiResult, *, warn_only: bool = False) -> Check:
        if result.errcode:
            return self.refusal(name, result.errcode, result.reason, warn_only=warn_only)
        return failed(self.platform, name, f"no answer from the API ({result.reason})")


async def oa_checks(config: Config, http: aiohttp.ClientSession) -> list[Check]:
    if not config.oa.token:
        return [skipped("oa", "channel", "not configured (oa.token is empty)")]
    probe = Probe.open("oa", config, http)
    token = await probe.token(probe.outbound.tokens.oa, "credentials (app_id, app_secret)")
    if token.status != "ok":
        return [token]
    checks = [token, await _oa_read(probe)]
    checks.append(await _oa_capability(probe, CS_SEND, "customer-service messages", required=True))
    to_followers = any(c.target.startswith("followers") for c in config.campaigns)
    checks.append(
        await _oa_capability(probe, MASS_SEND, "mass send to followers", required=to_followers)
    )
    return checks


async def _oa_read(probe: Probe) -> Check:
    result = await probe.caller.oa_get("/cgi-bin/get_api_domain_ip", {})
    if not result.ok:
        return probe.answer_problem("API access", result)
    return ok("oa", "API access", "a read call answered")


async def _oa_capability(probe: Probe, path: str, name: str, *, required: bool) -> Check:
    result = await probe.caller.oa(
        "/cgi-bin/openapi/quota/get", {"cgi_path": path}, idempotent=True
    )
    if not result.ok:
        return probe.answer_problem(name, result, warn_only=not required)
    quota: dict[str, Any] = result.data.get("quota") or {}
    return ok("oa", name, f"allowed, {quota.get('remain', '?')} calls left today")


async def wecom_checks(config: Config, http: aiohttp.ClientSession) -> list[Check]:
    if not config.wecom.token:
        return [skipped("wecom", "channel", "not configured (wecom.token is empty)")]
    probe = Probe.open("wecom", config, http)
    token = await probe.token(probe.outbound.tokens.wecom, "credentials (corp_id, secret)")
    if token.status != "ok":
        return [token]
    return [token, *await _app(probe, config), *await _customer_contact(probe, config)]


async def _app(probe: Probe, config: Config) -> list[Check]:
    agent_id = str(config.wecom.agent_id)
    result = await probe.caller.wecom_get("/cgi-bin/agent/get", {"agentid": agent_id})
    if not result.ok:
        return [probe.answer_problem("app (agent_id)", result)]
    visible = {u.get("userid") for u in (result.data.get("allow_userinfos") or {}).get("user", [])}
    parties = (result.data.get("allow_partys") or {}).get("partyid") or []
    app = ok("wecom", "app (agent_id)", f"visible to {len(visible)} members directly")
    missing = [s for s in config.wecom.staff if s not in visible]
    if not config.wecom.staff:
        staff = warned(
            "wecom",
            "staff",
            "wecom.staff is empty: nobody can give staff commands",
            "list the staff's WeCom user ids in wecom.staff",
        )
    elif not missing:
        staff = ok("wecom", "staff", "every staff member can receive the app's messages")
    elif parties:
        staff = warned(
            "wecom",
            "staff",
            f"not listed by name in the app's 可见范围: {', '.join(missing)} "
            "(departments are visible too; membership not checked)",
        )
    else:
        why = explain("wecom", 60011)
        staff = failed(
            "wecom", "staff", f"outside the app's visibility range: {', '.join(missing)}", why.fix
        )
    return [app, staff]


async def _customer_contact(probe: Probe, config: Config) -> list[Check]:
    name = "customer contact (welcomes, customer-group messages)"
    tokens = probe.outbound.tokens.contact
    if config.wecom.contact_secret:
        token = await probe.token(tokens, "customer-contact secret")
        if token.status != "ok":
            return [token]
    result = await probe.caller.wecom_get("/cgi-bin/externalcontact/get_follow_user_list", {})
    if not result.ok:
        return [probe.answer_problem(name, result, warn_only=not config.wecom.contact_secret)]
    members = result.data.get("follow_user") or []
    if not members:
        return [
            warned(
                "wecom",
                name,
                "allowed, but no member uses 客户联系 yet",
                "enable 客户联系 for the staff who add customers (客户联系 → 权限配置 → 使用范围)",
            )
        ]
    return [ok("wecom", name, f"allowed; {len(members)} members use 客户联系")]
