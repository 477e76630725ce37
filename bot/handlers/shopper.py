"""Shopper text: greetings, thanks, and an honest fallback that offers a human."""

from __future__ import annotations

from bot.protocol import Inbound
from bot.router import Router
from bot.step import Context, Step

WELCOME = (
    "您好，欢迎光临！我是店铺小助手，可以帮您：\n"
    "1. 逛逛商品（回复“逛逛”或直接说想要什么）\n"
    "2. 下单购买\n"
    "3. 查订单、查物流（回复“我的订单”）\n"
    "4. 退换货与售后\n"
    "随时回复“人工”联系客服。"
)
FALLBACK = (
    "抱歉，这个问题我还没学会😅。您可以换个说法，或者告诉我想买什么，例如“有没有保温杯”。\n"
    "需要人工客服请回复“人工”。"
)
THANKS = "不客气！有需要随时找我～"


async def greet(msg: Inbound, ctx: Context) -> Step:
    return Step.say(WELCOME)


async def thank(msg: Inbound, ctx: Context) -> Step:
    return Step.say(THANKS)


async def fallback(msg: Inbound, ctx: Context) -> Step:
    return Step.say(FALLBACK)


def register(router: Router) -> None:
    router.word("你好", "您好", "hi", "hello", "在吗", "在不在", "菜单", "帮助")(greet)
    router.word("谢谢", "多谢", "谢啦", "再见", "拜拜")(thank)
    router.intent("greeting")(greet)
    router.intent("thanks_bye")(thank)
    router.fallback(fallback)
