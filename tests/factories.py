"""Configs for tests: Tencent's sample credentials, or the demo's against a mock API."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import (
    ApiConfig,
    Config,
    OAConfig,
    ServerConfig,
    StorageConfig,
    WeComConfig,
)
from bot.demo import demo_config as shipped_demo_config

if TYPE_CHECKING:
    from knowledge import KnowledgeHolder

IN_MEMORY_DB = "sqlite:///:memory:"

# Tencent's published samples (PLATFORM.md).
OA_SAMPLE = OAConfig(
    app_id="wx2c2769f8efd9abc2",
    app_secret="unused",
    token="spamtest",
    encoding_aes_key="abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
)
WECOM_SAMPLE = WeComConfig(
    corp_id="wx5823bf96d3bd56c7",
    agent_id=1,
    secret="unused",
    token="QDG6eK",
    encoding_aes_key="jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
)


def sample_config(**server: Any) -> Config:
    """Tencent's sample credentials; the replay window is off so 2014's samples are accepted."""
    return Config(
        server=ServerConfig(**({"max_clock_skew_s": 0} | server)),
        oa=OA_SAMPLE,
        wecom=WECOM_SAMPLE,
        storage=StorageConfig(database=IN_MEMORY_DB),
        api=ApiConfig("http://127.0.0.1:9", "http://127.0.0.1:9"),  # nothing listens: no calls
    )


def demo_config(api_url: str, state: str = "memory://", **server: Any) -> Config:
    """The demo's own config, talking to a mock API at `api_url`, with an in-memory database."""
    config = shipped_demo_config(8080, Path("."), api_url=api_url, database=IN_MEMORY_DB)
    return replace(
        config,
        server=replace(config.server, **server),
        storage=replace(config.storage, state=state),
    )


def with_budget(config: Config, budget_s: float) -> Config:
    return replace(config, server=replace(config.server, reply_budget_s=budget_s))


@cache
def demo_knowledge() -> KnowledgeHolder:
    """The demo shop's knowledge, built once per test process (it takes a few seconds): fixtures
    re-exported into many modules would otherwise build it once per module."""
    from knowledge import KnowledgeHolder

    return KnowledgeHolder.load(None)
