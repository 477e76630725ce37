"""Small talk said in a phrase gets a reply in kind, in and out of a dialog: praise is not a search
for 智能 goods, the weather is no 没太明白, and being back is not a question about the card."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_praise_weather_and_being_back_outside_a_dialog(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 哈哈 你还挺聪明的嘛
        < 谢谢夸奖
        <! 表带
        > 这两天降温了 好冷啊
        < 注意保暖
        <! 没太明白
        > 外面好热
        < 防暑
        > 我回来啦 你还在吗
        < 欢迎回来
        <! 没学会
        """
    )


async def test_small_talk_on_a_card_keeps_the_card(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 有保温杯吗
        < 316不锈钢保温杯
        > 真贴心啊
        < 谢谢夸奖
        <! 不太确定
        > 我又回来了 在不在
        < 欢迎回来
        <! 不太确定
        < 回复“买”下单
        > 今天又下雨了
        < 注意安全
        <! 没太明白
        """
    )


async def test_small_talk_with_an_ask_besides_is_the_ask(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 今天好冷 有羽绒服吗
        < 羽绒服
        <! 注意保暖
        """
    )


async def test_weather_after_a_laugh_is_small_talk(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 哈哈 今天好冷啊
        < 注意保暖
        <! 不太确定
        """
    )
