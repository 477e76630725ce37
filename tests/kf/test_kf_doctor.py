"""`shopbot doctor` on the 微信客服 channel: the token, the accounts, the callback URL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.doctor import run_checks
from bot.doctor.report import Status
from bot.gateway import create_app
from mockwechat import create_mock_app
from tests.factories import demo_config


def _url(server: Any) -> str:
    return str(server.make_url("")).rstrip("/")


def _kf(checks: list[Any]) -> dict[str, Any]:
    return {c.name: c for c in checks if c.area == "kf" or c.name == "/wechat/kf"}


async def test_the_demo_kf_account_passes(aiohttp_server: Any) -> None:
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    bot = await aiohttp_server(create_app(config))
    found = _kf(await run_checks(config, _url(bot)))
    assert {c.status for c in found.values()} == {Status.OK}, found
    assert "/wechat/kf" in found and any(n.startswith("客服账号 wk") for n in found)


async def test_an_account_the_app_may_not_manage_fails_naming_the_key(aiohttp_server: Any) -> None:
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    config = replace(
        config, kf=replace(config.kf, open_kfids=("wkNotOurs0000000000000000001",), servicers=())
    )
    found = _kf(await run_checks(config))
    account = found["客服账号 wkNotOurs0000000000000000001"]
    assert account.status is Status.FAIL and "kf.open_kfids" in account.fix
    assert found["servicers"].status is Status.WARN


async def test_a_wrong_kf_secret_fails_with_its_fix(aiohttp_server: Any) -> None:
    mock = await aiohttp_server(create_mock_app())
    config = demo_config(_url(mock))
    config = replace(config, kf=replace(config.kf, secret="wrong"))
    [token] = [c for c in await run_checks(config) if c.area == "kf"]
    assert token.status is Status.FAIL and "40001" in token.detail
