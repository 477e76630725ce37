"""`shopbot doctor` against the mock API with injected faults: one test per error code."""

from __future__ import annotations

import io
from dataclasses import replace

import aiohttp
import pytest

from bot.config import KnowledgeConfig, StorageConfig
from bot.doctor import run_checks
from bot.doctor.report import Status, print_report
from bot.gateway import create_app
from mockwechat import MockSettings, create_mock_app
from tests.factories import demo_config


def _url(server) -> str:
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


async def _fault(mock, **fault) -> None:
    async with aiohttp.ClientSession() as http:
        response = await http.post(mock.make_url("/_mock/faults"), json=fault)
        assert response.status == 200, await response.text()


def _by_name(checks, area: str, start: str):
    found = [c for c in checks if c.area == area and c.name.startswith(start)]
    assert found, [(c.area, c.name) for c in checks]
    return found[0]


async def test_a_healthy_demo_setup_passes_every_check(mock_api, aiohttp_server):
    config = demo_config(_url(mock_api))
    bot = await aiohttp_server(create_app(config))
    checks = await run_checks(config, _url(bot))
    assert {c.status for c in checks} == {Status.OK}, checks
    out = io.StringIO()
    assert print_report(checks, out) == 0
    assert "FAIL" not in out.getvalue()


@pytest.mark.parametrize(
    ("path", "errcode", "errmsg", "area", "expected"),
    [
        (
            "/cgi-bin/stable_token",
            40164,
            "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1",
            "oa",
            "add 203.0.113.7 under 公众号后台",
        ),
        ("/cgi-bin/stable_token", 40013, None, "oa", "oa.app_id"),
        ("/cgi-bin/stable_token", 40125, None, "oa", "oa.app_secret"),
        ("/cgi-bin/stable_token", 41004, None, "oa", "oa.app_secret"),
        ("/cgi-bin/stable_token", 40001, None, "oa", "oa.app_secret"),
        (
            "/cgi-bin/gettoken",
            60020,
            "not allow to access from your ip, hint: [x], from ip: 198.51.100.9, more info",
            "wecom",
            "add 198.51.100.9 under 管理后台 → 应用管理",
        ),
        ("/cgi-bin/gettoken", 40013, None, "wecom", "wecom.corp_id"),
        ("/cgi-bin/gettoken", 40001, None, "wecom", "wecom.secret"),
        ("/cgi-bin/agent/get", 40056, None, "wecom", "wecom.agent_id"),
    ],
)
async def test_each_credential_error_is_explained_with_its_fix(
    mock_api, path, errcode, errmsg, area, expected
):
    await _fault(mock_api, path=path, errcode=errcode, errmsg=errmsg)
    checks = await run_checks(demo_config(_url(mock_api)))
    broken = [c for c in checks if c.area == area and c.status is Status.FAIL]
    assert broken, checks
    assert str(errcode) in broken[0].detail
    assert expected in broken[0].fix
    assert print_report(checks, io.StringIO()) == 1


async def test_an_expired_token_that_stays_expired_fails_the_read(mock_api):
    await _fault(mock_api, path="/cgi-bin/get_api_domain_ip", errcode=42001, count=-1)
    checks = await run_checks(demo_config(_url(mock_api)))
    read = _by_name(checks, "oa", "API access")
    assert read.status is Status.FAIL and "42001" in read.detail


async def test_an_unverified_account_lacks_customer_service_messages(aiohttp_server):
    settings = MockSettings(
        oa_unauthorized_apis=frozenset(
            {"/cgi-bin/message/custom/send", "/cgi-bin/message/mass/sendall"}
        )
    )
    mock = await aiohttp_server(create_mock_app(settings=settings))
    checks = await run_checks(demo_config(_url(mock)))
    custom = _by_name(checks, "oa", "customer-service")
    assert custom.status is Status.FAIL and "48001" in custom.detail
    assert "微信认证" in custom.fix
    mass = _by_name(checks, "oa", "mass send")
    assert mass.status is Status.WARN  # no campaign sends to followers: not needed yet


async def test_staff_outside_the_apps_visibility_are_named(aiohttp_server):
    settings = MockSettings(wecom_invisible_users=frozenset({"lisi"}))
    mock = await aiohttp_server(create_mock_app(settings=settings))
    checks = await run_checks(demo_config(_url(mock)))
    staff = _by_name(checks, "wecom", "staff")
    assert staff.status is Status.FAIL
    assert "lisi" in staff.detail and "可见范围" in staff.fix


async def test_an_app_not_allowed_to_call_customer_contact_is_told_where_to_allow_it(
    aiohttp_server,
):
    mock = await aiohttp_server(
        create_mock_app(settings=MockSettings(app_may_call_contact_apis=False))
    )
    config = demo_config(_url(mock))
    config = replace(config, wecom=replace(config.wecom, contact_secret=""))
    contact = _by_name(await run_checks(config), "wecom", "customer contact")
    assert contact.status is Status.WARN and "48002" in contact.detail
    assert "可调用应用" in contact.fix


async def test_an_unreachable_api_is_a_network_failure():
    config = demo_config("http://127.0.0.1:9")  # nothing listens on the discard port
    checks = await run_checks(config)
    assert _by_name(checks, "oa", "credentials").status is Status.FAIL
    assert "could not be reached" in _by_name(checks, "wecom", "credentials").detail


async def test_callback_checks_catch_a_server_with_another_token(mock_api, aiohttp_server):
    config = demo_config(_url(mock_api))
    other = replace(config, oa=replace(config.oa, token="someothertoken"))
    bot = await aiohttp_server(create_app(other))
    checks = await run_checks(config, _url(bot))
    oa = _by_name(checks, "callbacks", "/wechat/oa")
    assert oa.status is Status.FAIL and "403" in oa.detail and "token" in oa.fix
    assert _by_name(checks, "callbacks", "/wechat/wecom").status is Status.OK


async def test_no_running_server_is_a_skip_with_what_to_do(mock_api):
    config = demo_config(_url(mock_api))
    config = replace(config, server=replace(config.server, port=9))
    check = _by_name(await run_checks(config), "callbacks", "/wechat/oa")
    assert check.status is Status.SKIP and "--url" in check.detail


async def test_broken_knowledge_database_and_redis_fail(mock_api, tmp_path):
    (tmp_path / "shop.toml").write_text("[shop\n", encoding="utf-8")
    config = demo_config(_url(mock_api))
    config = replace(
        config,
        knowledge=KnowledgeConfig(dir=str(tmp_path)),
        storage=StorageConfig(
            state="redis://127.0.0.1:9/0", database="postgresql://nobody@127.0.0.1:9/none"
        ),
    )
    checks = await run_checks(config)
    for area in ("knowledge", "database", "state"):
        assert next(c for c in checks if c.area == area).status is Status.FAIL, area


async def test_a_real_redis_answers_with_its_latency(mock_api, redis_url):
    config = demo_config(_url(mock_api), state=redis_url)
    check = _by_name(await run_checks(config), "state", "storage.state")
    assert check.status in (Status.OK, Status.WARN) and "Redis answered in" in check.detail


async def test_no_channel_at_all_fails(mock_api):
    config = demo_config(_url(mock_api))
    config = replace(
        config,
        oa=replace(config.oa, token=""),
        wecom=replace(config.wecom, token=""),
        kf=replace(config.kf, token=""),
    )
    checks = await run_checks(config)
    assert _by_name(checks, "config", "channels").status is Status.FAIL


async def test_the_command_exits_1_and_prints_the_fix(mock_api, tmp_path, capsys):
    import asyncio

    from bot.cli import main
    from bot.demo import demo_config_text

    await _fault(mock_api, path="/cgi-bin/stable_token", errcode=41004)
    path = tmp_path / "shopbot.toml"
    path.write_text(demo_config_text(9, tmp_path, api_url=_url(mock_api)), encoding="utf-8")
    code = await asyncio.to_thread(main, ["doctor", "--config", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "41004" in out and "fix: set oa.app_secret" in out
