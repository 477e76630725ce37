"""`shopbot serve` builds the index before serving and swaps it on SIGHUP."""

from __future__ import annotations

import logging
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

from bot.config import KnowledgeConfig
from bot.gateway import SERVICES, create_app
from knowledge import DEMO_SHOP_DIR
from tests.factories import sample_config

# serve refuses a config without any channel; the OA needs only these three keys to start.
_OA = '[oa]\napp_id = "wx1"\napp_secret = "s"\ntoken = "t"\n'


def _shop_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    shutil.copytree(DEMO_SHOP_DIR, folder)
    return folder


async def test_reload_swaps_in_edited_files_and_keeps_serving_on_a_broken_one(
    aiohttp_client, tmp_path, caplog
):
    folder = _shop_copy(tmp_path)
    config = replace(sample_config(), knowledge=KnowledgeConfig(dir=str(folder)))
    client = await aiohttp_client(create_app(config))
    holder = client.app[SERVICES].knowledge
    assert holder is not None
    first = holder.current
    await holder.reload_logged()
    assert holder.current is not first
    (folder / "products.csv").write_text("sku,name\nbroken", encoding="utf-8")
    serving = holder.current
    with caplog.at_level(logging.ERROR):
        await holder.reload_logged()
    assert holder.current is serving
    assert any("products.csv" in r.getMessage() for r in caplog.records)


def test_a_broken_knowledge_file_stops_serve_with_exit_2(tmp_path):
    folder = _shop_copy(tmp_path)
    (folder / "faq.toml").write_text("[[faq]]\nid = \n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(_OA + f'[knowledge]\ndir = "{folder}"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "faq.toml:2" in result.stderr


def test_sighup_reloads_a_running_server(tmp_path):
    folder = _shop_copy(tmp_path)
    config = tmp_path / "c.toml"
    port = _free_port()
    config.write_text(
        f'[server]\nport = {port}\n{_OA}[knowledge]\ndir = "{folder}"\n'
        f'[storage]\ndatabase = "sqlite:///{tmp_path / "db.sqlite3"}"\n'
        "[scheduler]\nenabled = false\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/healthz")
        proc.send_signal(signal.SIGHUP)
        time.sleep(3)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert "knowledge reloaded" in err


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")
