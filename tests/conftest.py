"""Shared test fixtures.

Tests that need a real Redis or PostgreSQL ask for the `redis_url` / `postgres_url` fixtures. On a
machine without the server they skip with the reason; with SHOPBOT_REQUIRE_SERVICES=1 (set by
.ci/run) the same absence is a failure, so CI always runs them.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PG_HOST, PG_PORT = "127.0.0.1", 5432


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _need(service: str, host: str, port: int) -> None:
    if _reachable(host, port):
        return
    reason = f"{service} is not reachable at {host}:{port}"
    if os.environ.get("SHOPBOT_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason}, and SHOPBOT_REQUIRE_SERVICES=1 requires it")
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis URL with a fresh key prefix for this test: `redis://host:port/15?prefix=...`."""
    _need("Redis", REDIS_HOST, REDIS_PORT)
    yield f"redis://{REDIS_HOST}:{REDIS_PORT}/15?prefix=t{uuid.uuid4().hex[:10]}:"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    _need("PostgreSQL", PG_HOST, PG_PORT)
    yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/test"


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """`shopbot` run in-process (cli.main) installs its own stderr handler on the root logger; a
    later test's background threads would then log into a stream pytest has already closed."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(autouse=True, scope="session")
def _build_the_demo_shop_index_once() -> Iterator[None]:
    """Every app in the tests serves the demo shop: build its index once, not once per app."""
    import bot.services as gateway
    from bot.config import Config
    from knowledge import KnowledgeHolder
    from tests.factories import demo_knowledge

    original = gateway.load_knowledge_holder

    def load(config: Config) -> KnowledgeHolder:
        return original(config) if config.knowledge.dir else demo_knowledge()

    gateway.load_knowledge_holder = load
    yield
    gateway.load_knowledge_holder = original


def _loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name: resolving it would already leave the machine


@pytest.fixture(autouse=True, scope="session")
def _loopback_only() -> Iterator[None]:
    """No test may reach beyond this machine: the real WeChat servers least of all. A connect to
    anything but loopback fails at once, naming the address (STYLE.md: fake the network at its
    edge; the mock WeChat API is on 127.0.0.1)."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(address: object) -> None:
        if isinstance(address, tuple) and not _loopback(address[0]):
            raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        refuse(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        refuse(address)
        return real_connect_ex(self, address)

    with pytest.MonkeyPatch.context() as patch:  # undone even when the session ends in an error
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket.socket, "connect_ex", connect_ex)
        yield
