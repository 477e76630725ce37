"""Arguments of staff commands: argparse that answers with usage instead of exiting, actions
(`/campaign add ...`), shell-like splitting that understands Chinese quotes, and send times."""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


class UsageError(Exception):
    """The arguments do not fit the command; the reply shows its usage."""


class CommandParser(argparse.ArgumentParser):
    """argparse that raises instead of printing and exiting."""

    def __init__(self, name: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("prog", f"/{name}")
        super().__init__(add_help=False, exit_on_error=False, **kwargs)

    def error(self, message: str) -> Any:  # argparse declares NoReturn; raising satisfies it
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> Any:
        raise UsageError(message or "")

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        """Options and free text in any order (`/broadcast 今晚秒杀 --to groups` works too)."""
        return self.parse_intermixed_args(argv)


class ActionParser:
    """`/campaign <action> ...`: one CommandParser per action (argparse's subparsers cannot take
    options between positionals)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.actions: dict[str, CommandParser] = {}

    def add(self, action: str) -> CommandParser:
        parser = CommandParser(f"{self.name} {action}")
        self.actions[action] = parser
        return parser

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        if not argv or argv[0] not in self.actions:
            raise UsageError("")
        args = self.actions[argv[0]].parse(argv[1:])
        args.action = argv[0]
        return args


_DATE = re.compile(r"(\d{4}[-/])?\d{1,2}[-/]\d{1,2}")
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")


def split_args(text: str) -> list[str]:
    """Shell-like words; Chinese quotes count as quotes; `--at 3-14 20:00` needs no quotes."""
    text = text.replace("“", '"').replace("”", '"').replace("「", '"').replace("」", '"')
    text = text.replace("\u3000", " ")
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise UsageError("引号不成对") from exc
    for i in range(len(words) - 2):
        date, clock = words[i + 1], words[i + 2]
        if words[i] == "--at" and _DATE.fullmatch(date) and _CLOCK.fullmatch(clock):
            words[i + 1 : i + 3] = [f"{date} {clock}"]
            break
    return words


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """`20:00` (today, or tomorrow once past), `3-14 20:00`, `2025-03-14 20:00`, `now`/`立即`."""
    text = text.strip().replace("：", ":")
    local = now.astimezone(zone)
    if text.lower() in ("now", "立即", "现在"):
        return now
    full = re.fullmatch(r"(?:(\d{4})[-/])?(\d{1,2})[-/](\d{1,2})[ T]+(\d{1,2}):(\d{2})", text)
    if full:
        year = int(full.group(1) or local.year)
        month, day, hour, minute = (int(g) for g in full.group(2, 3, 4, 5))
        moment = datetime(year, month, day, hour, minute, tzinfo=zone)
        if not full.group(1) and moment < local:
            moment = moment.replace(year=year + 1)
        return moment
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if clock:
        moment = local.replace(hour=int(clock.group(1)), minute=int(clock.group(2)), second=0)
        moment = moment.replace(microsecond=0)
        return moment if moment > local else moment + timedelta(days=1)
    raise UsageError(f"看不懂的时间 {text!r}：用 20:00、3-14 20:00 或 2025-03-14 20:00")
