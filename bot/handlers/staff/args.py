"""Arguments of staff commands: argparse that answers in Chinese instead of exiting, actions
(`/campaign add ...`), shell-like splitting that understands Chinese quotes, and send times.

argparse words its errors in English ("the following arguments are required: sku"); staff read
Chinese, so `chinese_error` rewrites each of argparse's messages with the arguments' Chinese labels
(`Arg.label` in registry.py) and never lets an English sentence through.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


class UsageError(Exception):
    """The arguments do not fit the command; the reply shows its usage."""


class CommandParser(argparse.ArgumentParser):
    """argparse that raises a UsageError in Chinese instead of printing and exiting.

    `labels` names each argument for staff: a positional's dest or an option's flag → its
    Chinese label ("sku" → "商品编号", "--limit" → "条数").
    """

    def __init__(self, name: str = "", labels: Mapping[str, str] | None = None) -> None:
        super().__init__(prog=f"/{name}", add_help=False, exit_on_error=False)
        self.labels: dict[str, str] = dict(labels or {})

    def error(self, message: str) -> Any:  # argparse declares NoReturn; raising satisfies it
        raise UsageError(chinese_error(message, self.labels, self._optional_positionals()))

    def exit(self, status: int = 0, message: str | None = None) -> Any:
        raise UsageError(chinese_error(message or "", self.labels, set()))

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        """Options and free text in any order (`/broadcast 今晚秒杀 --to groups` works too)."""
        try:
            return self.parse_intermixed_args(argv)
        except argparse.ArgumentError as exc:
            name = exc.argument_name or ""
            detail = chinese_error(exc.message, self.labels, set())
            raise UsageError(f"{self._label(name)}：{detail}" if name else detail) from exc

    def _label(self, name: str) -> str:
        label = self.labels.get(name)
        if label is None:
            return name if name.startswith("-") else "参数"
        return f"{name}（{label}）" if name.startswith("-") else label

    def _optional_positionals(self) -> set[str]:
        """Positionals that may be left out: parse_intermixed_args lists them as "required"
        alongside a missing one, which would tell staff to write what they need not."""
        return {
            self.labels.get(a.dest, a.dest)
            for a in self._actions
            if not a.option_strings and a.nargs in ("?", "*")
        }


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
        choices = "、".join(self.actions)
        if not argv:
            raise UsageError(f"要写操作：{choices}")
        if argv[0] not in self.actions:
            raise UsageError(f"不认识的操作“{argv[0]}”，可以是 {choices}")
        args = self.actions[argv[0]].parse(argv[1:])
        args.action = argv[0]
        return args


# argparse's messages (Python 3.11–3.13) and what staff read instead. `{names}` are labels.
_REQUIRED = re.compile(r"the following arguments are required: (.+)")
_ONE_OF = re.compile(r"one of the arguments (.+) is required")
_UNRECOGNIZED = re.compile(r"unrecognized arguments: (.+)")
_INVALID_TYPE = re.compile(r"invalid (\w+) value: '?(.*?)'?")
_INVALID_CHOICE = re.compile(r"invalid choice: '?(.*?)'? \(choose from (.+)\)")
_AMBIGUOUS = re.compile(r"ambiguous option: (\S+) could match (.+)")
_EXPECTED = re.compile(r"expected (?:one|at most one|at least one|\d+) arguments?")
_NOT_ALLOWED = re.compile(r"not allowed with argument (.+)")
_TYPE_WORDS = {"int": "整数", "float": "数字"}


def chinese_error(message: str, labels: Mapping[str, str], optional: set[str]) -> str:
    """One of argparse's English error messages, said in Chinese with the arguments' labels."""
    message = message.strip()
    if found := _REQUIRED.fullmatch(message):
        names = [labels.get(n.strip(), n.strip()) for n in found.group(1).split(",")]
        missing = [n for n in names if n not in optional] or names
        return "缺少" + "、".join(missing)
    if found := _ONE_OF.fullmatch(message):
        return "要写 " + " 或 ".join(n.strip() for n in found.group(1).split())
    if found := _UNRECOGNIZED.fullmatch(message):
        return f"多了看不懂的内容“{found.group(1)}”"
    if found := _INVALID_TYPE.fullmatch(message):
        word = _TYPE_WORDS.get(found.group(1), "正确的值")
        return f"要写{word}，“{found.group(2)}”不是"
    if found := _INVALID_CHOICE.fullmatch(message):
        choices = "、".join(c.strip(" '") for c in found.group(2).split(","))
        return f"只能是 {choices}，不能是“{found.group(1)}”"
    if found := _AMBIGUOUS.fullmatch(message):
        return f"{found.group(1)} 可能指 {found.group(2)}，请写完整"
    if _EXPECTED.fullmatch(message):
        return "后面要写上值"
    if found := _NOT_ALLOWED.fullmatch(message):
        return f"不能和 {found.group(1)} 一起用"
    if re.search(r"[A-Za-z]{3,}", message.replace("--", " ")):
        return "格式不对"  # an argparse message not listed above: never show it in English
    return message


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
    raise UsageError(f"看不懂的时间“{text}”：用 20:00、3-14 20:00 或 2025-03-14 20:00")
