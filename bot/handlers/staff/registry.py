"""The staff command registry: `@command` declares a command's arguments, help and ACL in one place.

errbot-like: a topic module (broadcast.py, orders.py, …) decorates an async function

    @command("ship", summary="订单发货", args=[Arg("order_no", "订单号"), ...], details="例：…")
    async def ship(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step: ...

and the decorator builds its argparse parser (Chinese errors, args.py), the synopsis line of its
/help text from the same `Arg`s, and keeps the ACL beside it. `dispatch` is what the router calls:
ACL, parse, run, then one audit entry with the real outcome (`CommandOutcome`).

A command tells staff it changed nothing by raising `Declined("为什么")` (no such order, a move the
state forbids) and that it could not finish by raising `Failed("为什么")`; a wrong argument by
raising `UsageError`. Each is answered in words and audited as such.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.broadcast.drafts import CONFIRM_STATE, audit
from bot.handlers.staff.args import ActionParser, CommandParser, UsageError, split_args
from bot.protocol import Channel, Inbound, TextReply
from bot.step import KEEP, Context, Step

log = logging.getLogger(__name__)

REPLY_MAX_BYTES = 2000  # a passive WeCom text reply holds 2048 bytes
REFUSAL = "抱歉，这是店铺员工专用的指令，您没有使用权限。如需帮助请直接留言～"
DM_ONLY = "店员指令只能在与应用的私聊中使用，请私聊我再试。"
FAILED = "这条指令没有完成：系统出了错，已记在日志里。请稍后再试一次，一直不行请联系技术支持。"

StaffRun = Callable[[argparse.Namespace, Inbound, Context], Awaitable[Step]]


class CommandOutcome(StrEnum):
    """What the audit log records for each staff command."""

    OK = "ok"
    USAGE_ERROR = "usage_error"  # the arguments did not fit; staff were shown the usage
    REFUSED = "refused"  # not allowed (ACL), or understood but declined: nothing changed
    FAILED = "failed"  # the command broke off (an error, or a dependency that is missing)


class Answered(Exception):
    """A command ends early with a reply for staff and an outcome for the audit."""

    outcome = CommandOutcome.FAILED

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class Declined(Answered):
    """Understood, but nothing changed (no such order, a move its state forbids)."""

    outcome = CommandOutcome.REFUSED


class Failed(Answered):
    """The command could not do its work (a reload with broken files, no database)."""

    outcome = CommandOutcome.FAILED


@dataclass(frozen=True)
class Arg:
    """One argument: a positional (`"sku"`) or an option (`"--limit"`), and the Chinese label
    staff read in the usage line and in error messages."""

    name: str
    label: str
    nargs: str | None = None  # None (exactly one), "?" or "*"
    default: Any = None
    type: Callable[[str], Any] | None = None
    choices: tuple[str, ...] = ()

    @property
    def is_option(self) -> bool:
        return self.name.startswith("--")

    def add_to(self, parser: CommandParser) -> None:
        extra: dict[str, Any] = {}
        if self.type is not None:
            extra["type"] = self.type
        if self.choices:
            extra["choices"] = self.choices
        if self.is_option:
            parser.add_argument(self.name, default=self.default, **extra)
        elif self.nargs is None:
            parser.add_argument(self.name, metavar=self.label, **extra)
        else:
            default = [] if self.nargs == "*" else self.default
            parser.add_argument(
                self.name, metavar=self.label, nargs=self.nargs, default=default, **extra
            )
        parser.labels[self.name] = self.label

    def synopsis(self) -> str:
        if self.is_option:
            return f"[{self.name} {'|'.join(self.choices) or self.label}]"
        return self.label if self.nargs is None else f"[{self.label}]"


@dataclass(frozen=True)
class Acl:
    """Who may run a command: only the members listed in `[wecom] staff`, on the WeCom app, and
    (unless `group_chats`) only in a direct chat with it."""

    group_chats: bool = False

    def refusal(self, msg: Inbound, ctx: Context) -> str | None:
        """None when allowed; otherwise the reason the audit records."""
        if msg.channel is not Channel.WECOM or msg.user not in ctx.services.config.wecom.staff:
            return "not_staff"
        if msg.chat and not self.group_chats:
            return "group_chat"
        return None


STAFF_DM = Acl()


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    usage: str
    parser: CommandParser | ActionParser
    run: StaffRun
    acl: Acl


def _synopsis(name: str, args: Sequence[Arg]) -> str:
    return " ".join([f"/{name}", *(arg.synopsis() for arg in args)])


def _plain_parser(name: str, args: Sequence[Arg]) -> tuple[CommandParser, list[str]]:
    parser = CommandParser(name)
    for arg in args:
        arg.add_to(parser)
    return parser, [_synopsis(name, args)]


def _action_parser(
    name: str, actions: Mapping[str, Sequence[Arg]]
) -> tuple[ActionParser, list[str]]:
    """`/campaign list | add | …`: a parser per action, and a synopsis line for each."""
    parser = ActionParser(name)
    for action, args in actions.items():
        action_parser = parser.add(action)
        for arg in args:
            arg.add_to(action_parser)
    lines = [f"/{name} " + " | ".join(actions)]
    lines += [_synopsis(f"{name} {action}", args) for action, args in actions.items()]
    return parser, lines


class CommandSet:
    """Every staff command by name, in the order they were declared (the /help order)."""

    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}

    def command(
        self,
        name: str,
        *,
        summary: str,
        args: Sequence[Arg] = (),
        actions: Mapping[str, Sequence[Arg]] | None = None,
        details: str = "",
        acl: Acl = STAFF_DM,
    ) -> Callable[[StaffRun], StaffRun]:
        """Declare a staff command: `args` for one parser, or `actions` for `/name action …`
        (one parser per action, `args.action` says which). `details` follow the synopsis in
        `/help name`: what a value may be, an example."""
        if name in self.commands:
            raise ValueError(f"staff command /{name} is declared twice")

        def register(run: StaffRun) -> StaffRun:
            parser, lines = _action_parser(name, actions) if actions else _plain_parser(name, args)
            usage = "\n".join(lines + ([details] if details else []))
            self.commands[name] = Command(name, summary, usage, parser, run, acl)
            return run

        return register

    def help_text(self) -> str:
        lines = ["店员指令："]
        lines += [f"{c.usage.splitlines()[0]}\n    {c.summary}" for c in self.commands.values()]
        lines.append("发送 /help 指令名 查看详细用法。")
        return "\n".join(lines)

    def help_for(self, name: str) -> str:
        name = name.lstrip("/").lower()
        if not name:
            return self.help_text()
        command = self.commands.get(name)
        if command is None:
            return f"没有指令 /{name}。\n{self.help_text()}"
        return f"{command.summary}\n用法：\n{command.usage}"

    async def refuse(
        self, msg: Inbound, ctx: Context, name: str, acl: Acl = STAFF_DM
    ) -> Step | None:
        """None when `msg` may run /name; otherwise the refusal, audited."""
        reason = acl.refusal(msg, ctx)
        if reason is None:
            return None
        detail = {"reason": reason, "outcome": str(CommandOutcome.REFUSED)}
        await audit(
            ctx, f"{msg.channel}:{msg.user}", "staff.refused", f"command:{name}"[:64], detail
        )
        log.info("refused /%s from a %s user (%s)", name, msg.channel, reason)
        return Step.say(DM_ONLY if reason == "group_chat" else REFUSAL)

    async def dispatch(
        self, msg: Inbound, ctx: Context, otherwise: Callable[[Inbound, Context], Awaitable[Step]]
    ) -> Step:
        """The router's entry for every registered "/name": ACL, parse, run, audit the outcome.
        A name routed here that is not a command of this set (/confirm, /cancel) goes to
        `otherwise` once the ACL let it through."""
        words = msg.text.strip()[1:].split(maxsplit=1)
        name = words[0].lower() if words else ""
        command = self.commands.get(name)
        refusal = await self.refuse(msg, ctx, name, command.acl if command else STAFF_DM)
        if refusal is not None:
            return refusal
        if command is None:
            return await otherwise(msg, ctx)
        step, detail = await _run(command, words[1] if len(words) > 1 else "", msg, ctx)
        await audit(ctx, f"staff:{msg.user}", f"staff.{name}", "command", detail)
        return fit(_drop_pending_draft(ctx, step))


async def _run(
    command: Command, text: str, msg: Inbound, ctx: Context
) -> tuple[Step, dict[str, Any]]:
    """Run one command; the reply and the audit detail of its outcome."""
    try:
        step = await command.run(command.parser.parse(split_args(text)), msg, ctx)
    except UsageError as exc:
        hint = f"（{exc}）" if str(exc) else ""
        return Step.say(f"参数有误{hint}。用法：\n{command.usage}"), _outcome(
            CommandOutcome.USAGE_ERROR, str(exc)
        )
    except Answered as exc:
        return Step.say(exc.text), _outcome(exc.outcome, exc.text)
    except Exception as exc:
        log.exception("staff command /%s failed", command.name)
        ctx.services.metrics.handler_errors.labels(msg.channel).inc()
        return Step.say(FAILED), _outcome(CommandOutcome.FAILED, type(exc).__name__)
    return step, _outcome(CommandOutcome.OK)


def _outcome(outcome: CommandOutcome, why: str = "") -> dict[str, Any]:
    detail: dict[str, Any] = {"outcome": str(outcome), "ok": outcome is CommandOutcome.OK}
    if why:
        detail["why"] = why[:200]
    return detail


def _drop_pending_draft(ctx: Context, step: Step) -> Step:
    """Any command other than /confirm cancels a broadcast waiting for confirmation."""
    if ctx.session.state != CONFIRM_STATE or not isinstance(step.next_state, type(KEEP)):
        return step
    replies = Step.say("（待确认的群发已取消）").replies + step.replies
    return dataclasses.replace(step, replies=replies, next_state=None, reset_slots=True)


def fit(step: Step) -> Step:
    """Cut text replies to what one passive WeCom reply carries."""
    replies = tuple(
        TextReply(_cut(r.text)) if isinstance(r, TextReply) else r for r in step.replies
    )
    return dataclasses.replace(step, replies=replies)


def _cut(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= REPLY_MAX_BYTES:
        return text
    return data[: REPLY_MAX_BYTES - 40].decode("utf-8", "ignore") + "\n…（内容过长，已截断）"


COMMANDS = CommandSet()
command = COMMANDS.command
