"""`shopbot serve --workers 2` as processes: both serve, a killed one is replaced, SIGTERM stops all."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.cli import main
from bot.demo import demo_config_text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _health(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
        return json.loads(response.read())


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _two_workers(pid: int, without: int = 0) -> set[int] | None:
    children = _children(pid)
    return children if len(children) == 2 and without not in children else None


def _wait_for(condition, timeout_s: float = 60.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


async def _drop_schema(base_url: str, schema: str) -> None:
    engine = create_async_engine(base_url.replace("postgresql://", "postgresql+asyncpg://", 1))
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await engine.dispose()


@pytest.fixture
async def shared_config(tmp_path, redis_url, postgres_url):
    port = _free_port()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    text_ = demo_config_text(port, tmp_path, database=f"{postgres_url}?schema={schema}")
    text_ = text_.replace('state = "memory://"', f'state = "{redis_url}"')
    path = tmp_path / "workers.toml"
    path.write_text(text_ + "\n[scheduler]\nenabled = false\n", encoding="utf-8")
    yield path, port
    await _drop_schema(postgres_url, schema)


def test_two_workers_serve_one_port_are_replaced_and_stop_together(shared_config, tmp_path):
    path, port = shared_config
    log_file = tmp_path / "serve.log"
    with log_file.open("w") as log_out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--config", str(path), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=log_out,
        )
    reloads = lambda: log_file.read_text().count("knowledge reloaded") == 2  # noqa: E731
    try:
        workers = _wait_for(lambda: _two_workers(proc.pid))
        answered = _wait_for(lambda: _health(port)["pid"] in workers)
        assert answered
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        replaced = _wait_for(lambda: _two_workers(proc.pid, without=victim))
        new_worker = (replaced - workers).pop()
        seen = set()
        deadline = time.monotonic() + 30
        while new_worker not in seen and time.monotonic() < deadline:
            try:
                seen.add(_health(port)["pid"])
            except OSError:
                time.sleep(0.2)
        assert new_worker in seen, (seen, replaced)
        proc.send_signal(signal.SIGHUP)  # passed to every worker
        assert _wait_for(reloads)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    err = log_file.read_text()
    assert proc.returncode == 0, err
    assert "starting a new one" in err
    assert not _children(proc.pid)


@pytest.mark.parametrize(
    ("state", "database", "key"),
    [
        ("memory://", "postgresql://x@127.0.0.1/db", "storage.state"),
        ("redis://127.0.0.1:6379/0", "sqlite:///x.sqlite3", "storage.database"),
    ],
)
def test_several_workers_refuse_what_they_cannot_share(tmp_path, capsys, state, database, key):
    text_ = demo_config_text(_free_port(), tmp_path, database=database)
    path = tmp_path / "c.toml"
    path.write_text(text_.replace('state = "memory://"', f'state = "{state}"'), encoding="utf-8")
    assert main(["serve", "--config", str(path), "--workers", "2"]) == 2
    assert key in capsys.readouterr().err
