"""Frustration with the bot ("你好笨", "听不懂人话吗", "垃圾机器人") gets a short apology and 人工
offered, in and out of dialogs; never the welcome, the catalogue or "没太明白" again, and the step
under way asks again. A product with such a word in its name (垃圾袋) is still a product."""

from __future__ import annotations

from bot.handlers.smalltalk import Small, kind
from tests.dialogs.transcript import Shop


async def test_outside_a_dialog_an_apology_and_a_human_offer(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 你好
        < 欢迎光临
        > 你好笨啊
        < 实在抱歉
        < 回复“人工”
        <! 欢迎光临
        > 说了半天都听不懂
        < 真的很抱歉，回复“人工”
        <! 😊
        > 人工
        < [转人工]
        """
    )


async def test_in_a_dialog_the_step_asks_again_after_the_apology(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 你是不是傻
        < 实在抱歉
        < 收货人姓名
        <! 没太明白
        """
    )
    browsing = shop.chat()
    await browsing.run(
        """
        > 有T恤吗
        < [图文] 纯棉圆领短袖T恤
        > 垃圾机器人
        < 实在抱歉
        <! 纯棉圆领短袖T恤 ¥59.00
        <! 不太确定
        """
    )


def test_only_frustration_alone_is_read_so() -> None:
    for said in ("听不懂人话吗", "垃圾机器人", "什么破客服", "答非所问", "太蠢了吧"):
        assert kind(said) is Small.ABUSE, said
    for said in ("有垃圾袋吗", "这个笨重吗", "你好笨 我要退货", "垃圾机器人 转人工"):
        assert kind(said) is not Small.ABUSE, said
