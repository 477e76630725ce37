"""`shopbot demo`: the bot, a mock WeChat API and the demo shop in one offline process.

It writes a config file with demo credentials into the data folder (so `shopbot chat --config` can
talk to it from another terminal), starts the mock API on port+1 and the bot on port, and, when
run in a terminal, opens a chat right there.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shutil
import sys
import tomllib
from pathlib import Path

from aiohttp import web

from bot.config import Config, config_from_mapping, load_config
from bot.demo_credentials import (
    DEMO_KF_AES_KEY,
    DEMO_KF_TOKEN,
    DEMO_OA_AES_KEY,
    DEMO_OA_TOKEN,
    DEMO_WECOM_AES_KEY,
    DEMO_WECOM_TOKEN,
)
from bot.gateway import create_app
from bot.logs import TEXT_FORMAT, CorrelationFilter
from bot.simulator.chat import ChatOptions, chat_loop
from mockwechat import create_mock_app
from mockwechat.cashier import CashierSettings
from mockwechat.credentials import (
    DEMO_KF_OPEN_KFID,
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_STAFF_IDS,
    DEMO_WECOM_AGENT_ID,
    DEMO_WECOM_AGENT_SECRET,
    DEMO_WECOM_CONTACT_SECRET,
    DEMO_WECOM_CORP_ID,
    DEMO_WECOM_KF_SECRET,
)


def demo_config_text(
    port: int,
    data: Path,
    *,
    api_url: str | None = None,
    database: str | None = None,
    admin_token: str = "",
) -> str:
    """The demo's config file: the mock API on port+1 unless `api_url` says otherwise. With an
    `admin_token`, pay links open the mock's cashier, which pays through the admin endpoint."""
    api = api_url or f"http://127.0.0.1:{port + 1}"
    shop = ""
    if admin_token:
        cashier = api + "/_mock/cashier?order={order_no}&amount={amount_fen}"
        shop = f'[shop]\nadmin_token = "{admin_token}"\npay_url_template = "{cashier}"\n'
    staff = ", ".join(f'"{s}"' for s in DEMO_STAFF_IDS)
    database = database or "sqlite:///" + (data / "shopbot.sqlite3").resolve().as_posix()
    return f"""# Written by `shopbot demo`: demo credentials for the local mock WeChat API only.
[server]
host = "127.0.0.1"
port = {port}
reply_budget_s = 4.0
max_clock_skew_s = 300

[oa]
app_id = "{DEMO_OA_APP_ID}"
app_secret = "{DEMO_OA_APP_SECRET}"
token = "{DEMO_OA_TOKEN}"
encoding_aes_key = "{DEMO_OA_AES_KEY}"

[wecom]
corp_id = "{DEMO_WECOM_CORP_ID}"
agent_id = {DEMO_WECOM_AGENT_ID}
secret = "{DEMO_WECOM_AGENT_SECRET}"
token = "{DEMO_WECOM_TOKEN}"
encoding_aes_key = "{DEMO_WECOM_AES_KEY}"
staff = [{staff}]
contact_secret = "{DEMO_WECOM_CONTACT_SECRET}"

[kf]
secret = "{DEMO_WECOM_KF_SECRET}"
token = "{DEMO_KF_TOKEN}"
encoding_aes_key = "{DEMO_KF_AES_KEY}"
open_kfids = ["{DEMO_KF_OPEN_KFID}"]
servicers = [{staff}]
poll_interval_s = 60

[storage]
state = "memory://"
database = "{database}"

[knowledge]
dir = ""

[api]
oa_base_url = "{api}"
wecom_base_url = "{api}"

{shop}"""


def demo_config(
    port: int, data: Path, *, api_url: str | None = None, database: str | None = None
) -> Config:
    """The demo's config as the server reads it (tests build on it too)."""
    text = demo_config_text(port, data, api_url=api_url, database=database)
    return config_from_mapping(tomllib.loads(text), environ={})


def write_demo_config(port: int, data: Path) -> Path:
    """The config of this run; a fresh admin token each time (only the demo's cashier uses it)."""
    data.mkdir(parents=True, exist_ok=True)
    path = data / "shopbot.toml"
    token = secrets.token_urlsafe(18)
    path.write_text(demo_config_text(port, data, admin_token=token), encoding="utf-8")
    return path


def banner(config: Config, path: Path, log_file: Path | None = None) -> str:
    server = config.server
    chat = f"{shopbot_command()} chat --config {_shown(path)}"
    log_line = f"  log:       {_shown(log_file)}\n" if log_file else ""
    return (
        "shopbot demo is running (offline: the WeChat API is a local mock).\n"
        f"  bot:       http://{server.host}:{server.port}/wechat/oa, /wechat/wecom, /wechat/kf\n"
        f"  mock API:  {config.api.oa_base_url}/_mock/calls\n"
        f"  metrics:   http://{server.host}:{server.port}/metrics\n"
        f"  cashier:   pay links open {config.api.oa_base_url}/_mock/cashier (pays the order)\n"
        f"  config:    {_shown(path)}   (demo credentials: OA app id {config.oa.app_id}, "
        f"token {config.oa.token}; WeCom corp id {config.wecom.corp_id})\n"
        f"{log_line}"
        f"Chat from another terminal:  {chat}\n"
        f"As staff on WeCom:           {chat} --channel wecom\n"
        f"As a 微信客服 customer:       {chat} --channel kf\n"
    )


def shopbot_command() -> str:
    """How to run shopbot from this terminal's folder: `shopbot` if it is on the PATH,
    else the path of the script that is running (`.venv/bin/shopbot` after `make demo`)."""
    script = Path(sys.argv[0])
    on_path = shutil.which("shopbot")
    if on_path and script.name == "shopbot" and Path(on_path).resolve() == script.resolve():
        return "shopbot"
    if script.name == "shopbot" and script.exists():
        return _shown(script)
    return f"{_shown(Path(sys.executable))} -m bot"


def _shown(path: Path) -> str:
    """A path as short as it can be said from the working directory."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def log_to_file(path: Path) -> None:
    """Keep the server's warnings out of the chat: the terminal belongs to the person typing."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            root.removeHandler(handler)
    file_handler = logging.FileHandler(path, encoding="utf-8")
    file_handler.addFilter(CorrelationFilter())
    file_handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root.addHandler(file_handler)


async def _start(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def _run(config: Config, path: Path, chat: bool) -> int:
    server = config.server
    cashier = CashierSettings(f"http://{server.host}:{server.port}", config.shop.admin_token)
    runners = [
        await _start(create_mock_app(cashier=cashier), "127.0.0.1", config.server.port + 1),
        await _start(create_app(config), config.server.host, config.server.port),
    ]
    interactive = chat and sys.stdin.isatty()
    log_file = path.parent / "shopbot.log" if interactive else None
    try:
        print(banner(config, path, log_file), flush=True)
        if log_file is not None:
            log_to_file(log_file)
            return await chat_loop(config, ChatOptions())
        await asyncio.Event().wait()
        return 0
    finally:
        for runner in reversed(runners):
            await runner.cleanup()


def run_demo(port: int, data: Path, chat: bool = True) -> int:
    path = write_demo_config(port, data)
    config = load_config(path, environ={})  # offline: never a real database or Redis from the env
    try:
        return asyncio.run(_run(config, path, chat))
    except OSError as exc:
        print(f"shopbot demo: cannot listen on port {port} or {port + 1}: {exc}", file=sys.stderr)
        return 1
