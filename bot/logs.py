"""Logging: one correlation id per callback, carried into every line its handling writes.

The gateway sets a fresh id when a callback arrives; asyncio copies context variables into the
tasks a handler starts, so the replies sent later through the API, a welcome sent two seconds
after a join, and the audit entries they write all log under the same id. A line written outside
any callback (start-up, the scheduler) carries "-".

`text` is the classic one-line format; `json` writes one JSON object a line for log collectors.
Neither ever holds secrets, phones or addresses: the code never logs them (tests check it).
"""

from __future__ import annotations

import json
import logging
import secrets
from contextvars import ContextVar, Token
from typing import Literal

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")

NO_CORRELATION = "-"
CORRELATION: ContextVar[str] = ContextVar("correlation_id", default=NO_CORRELATION)
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(cid)s] %(name)s: %(message)s"


def begin_correlation() -> Token[str]:
    """A fresh id for one callback; pass the token to `end_correlation` when it is answered."""
    return CORRELATION.set(secrets.token_hex(6))


def end_correlation(token: Token[str]) -> None:
    CORRELATION.reset(token)


class CorrelationFilter(logging.Filter):
    """Puts the current callback's id on every record as `cid`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.cid = CORRELATION.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "cid": getattr(record, "cid", CORRELATION.get()),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int, fmt: LogFormat = "text") -> None:
    """Root logging to stderr in `fmt`, every line with its correlation id."""
    handler = logging.StreamHandler()
    handler.addFilter(CorrelationFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def use_format(fmt: LogFormat) -> None:
    """Switch the configured handlers to `fmt` (once the config file says which)."""
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
