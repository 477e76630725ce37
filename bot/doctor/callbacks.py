"""The callback URLs answer Tencent's URL check with this config's token and key.

A URL check signed exactly as Tencent signs it is sent to the running server (the one this config
describes, or the public URL given), so a token or key that differs between the console, this
file and the server shows up here rather than as "Token验证失败" in the console.
"""

from __future__ import annotations

import secrets
import time

import aiohttp

from bot.config import Config
from bot.doctor.report import Check, failed, ok, skipped
from bot.protocol.signing import sha1_signature
from bot.simulator.callbacks import cipher_for


async def callback_checks(
    config: Config, http: aiohttp.ClientSession, base_url: str | None
) -> list[Check]:
    base = (base_url or f"http://{config.server.host}:{config.server.port}").rstrip("/")
    checks: list[Check] = []
    if config.oa.token:
        checks.append(await _check(http, "/wechat/oa", base, *_oa_url_check(config)))
    if config.wecom.token:
        checks.append(await _check(http, "/wechat/wecom", base, *_wecom_url_check(config)))
    if config.kf.token:
        checks.append(await _check(http, "/wechat/kf", base, *_kf_url_check(config)))
    return checks


def _oa_url_check(config: Config) -> tuple[dict[str, str], str]:
    timestamp, nonce, echo = str(int(time.time())), _nonce(), _nonce()
    signature = sha1_signature(config.oa.token, timestamp, nonce)
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": echo}, echo


def _wecom_url_check(config: Config) -> tuple[dict[str, str], str]:
    wecom = config.wecom
    timestamp, nonce, echo = str(int(time.time())), _nonce(), _nonce()
    encrypted = cipher_for(wecom.encoding_aes_key).encrypt(echo, wecom.corp_id).decode()
    signature = sha1_signature(wecom.token, timestamp, nonce, encrypted)
    query = {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}
    return query | {"echostr": encrypted}, echo


def _kf_url_check(config: Config) -> tuple[dict[str, str], str]:
    """微信客服's callback is checked like WeCom's, with its own Token and EncodingAESKey."""
    kf = config.kf
    timestamp, nonce, echo = str(int(time.time())), _nonce(), _nonce()
    encrypted = cipher_for(kf.encoding_aes_key).encrypt(echo, config.wecom.corp_id).decode()
    signature = sha1_signature(kf.token, timestamp, nonce, encrypted)
    query = {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}
    return query | {"echostr": encrypted}, echo


def _nonce() -> str:
    return str(secrets.randbelow(10**9))


async def _check(
    http: aiohttp.ClientSession, path: str, base: str, query: dict[str, str], expected: str
) -> Check:
    url = base + path
    try:
        async with http.get(url, params=query) as response:
            status, body = response.status, await response.text()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return skipped(
            "callbacks",
            path,
            f"nothing answered at {url} ({type(exc).__name__}); start "
            "`shopbot serve`, or pass --url https://your-domain to check the public address",
        )
    if status == 200 and body == expected:
        return ok("callbacks", path, f"{url} answers the URL check")
    return failed("callbacks", path, f"{url} answered HTTP {status}", _why(status))


def _why(status: int) -> str:
    if status == 403:
        return (
            "the server refused the signature: its token (or EncodingAESKey) differs from "
            "this config's; use the same values in the console, this file and the server"
        )
    if status == 404:
        return "the server has no such channel: its config leaves this channel's token empty"
    if status == 400:
        return "the EncodingAESKey or the corp id differ between the server and this config"
    return "a proxy in front of the server may be rewriting the request; check its logs"
