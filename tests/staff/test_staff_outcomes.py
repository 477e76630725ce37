"""Staff commands answer in Chinese whatever goes wrong, and the audit records what really
happened: ok, a usage error, a refusal (not allowed, or declined), or a failure."""

from __future__ import annotations

import re

import pytest

from bot.gateway import create_app
from bot.handlers.staff import COMMANDS
from bot.handlers.staff.registry import FAILED
from bot.simulator import CallbackBuilder
from mockwechat import create_mock_app
from tests.staff.kit import NOT_STAFF, SHOPPER, STAFF, Chat, bot_config, services_of, staff_router

ENGLISH = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
async def mock_api(aiohttp_server):
    return await aiohttp_server(create_mock_app())


@pytest.fixture
async def bot(aiohttp_client, mock_api):
    config = bot_config(mock_api)
    return await aiohttp_client(create_app(config, router_factory=staff_router))


def wecom(bot, user: str = STAFF) -> Chat:
    return Chat(bot, CallbackBuilder(services_of(bot).config, "wecom"), user)


def hint(reply: str) -> str:
    """What a usage error says is wrong: the part before the usage lines (which show the
    command's own syntax, --limit and all)."""
    assert reply.startswith("参数有误"), reply
    return reply.split("。用法：")[0]


async def outcomes(bot, action: str) -> list[str]:
    entries = await services_of(bot).db.audit.recent(target="command")
    return [e.detail["outcome"] for e in reversed(entries) if e.action == action]


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("/orders --limit abc", "要写整数，“abc”不是"),
        ("/orders --limit", "后面要写上值"),
        ("/ship SB20250314K7QX2M9CDV0H", "缺少快递、单号"),
        ("/handback", "缺少顾客编号"),
        ("/handback 17 --channel moon", "只能是 oa、wecom、kf"),
        ("/stats today", "多了看不懂的内容“today”"),
        ("/unanswered --days x", "--days（天数）：要写整数"),
        ("/campaign", "要写操作：list、add、pause、resume、cancel"),
        ("/campaign stop 3", "不认识的操作“stop”"),
        ("/campaign pause abc", "活动编号应是数字"),
        ("/ticket", "缺少售后单号"),
    ],
)
async def test_argument_errors_are_told_in_chinese_with_the_usage(bot, command, says):
    reply = await wecom(bot).say(command)
    assert says in hint(reply)
    assert "用法：\n/" + command.split()[0][1:] in reply
    for english in ("required", "invalid", "unrecognized", "argument", "expected", "Traceback"):
        assert english not in reply
    assert not ENGLISH.search(_without_syntax(hint(reply), reply)), reply


def _without_syntax(said: str, reply: str) -> str:
    """The hint without what staff typed (quoted) and the command's own words (its usage)."""
    said = re.sub(r"“[^”]*”", "", said)
    usage = reply.split("用法：", 1)[1]
    for word in sorted(set(re.findall(r"--?[a-z]+|[a-z]+", usage)), key=len, reverse=True):
        said = said.replace(word, "")
    return said


async def test_the_audit_records_the_real_outcome(bot):
    chat = wecom(bot)
    await chat.say("/orders")  # ok
    await chat.say("/orders --limit 0")  # usage error
    await chat.say("/orders SB20250101AAAAAAAAAAAA")  # no such order: declined
    assert await outcomes(bot, "staff.orders") == ["ok", "usage_error", "refused"]
    await wecom(bot, NOT_STAFF).say("/orders")
    [refused] = [e for e in await services_of(bot).db.audit.recent() if e.action == "staff.refused"]
    assert (refused.detail["reason"], refused.detail["outcome"]) == ("not_staff", "refused")


async def test_a_command_that_breaks_is_answered_audited_and_counted(bot, monkeypatch):
    async def broken(*args: object) -> object:
        raise RuntimeError("the database went away")

    command = COMMANDS.commands["stats"]
    monkeypatch.setitem(
        COMMANDS.commands, "stats", command.__class__(**{**vars(command), "run": broken})
    )
    reply = await wecom(bot).say("/stats")
    assert reply == FAILED
    assert "RuntimeError" not in reply and "database" not in reply
    [entry] = [e for e in await services_of(bot).db.audit.recent() if e.action == "staff.stats"]
    assert entry.detail["outcome"] == "failed" and entry.detail["ok"] is False
    assert services_of(bot).metrics.handler_errors.labels("wecom")._value.get() == 1


async def test_handback_takes_the_number_and_the_raw_id_and_names_the_shopper_by_number(bot):
    db = services_of(bot).db
    number = await db.shoppers.number_for("oa", SHOPPER)
    chat = wecom(bot)
    for typed in (str(number), f"#{number}", SHOPPER, f"{SHOPPER} --channel oa"):
        reply = await chat.say(f"/handback {typed}")
        assert reply == f"顾客 #{number} 当前没有在等人工客服。"
    assert await outcomes(bot, "staff.handback") == ["refused"] * 4


async def test_handback_to_a_number_nobody_has_says_so_and_numbers_nobody(bot):
    reply = await wecom(bot).say("/handback 42")
    assert reply == "没有顾客 #42，请核对转人工提醒里的编号。"
    assert await services_of(bot).db.shoppers.find(1) is None  # "42" was not taken for an id
    assert await wecom(bot).say("/handback oNobodyTypedThis") == "这位顾客当前没有在等人工客服。"
    assert await services_of(bot).db.shoppers.find(1) is None
