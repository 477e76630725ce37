"""/help: the list of staff commands, or one command's usage, both built by `@command`."""

from __future__ import annotations

import argparse

from bot.handlers.staff.registry import COMMANDS, Arg, command
from bot.protocol import Inbound
from bot.step import Context, Step


@command("help", summary="指令列表与用法", args=[Arg("command", "指令名", nargs="?", default="")])
async def help_command(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    return Step.say(COMMANDS.help_for(args.command))
