"""What a shopper types is read as meant: a mistyped spec value on a card (雾霾兰有吗 is 雾霾蓝)
answers its stock, a measure said in Chinese (20000毫安) picks the product whose name holds it
and not its 10000mAh sibling too, and a product fact asked of a kind with a wish (能带上飞机的
充电宝 要轻一点的) says the fact and shows the products, the ones meeting the wish first."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_mistyped_colour_on_a_card(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 有没有保温杯
        < 316不锈钢保温杯
        > 雾霾兰有吗
        < 雾霾蓝有货
        <! 不太确定
        > 雾霾篮的500ml有没有
        < 雾霾蓝
        <! 不太确定
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 开衫
        < 羊毛混纺针织开衫
        > 燕卖色有吗
        < 燕麦色
        <! 不太确定
        """
    )


async def test_a_measure_said_in_chinese_picks_the_product_named_by_it(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 20000毫安的充电宝
        < 20000mAh大容量充电宝
        <! 10000mAh超薄充电宝
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 10000毫安的充电宝有吗
        < 10000mAh超薄充电宝
        <! 20000mAh大容量充电宝
        """
    )


async def test_a_fact_asked_of_a_kind_with_a_wish_shows_the_products(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 有没有能带上飞机的充电宝 要轻一点的
        < 10000mAh超薄充电宝：额定能量37Wh，低于100Wh，可以随身带上飞机
        < 回复“买”下单
        > 买
        < 请选择颜色
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 能带上高铁的充电宝有吗
        < 可以随身带上飞机和高铁，但不能托运
        < 回复序号看详情
        > 2
        < mAh
        """
    )
