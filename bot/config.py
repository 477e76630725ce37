"""Configuration: one TOML file, every key documented in config.example.toml.

Secrets may come from the environment instead of the file (SHOPBOT_OA_APP_SECRET and friends), so a
config file can be committed without them. Nothing here runs at import time: `load_config` reads the
file and the environment when the CLI asks for it.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


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
    # Slow or half-sent requests (bot/gateway/server.py): a connection must deliver its request
    # line and headers within header_timeout_s of opening (or of its last answer), its body
    # within body_timeout_s; at most max_connections are open at once, the rest get 503.
    header_timeout_s: float = 10.0
    body_timeout_s: float = 10.0
    max_connections: int = 512
    log_format: str = "text"  # "text" or "json" (one object a line)


@dataclass(frozen=True)
class OAConfig:
    app_id: str = ""
    app_secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    # With encoding_aes_key set, plaintext POSTs are refused (their signature does not cover the
    # body); true accepts them too, only while the account migrates from plaintext mode.
    allow_plaintext: bool = False


@dataclass(frozen=True)
class WeComConfig:
    corp_id: str = ""
    agent_id: int = 0
    secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    staff: tuple[str, ...] = ()
    # The 客户联系 secret for externalcontact/* calls; empty: the app's own secret (which then
    # needs customer-contact permission in the admin console).
    contact_secret: str = ""


@dataclass(frozen=True)
class KfConfig:
    """微信客服 (WeCom customer service): its own callback URL (/wechat/kf), Token and
    EncodingAESKey, set under 微信客服 → API in the WeCom admin; messages are pulled with
    kf/sync_msg. The corp id comes from [wecom] corp_id."""

    # The secret whose access_token may call kf/*: the self-built app listed under 微信客服 →
    # 可调用接口的应用. Empty: wecom.secret.
    secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    # The 客服账号 (open_kfid, "wk…") this bot answers; callbacks for others are acknowledged.
    open_kfids: tuple[str, ...] = ()
    # WeCom user ids of the 接待人员 a hand-off (人工) goes to, in order (bot/kf/README.md).
    servicers: tuple[str, ...] = ()
    # Pull every this many seconds even without a callback (a lost callback is caught up); 0 = off.
    poll_interval_s: int = 60


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
class ShopConfig:
    name: str = ""  # empty: the name in the knowledge files' shop.toml
    # {order_no} and {amount_fen} are filled in; payment itself happens outside the bot.
    pay_url_template: str = "https://pay.example.com/pay?order={order_no}"
    unpaid_expiry_min: int = 30
    handoff_timeout_min: int = 30
    # Bearer token for POST /admin/orders/{order_no}/paid|shipped|logistics; empty switches the
    # endpoints off.
    admin_token: str = ""
    # Staff are reminded of after-sales tickets nobody moved for this many hours; 0 = never.
    ticket_remind_h: int = 24


@dataclass(frozen=True)
class ComplianceConfig:
    mode: str = "block"  # "block" refuses a promotion with a banned word; "warn" asks to confirm
    extra_banned_words: tuple[str, ...] = ()
    quiet_hours: str = "22:00-08:00"  # no promotions to customers in this local-time window
    max_promotions_per_week: int = 3  # per customer or group, across all campaigns


@dataclass(frozen=True)
class SchedulerConfig:
    enabled: bool = True
    timezone: str = "Asia/Shanghai"
    misfire_grace_s: int = 600  # a run missed by less than this still runs, once
    webhook_key: str = ""  # group robot of the staff group, for reports and reminders


@dataclass(frozen=True)
class CampaignConfig:
    name: str = ""
    cron: str = ""  # five fields, e.g. "0 20 * * *" = every day at 20:00
    text: str = ""
    sku: str = ""  # push this product's card instead of / beside text
    target: str = "groups"  # "groups", "groups:<name or tag>", "followers", "followers:<tag>"


@dataclass(frozen=True)
class Config:
    server: ServerConfig = field(default_factory=ServerConfig)
    oa: OAConfig = field(default_factory=OAConfig)
    wecom: WeComConfig = field(default_factory=WeComConfig)
    kf: KfConfig = field(default_factory=KfConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    knowledge: KnowledgeConfig = field(default_factory=KnowledgeConfig)
    api: ApiConfig = field(default_factory=ApiConfig)
    shop: ShopConfig = field(default_factory=ShopConfig)
    compliance: ComplianceConfig = field(default_factory=ComplianceConfig)
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    campaigns: tuple[CampaignConfig, ...] = ()
    path: Path | None = None  # the file it came from; relative paths in it are resolved against it


_SECTIONS: dict[str, type] = {
    "server": ServerConfig,
    "oa": OAConfig,
    "wecom": WeComConfig,
    "kf": KfConfig,
    "storage": StorageConfig,
    "knowledge": KnowledgeConfig,
    "api": ApiConfig,
    "shop": ShopConfig,
    "compliance": ComplianceConfig,
    "scheduler": SchedulerConfig,
}

# Secrets that may be supplied through the environment rather than the file.
SECRET_ENV: dict[tuple[str, str], str] = {
    ("oa", "app_secret"): "SHOPBOT_OA_APP_SECRET",
    ("oa", "token"): "SHOPBOT_OA_TOKEN",
    ("oa", "encoding_aes_key"): "SHOPBOT_OA_ENCODING_AES_KEY",
    ("wecom", "secret"): "SHOPBOT_WECOM_SECRET",
    ("wecom", "contact_secret"): "SHOPBOT_WECOM_CONTACT_SECRET",
    ("wecom", "token"): "SHOPBOT_WECOM_TOKEN",
    ("wecom", "encoding_aes_key"): "SHOPBOT_WECOM_ENCODING_AES_KEY",
    ("kf", "secret"): "SHOPBOT_KF_SECRET",
    ("kf", "token"): "SHOPBOT_KF_TOKEN",
    ("kf", "encoding_aes_key"): "SHOPBOT_KF_ENCODING_AES_KEY",
    ("storage", "state"): "SHOPBOT_STATE_URL",
    ("storage", "database"): "SHOPBOT_DATABASE_URL",
    ("shop", "admin_token"): "SHOPBOT_SHOP_ADMIN_TOKEN",
    ("scheduler", "webhook_key"): "SHOPBOT_WEBHOOK_KEY",
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
    unknown = set(raw) - set(_SECTIONS) - {"campaigns"}
    if unknown:
        raise ConfigError(sorted(unknown)[0], "unknown section")
    sections = {
        name: _section(name, cls, raw.get(name, {}), environ) for name, cls in _SECTIONS.items()
    }
    config = Config(**sections, campaigns=_campaigns(raw.get("campaigns", []), environ))
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


def _campaigns(values: Any, environ: Mapping[str, str]) -> tuple[CampaignConfig, ...]:
    if not isinstance(values, list):
        raise ConfigError("campaigns", "must be an array of tables: [[campaigns]]")
    campaigns = []
    for index, item in enumerate(values):
        campaign = _section(f"campaigns[{index}]", CampaignConfig, item, environ)
        if not campaign.name or not campaign.cron or not (campaign.text or campaign.sku):
            raise ConfigError(f"campaigns[{index}]", "needs name, cron, and text or sku")
        _validate_cron(f"campaigns[{index}].cron", campaign.cron)
        campaigns.append(campaign)
    return tuple(campaigns)


def _validate_cron(key: str, cron: str) -> None:
    from apscheduler.triggers.cron import CronTrigger

    if len(cron.split()) != 5:
        raise ConfigError(key, "must have five fields (minute hour day month weekday)")
    try:
        CronTrigger.from_crontab(cron)
    except ValueError as exc:
        raise ConfigError(key, f"is not a valid cron expression: {exc}") from exc


def _coerce(key: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(key, "must be true or false")
        return value
    if default is None:
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
    for key in ("header_timeout_s", "body_timeout_s"):
        if not 0 < getattr(server, key) <= 60:
            raise ConfigError(f"server.{key}", "must be above 0 and at most 60 seconds")
    if not 16 <= server.max_connections <= 100_000:
        raise ConfigError("server.max_connections", "must be between 16 and 100000")
    if server.log_format not in ("text", "json"):
        raise ConfigError("server.log_format", 'must be "text" or "json"')
    _validate_channels(config)
    state = config.storage.state
    if not (state == "memory://" or state.startswith(("redis://", "rediss://", "unix://"))):
        raise ConfigError("storage.state", 'must be "memory://" or a redis:// URL')
    _validate_database(config.storage.database)
    _validate_shop_and_compliance(config)
    for key in ("oa_base_url", "wecom_base_url"):
        if not getattr(config.api, key).startswith(("http://", "https://")):
            raise ConfigError(f"api.{key}", "must be an http:// or https:// URL")


def _validate_channels(config: Config) -> None:
    """A channel half configured fails every callback later; say which key is missing now."""
    for section in ("oa", "wecom", "kf"):
        key = getattr(config, section).encoding_aes_key
        if key and not _valid_aes_key(key):
            raise ConfigError(f"{section}.encoding_aes_key", "must be 43 characters of base64")
    oa, wecom = config.oa, config.wecom
    if oa.encoding_aes_key and not oa.app_id:
        raise ConfigError("oa.app_id", "is needed to decrypt messages when encoding_aes_key is set")
    if oa.token:
        for key in ("app_id", "app_secret"):
            if not getattr(oa, key):
                raise ConfigError(f"oa.{key}", _NO_API_WITHOUT.format(section="oa"))
    if wecom.token:
        for key in ("encoding_aes_key", "corp_id"):
            if not getattr(wecom, key):
                raise ConfigError(f"wecom.{key}", "is needed when wecom.token is set")
        if not wecom.secret:
            raise ConfigError("wecom.secret", _NO_API_WITHOUT.format(section="wecom"))
        if wecom.agent_id <= 0:
            raise ConfigError("wecom.agent_id", "must be the app's AgentId (a positive integer)")
    if wecom.agent_id < 0:
        raise ConfigError("wecom.agent_id", "must be a positive integer")
    _validate_kf(config)


def _validate_kf(config: Config) -> None:
    kf = config.kf
    if kf.token:
        if not kf.encoding_aes_key:
            raise ConfigError("kf.encoding_aes_key", "is needed when kf.token is set")
        if not config.wecom.corp_id:
            raise ConfigError("wecom.corp_id", "is needed when kf.token is set")
        if not kf.open_kfids:
            raise ConfigError("kf.open_kfids", "must list the 客服账号 (open_kfid) to serve")
        if not (kf.secret or config.wecom.secret):
            raise ConfigError("kf.secret", "is needed (or wecom.secret) to call kf/sync_msg")
    for key in ("open_kfids", "servicers"):
        for value in getattr(kf, key):
            if not value or not value.isprintable() or " " in value:
                raise ConfigError(f"kf.{key}", f"{value!r} is not an id")
    if kf.poll_interval_s != 0 and not 10 <= kf.poll_interval_s <= 3600:
        raise ConfigError("kf.poll_interval_s", "must be 0 (off) or 10 to 3600 seconds")


_NO_API_WITHOUT = (
    "is needed when {section}.token is set: without it no message can be sent through the API "
    "(replies after the 5-second window, hand-off notices, order notices), and the failure would "
    "only show when a shopper is waiting"
)


def require_a_channel(config: Config) -> None:
    """`serve` with no channel would answer every callback 404 without a word."""
    if not config.oa.token and not config.wecom.token and not config.kf.token:
        raise ConfigError(
            "oa.token",
            "no channel is configured: fill in [oa] (公众号), [wecom] (企业微信) and/or [kf] "
            "(微信客服), see config.example.toml",
        )


def _validate_database(url: str) -> None:
    if url.startswith(("postgresql://", "postgres://")):
        return
    prefix = "sqlite:///"
    if not url.startswith(prefix) or not url[len(prefix) :].strip():
        raise ConfigError(
            "storage.database",
            'must be "sqlite:///PATH" (three slashes), "sqlite:///:memory:" or postgresql://…',
        )


def _validate_shop_and_compliance(config: Config) -> None:
    if "{order_no}" not in config.shop.pay_url_template:
        raise ConfigError("shop.pay_url_template", "must contain {order_no}")
    token = config.shop.admin_token
    if token != token.strip() or any(c.isspace() for c in token):
        # HTTP drops the spaces around a header value, so such a token could never match.
        raise ConfigError("shop.admin_token", "must not contain spaces or line breaks")
    if config.shop.unpaid_expiry_min <= 0:
        raise ConfigError("shop.unpaid_expiry_min", "must be a positive number of minutes")
    if config.shop.handoff_timeout_min <= 0:
        raise ConfigError("shop.handoff_timeout_min", "must be a positive number of minutes")
    if config.shop.ticket_remind_h < 0:
        raise ConfigError("shop.ticket_remind_h", "must be 0 (no reminders) or a number of hours")
    if config.compliance.mode not in ("block", "warn"):
        raise ConfigError("compliance.mode", 'must be "block" or "warn"')
    if not _QUIET_HOURS.fullmatch(config.compliance.quiet_hours):
        raise ConfigError("compliance.quiet_hours", 'must look like "22:00-08:00" (or "" for none)')
    if config.compliance.max_promotions_per_week < 0:
        raise ConfigError("compliance.max_promotions_per_week", "must be 0 or more")
    try:
        ZoneInfo(config.scheduler.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("scheduler.timezone", "unknown time zone") from exc
    if config.scheduler.misfire_grace_s < 0:
        raise ConfigError("scheduler.misfire_grace_s", "must be 0 or more seconds")


_QUIET_HOURS = re.compile(r"(?:(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d)?")


def _valid_aes_key(key: str) -> bool:
    if len(key) != 43:
        return False
    try:
        return len(base64.b64decode(key + "=", validate=True)) == 32
    except (binascii.Error, ValueError):
        return False


def knowledge_dir(config: Config) -> Path | None:
    """The knowledge folder, relative paths resolved against the config file; None = demo shop."""
    if not config.knowledge.dir:
        return None
    return _beside_config(config, Path(config.knowledge.dir))


def database_url(config: Config) -> str:
    """The database URL; a relative SQLite path is resolved against the config file (as every
    relative path in it is), and the file's folder is created if it does not exist yet."""
    url = config.storage.database
    prefix = "sqlite:///"
    if not url.startswith(prefix) or ":memory:" in url:
        return url
    path = _beside_config(config, Path(url[len(prefix) :]))
    path.parent.mkdir(parents=True, exist_ok=True)
    return prefix + path.as_posix()


def _beside_config(config: Config, path: Path) -> Path:
    if path.is_absolute() or config.path is None:
        return path
    return config.path.parent / path
