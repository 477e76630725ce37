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
import random
import time
from contextvars import ContextVar, Token
from typing import Literal

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")

NO_CORRELATION = "-"
CORRELATION: ContextVar[str] = ContextVar("correlation_id", default=NO_CORRELATION)
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(cid)s] %(name)s: %(message)s"


def begin_correlation() -> Token[str]:
    """A fresh id for one callback; pass the token to `end_correlation` when it is answered.
    It only has to tell one callback's lines from another's, so it comes from `random`, not
    from the OS's randomness (a system call per callback)."""
    return CORRELATION.set(f"{random.getrandbits(48):012x}")


def end_correlation(token: Token[str]) -> None:
    CORRELATION.reset(token)


class CorrelationFilter(logging.Filter):
    """Puts the current callback's id on every record as `cid`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.cid = CORRELATION.get()
        return True


class _SecondsCache:
    """`time.strftime` of the current second, worked out once a second: a busy worker writes a
    line per callback, and formatting the same second again for each was a measurable share of
    its logging."""

    def __init__(self, datefmt: str) -> None:
        self.datefmt = datefmt
        self._second = -1
        self._text = ""

    def text(self, created: float, converter: object) -> str:
        second = int(created)
        if second != self._second:
            convert = converter if callable(converter) else time.localtime
            self._text, self._second = time.strftime(self.datefmt, convert(second)), second
        return self._text


class TextFormatter(logging.Formatter):
    """`TEXT_FORMAT`, with the date part of `asctime` formatted once a second (the same text as
    `logging.Formatter` gives: "2026-05-01 12:00:00,123")."""

    def __init__(self, fmt: str = TEXT_FORMAT) -> None:
        super().__init__(fmt)
        self._seconds = _SecondsCache(self.default_time_format)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        if datefmt is not None or not self.default_msec_format:
            return super().formatTime(record, datefmt)
        seconds = self._seconds.text(record.created, self.converter)
        return self.default_msec_format % (seconds, record.msecs)


JSON_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


class JsonFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self._seconds = _SecondsCache(JSON_TIME_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self._seconds.text(record.created, self.converter),
            "level": record.levelname,
            "logger": record.name,
            "cid": getattr(record, "cid", CORRELATION.get()),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def formatter(fmt: LogFormat) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def configure_logging(level: int, fmt: LogFormat = "text") -> None:
    """Root logging to stderr in `fmt`, every line with its correlation id."""
    # Neither format shows the thread or the process: a record need not look them up (the
    # logging HOWTO's "Optimization"; a line is written per callback).
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    handler = logging.StreamHandler()
    handler.addFilter(CorrelationFilter())
    handler.setFormatter(formatter(fmt))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def use_format(fmt: LogFormat) -> None:
    """Switch the configured handlers to `fmt` (once the config file says which)."""
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter(fmt))
