"""Configs for tests: Tencent's sample credentials, or the demo's against a mock API."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.config import (
    ApiConfig,
    Config,
    OAConfig,
    ServerConfig,
    StorageConfig,
    WeComConfig,
)
from bot.demo_credentials import (
    DEMO_OA_AES_KEY,
    DEMO_OA_TOKEN,
    DEMO_WECOM_AES_KEY,
    DEMO_WECOM_TOKEN,
)
from bot.mockapi.credentials import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_STAFF_IDS,
    DEMO_WECOM_AGENT_ID,
    DEMO_WECOM_AGENT_SECRET,
    DEMO_WECOM_CONTACT_SECRET,
    DEMO_WECOM_CORP_ID,
)

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
    """The demo's credentials, talking to a mock API at `api_url`."""
    return Config(
        server=ServerConfig(**server),
        oa=OAConfig(DEMO_OA_APP_ID, DEMO_OA_APP_SECRET, DEMO_OA_TOKEN, DEMO_OA_AES_KEY),
        wecom=WeComConfig(
            DEMO_WECOM_CORP_ID,
            DEMO_WECOM_AGENT_ID,
            DEMO_WECOM_AGENT_SECRET,
            DEMO_WECOM_TOKEN,
            DEMO_WECOM_AES_KEY,
            DEMO_STAFF_IDS,
            DEMO_WECOM_CONTACT_SECRET,
        ),
        storage=StorageConfig(state=state, database=IN_MEMORY_DB),
        api=ApiConfig(api_url, api_url),
    )


def with_budget(config: Config, budget_s: float) -> Config:
    return replace(config, server=replace(config.server, reply_budget_s=budget_s))
