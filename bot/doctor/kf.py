"""微信客服: the secret's token, and whether the configured accounts are this app's to serve.

One harmless read, kf/account/list (Tencent 获取客服账号列表, path 94661): it lists only the
accounts the app may manage (微信客服 → 通过API管理微信客服账号), so an open_kfid missing from it
is either mistyped or managed by someone else, and the bot would never see its messages.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.config import Config
from bot.doctor.accounts import Probe
from bot.doctor.report import Check, failed, ok, skipped, warned


async def kf_checks(config: Config, http: aiohttp.ClientSession) -> list[Check]:
    kf = config.kf
    if not kf.token:
        return [skipped("kf", "channel", "not configured (kf.token is empty)")]
    probe = Probe.open("kf", config, http)
    secret = "kf.secret" if kf.secret else "wecom.secret, as kf.secret is empty"
    token = await probe.token(probe.outbound.tokens.kf, f"credentials ({secret})")
    if token.status != "ok":
        return [token]
    page = {"offset": 0, "limit": 100}
    result = await probe.caller.wecom("/cgi-bin/kf/account/list", page, idempotent=True)
    if not result.ok:
        return [token, probe.answer_problem("客服账号 (kf/account/list)", result)]
    listed: dict[str, Any] = {
        str(a.get("open_kfid")): a for a in result.data.get("account_list") or []
    }
    return [token, *(_account(listed, k) for k in kf.open_kfids), _servicers(config)]


def _account(listed: dict[str, Any], open_kfid: str) -> Check:
    name = f"客服账号 {open_kfid}"
    account = listed.get(open_kfid)
    if account is None:
        return failed(
            "kf",
            name,
            "not among the accounts this app may manage",
            "copy the open_kfid from kf/account/list, and in 微信客服 → 通过API管理微信客服账号 "
            "give this app the account (kf.open_kfids)",
        )
    if account.get("manage_privilege") is False:
        return failed(
            "kf",
            name,
            "listed, but this app has no right to manage it",
            "in 微信客服 → 通过API管理微信客服账号, hand the account to this app",
        )
    return ok("kf", name, f"{account.get('name', '')} is this app's to serve")


def _servicers(config: Config) -> Check:
    if config.kf.servicers:
        return ok("kf", "servicers", f"人工 goes to {', '.join(config.kf.servicers)}")
    return warned(
        "kf",
        "servicers",
        "kf.servicers is empty: 人工 puts the shopper in WeCom's queue",
        "list the 接待人员 (WeCom user ids) who take over in kf.servicers",
    )
