"""The `@command` registry: one declaration gives the parser, the usage line and the ACL."""

from __future__ import annotations

import argparse

import pytest

from bot.handlers.staff import COMMANDS
from bot.handlers.staff.args import UsageError, chinese_error
from bot.handlers.staff.registry import Arg, CommandSet
from bot.protocol import Inbound
from bot.step import Context, Step

DOCUMENTED = (
    "help broadcast push campaign orders stats reload handback tickets ticket ship unanswered"
)


async def _noop(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    return Step()


def test_every_documented_command_is_declared_with_chinese_usage():
    assert set(COMMANDS.commands) == set(DOCUMENTED.split())
    for command in COMMANDS.commands.values():
        assert command.usage.startswith(f"/{command.name}")
        assert f"/{command.name}" in COMMANDS.help_text()


def test_one_declaration_builds_the_parser_and_the_synopsis():
    commands = CommandSet()
    commands.command(
        "stock",
        summary="查库存",
        args=[
            Arg("sku", "商品编号"),
            Arg("note", "备注", nargs="*"),
            Arg("--limit", "条数", default=10, type=int),
            Arg("--channel", "渠道", default="oa", choices=("oa", "kf")),
        ],
        details="例：/stock AP-1001",
    )(_noop)
    stock = commands.commands["stock"]
    assert stock.usage == (
        "/stock 商品编号 [备注] [--limit 条数] [--channel oa|kf]\n例：/stock AP-1001"
    )
    args = stock.parser.parse(["--limit", "3", "AP-1", "新", "品"])
    assert (args.sku, args.note, args.limit, args.channel) == ("AP-1", ["新", "品"], 3, "oa")
    with pytest.raises(UsageError, match="缺少商品编号"):
        stock.parser.parse([])
    with pytest.raises(UsageError, match=r"--limit（条数）：要写整数"):
        stock.parser.parse(["AP-1", "--limit", "many"])
    assert "查库存" in commands.help_for("stock") and "没有指令 /nope" in commands.help_for("nope")


def test_a_name_declared_twice_is_a_mistake_found_at_import():
    commands = CommandSet()
    commands.command("stats", summary="一")(_noop)
    with pytest.raises(ValueError, match="twice"):
        commands.command("stats", summary="二")(_noop)


@pytest.mark.parametrize(
    "message",
    [
        "the following arguments are required: x",
        "unrecognized arguments: --zz",
        "invalid int value: 'q'",
        "invalid choice: 'z' (choose from 'a', 'b')",
        "expected one argument",
        "ambiguous option: --l could match --limit, --lines",
        "something argparse may say one day",
    ],
)
def test_no_argparse_message_reaches_staff_in_english(message):
    said = chinese_error(message, {}, set())
    for english in ("required", "unrecognized", "invalid", "expected", "could", "something"):
        assert english not in said
