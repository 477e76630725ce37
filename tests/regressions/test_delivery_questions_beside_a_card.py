"""Delivery questions are the shop's policy wherever they are asked: a city the FAQ's questions do
not name (寄哈尔滨几天能到啊) made a card's product the subject ("关于开衫的这个问题我不太确定");
明天能到吗 got the general delivery days without saying next day is not promised; 发北京几天到
right after 什么时候发货 said the whole ship-time paragraph again before the days."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_city_asked_on_a_card_gets_the_delivery_days(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 开衫
        < [图文] 羊毛混纺针织开衫
        > 寄哈尔滨几天能到啊
        < 2-4天
        <! 不太确定
        > 发到西安要几天
        < 2-4天
        <! 不太确定
        """
    )


async def test_next_day_is_said_not_promised(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 降噪耳机
        > 明天能到上海吗
        < 明天到不能保证
        < 16:00前付款当天发出
        < 江浙沪一般1-2天
        <! 不太确定
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 今天下单明天能到杭州吗
        < 明天到不能保证
        > 隔天能到广州吗
        < 明天到不能保证
        """
    )


async def test_delivery_days_after_the_ship_time_say_it_once(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 今天下午五点下单今天能发吗
        < 16:00后次日发出
        > 发北京几天到
        < 2-4天
        <! 水果生鲜按采摘批次发货
        <! 预售商品
        > 寄到成都多久能到
        < 2-4天
        <! 预售商品
        """
    )
