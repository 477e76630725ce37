"""Processes for the fault suite: a Redis of its own, the mock WeChat API, two workers.

Redis runs on a free port with no persistence, started and stopped by the tests (SIGSTOP for a
stall, SIGTERM and a fresh start on the same port for an outage). The workers are real
processes (tests/faults/worker.py) sharing that Redis and one SQLite file, as two workers
behind a load balancer would.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

from bot.config import Config, load_config
from bot.demo import demo_config_text

ROOT = Path(__file__).resolve().parents[2]
REDIS_PREFIX = "shopbot:"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(
    port: int, timeout_s: float = 30.0, proc: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


@dataclass
class RedisServer:
    port: int
    data: Path
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            "redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(self.data), "--logfile", str(self.data / "redis.log"),
        ]  # fmt: skip
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port, 10, self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # a stopped process would not hear SIGTERM
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def pause(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2)

    def count(self, key: str) -> int:
        value = self.client().get(REDIS_PREFIX + key)
        return int(value) if value else 0


@dataclass
class Worker:
    name: str
    port: int
    config_path: Path
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = os.environ | {"PYTHONPATH": str(ROOT)}
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "tests" / "faults" / "worker.py"),
                    str(self.config_path),
                ],
                env=env,
                stdout=log,
                stderr=log,
            )
        wait_port(self.port, 60, self.proc)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # SIGKILL: no shutdown, no cleanup, as a crash or an OOM kill
        self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


@dataclass
class Cluster:
    redis: RedisServer
    workers: list[Worker]
    mock_url: str
    config: Config
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)


def _config_text(port: int, data: Path, mock_url: str, redis_port: int) -> str:
    text = demo_config_text(port, data, api_url=mock_url)
    text = text.replace('state = "memory://"', f'state = "redis://127.0.0.1:{redis_port}/0"')
    text = text.replace("max_clock_skew_s = 300", "max_clock_skew_s = 300\nheader_timeout_s = 1.0")
    return text + "\n[scheduler]\nenabled = false\n"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed (apt-get install -y redis-server)"
        if os.environ.get("SHOPBOT_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    data = tmp_path_factory.mktemp("faults")
    server = RedisServer(free_port(), data)
    server.start()
    mock_port = free_port()
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    mock = subprocess.Popen(
        [sys.executable, "-m", "bot", "mock-api", "--port", str(mock_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[Worker] = []
    try:
        wait_port(mock_port, 30, mock)
        mock_url = f"http://127.0.0.1:{mock_port}"
        for name in ("a", "b"):
            port = free_port()
            path = data / f"worker-{name}.toml"
            path.write_text(_config_text(port, data, mock_url, server.port), encoding="utf-8")
            worker = Worker(name, port, path, data / f"worker-{name}.log")
            worker.start()  # one after the other: the first creates the database
            workers.append(worker)
        yield Cluster(server, workers, mock_url, load_config(workers[0].config_path), [mock])
    finally:
        for worker in workers:
            worker.stop()
        mock.terminate()
        mock.wait(10)
        server.stop()
