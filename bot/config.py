"""Configuration: one TOML file, every key documented in config.example.toml.

Secrets may come from the environment instead of the file (SHOPBOT_OA_APP_SECRET and friends), so a
config file can be committed without them. Nothing here runs at import time: `load_config` reads the
file and the environment when the CLI asks for it.
"""

from __future__ import annotations

import base64
import binascii
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A bad config file. `key` names the offending key, e.g. `server.port`."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8080
    reply_budget_s: float = 4.0
    max_clock_skew_s: int = 300
    max_body_bytes: int = 64 * 1024


@dataclass(frozen=True)
class OAConfig:
    app_id: str = ""
    app_secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""


@dataclass(frozen=True)
class WeComConfig:
    corp_id: str = ""
    agent_id: int = 0
    secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    staff: tuple[str, ...] = ()


@dataclass(frozen=True)
class StorageConfig:
    state: str = "memory://"
    database: str = "sqlite:///data/shopbot.sqlite3"


@dataclass(frozen=True)
class KnowledgeConfig:
    dir: str = ""  # empty: the demo shop shipped with shopbot


@dataclass(frozen=True)
class ApiConfig:
    oa_base_url: str = "https://api.weixin.qq.com"
    wecom_base_url: str = "https://qyapi.weixin.qq.com"


@dataclass(frozen=True)
class Config:
    server: ServerConfig = field(default_factory=ServerConfig)
    oa: OAConfig = field(default_factory=OAConfig)
    wecom: WeComConfig = field(default_factory=WeComConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    knowledge: KnowledgeConfig = field(default_factory=KnowledgeConfig)
    api: ApiConfig = field(default_factory=ApiConfig)
    path: Path | None = None  # the file it came from; relative paths in it are resolved against it


_SECTIONS: dict[str, type] = {
    "server": ServerConfig,
    "oa": OAConfig,
    "wecom": WeComConfig,
    "storage": StorageConfig,
    "knowledge": KnowledgeConfig,
    "api": ApiConfig,
}

# Secrets that may be supplied through the environment rather than the file.
SECRET_ENV: dict[tuple[str, str], str] = {
    ("oa", "app_secret"): "SHOPBOT_OA_APP_SECRET",
    ("oa", "token"): "SHOPBOT_OA_TOKEN",
    ("oa", "encoding_aes_key"): "SHOPBOT_OA_ENCODING_AES_KEY",
    ("wecom", "secret"): "SHOPBOT_WECOM_SECRET",
    ("wecom", "token"): "SHOPBOT_WECOM_TOKEN",
    ("wecom", "encoding_aes_key"): "SHOPBOT_WECOM_ENCODING_AES_KEY",
    ("storage", "state"): "SHOPBOT_STATE_URL",
    ("storage", "database"): "SHOPBOT_DATABASE_URL",
}


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate a config file; raise ConfigError naming the key on any problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("", f"config file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("", f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("", f"{path} is not valid TOML: {exc}") from exc
    config = config_from_mapping(raw, os.environ if environ is None else environ)
    return replace(config, path=path.resolve())


def config_from_mapping(raw: Mapping[str, Any], environ: Mapping[str, str]) -> Config:
    unknown = set(raw) - set(_SECTIONS)
    if unknown:
        raise ConfigError(sorted(unknown)[0], "unknown section")
    sections = {
        name: _section(name, cls, raw.get(name, {}), environ) for name, cls in _SECTIONS.items()
    }
    config = Config(**sections)
    validate(config)
    return config


def _section(name: str, cls: type, values: Any, environ: Mapping[str, str]) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(name, "must be a table")
    known = {f.name: f for f in fields(cls)}
    for key in values:
        if key not in known:
            raise ConfigError(f"{name}.{key}", "unknown key")
    kwargs: dict[str, Any] = {}
    for key, spec in known.items():
        env_name = SECRET_ENV.get((name, key))
        if env_name and environ.get(env_name):
            kwargs[key] = environ[env_name]
        elif key in values:
            kwargs[key] = _coerce(f"{name}.{key}", values[key], spec.default)
    return cls(**kwargs)


def _coerce(key: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool) or default is None:
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(key, "must be a list of strings")
        return tuple(value)
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(key, "must be a number")
        return float(value)
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(key, "must be an integer")
        return value
    if not isinstance(value, str):
        raise ConfigError(key, "must be a string")
    return value


def validate(config: Config) -> None:
    """Range and shape checks a type check cannot make."""
    server = config.server
    if not 0 < server.port < 65536:
        raise ConfigError("server.port", "must be between 1 and 65535")
    if not 0 < server.reply_budget_s < 5:
        raise ConfigError("server.reply_budget_s", "must be above 0 and below 5 (WeChat waits 5 s)")
    if server.max_clock_skew_s < 0:
        raise ConfigError(
            "server.max_clock_skew_s", "must be 0 (off) or a positive number of seconds"
        )
    if server.max_body_bytes < 1024:
        raise ConfigError("server.max_body_bytes", "must be at least 1024")
    for section in ("oa", "wecom"):
        key = getattr(config, section).encoding_aes_key
        if key and not _valid_aes_key(key):
            raise ConfigError(f"{section}.encoding_aes_key", "must be 43 characters of base64")
    if config.wecom.agent_id < 0:
        raise ConfigError("wecom.agent_id", "must be a positive integer")
    state = config.storage.state
    if not (state == "memory://" or state.startswith(("redis://", "rediss://", "unix://"))):
        raise ConfigError("storage.state", 'must be "memory://" or a redis:// URL')
    if not config.storage.database.startswith(("sqlite://", "postgresql://", "postgres://")):
        raise ConfigError("storage.database", "must be a sqlite:/// or postgresql:// URL")
    for key in ("oa_base_url", "wecom_base_url"):
        if not getattr(config.api, key).startswith(("http://", "https://")):
            raise ConfigError(f"api.{key}", "must be an http:// or https:// URL")


def _valid_aes_key(key: str) -> bool:
    if len(key) != 43:
        return False
    try:
        return len(base64.b64decode(key + "=", validate=True)) == 32
    except (binascii.Error, ValueError):
        return False
