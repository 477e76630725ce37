"""/handback: end a shopper's hand-off to a human (bot/handlers/handoff.py holds the hand-off).

Staff name the shopper by the number of the alert (`/handback 17` or `#17`, which also says the
channel); the shopper's raw id with `--channel` works as before.
"""

from __future__ import annotations

import argparse

from bot.business.shoppers import known_number, label, shopper_no, typed_number
from bot.handlers.handoff import hand_back
from bot.handlers.staff.registry import Arg, Declined, command
from bot.protocol import Inbound
from bot.step import Context, Step
from bot.storage.shoppers import NumberedShopper


@command(
    "handback",
    summary="把转人工的顾客交还给智能助手",
    args=[
        Arg("user", "顾客编号"),
        Arg("--channel", "渠道", default="oa", choices=("oa", "wecom", "kf")),
    ],
    details="顾客编号是转人工提醒里 # 后面的数字，例：/handback 17（不用再写渠道）",
)
async def handback(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    number = typed_number(args.user)
    found = await ctx.services.db.shoppers.find(number) if number is not None else None
    # Not a number anybody has: the shopper's id as staff typed it before numbers existed (an
    # all-digit WeCom id too).
    shopper = found or NumberedShopper(args.channel, args.user.strip())
    if await hand_back(ctx.services, shopper.channel, shopper.user, actor=f"staff:{msg.user}"):
        name = label(await shopper_no(ctx.services, shopper.channel, shopper.user))
        return Step.say(f"已把{name} 交还给智能助手，并通知了顾客。")
    if number is not None and found is None:
        raise Declined(f"没有顾客 #{number}，请核对转人工提醒里的编号。")
    known = await known_number(ctx.services, shopper.channel, shopper.user)
    name = f"{label(known)} " if known is not None else "这位顾客"
    raise Declined(f"{name}当前没有在等人工客服。")
