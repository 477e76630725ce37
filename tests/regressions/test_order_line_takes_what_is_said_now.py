"""An order line takes the product, spec and count the shopper names in it: a spec mentioned in
an earlier question on the card never replaces the one said with the order."""

from tests.dialogs.transcript import Shop


async def test_the_spec_said_with_the_order_wins_over_one_asked_about(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 350的和500的价格一样吗
        > 黑色500ml两个
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×2
        <! 350ml
        """
    )


async def test_the_colour_said_with_the_order_wins_over_one_asked_about(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 纯棉T恤
        > 有白色L码吗
        > 黑色的来三件
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×3
        """
    )


async def test_a_spec_asked_about_still_goes_into_the_order_said_without_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 有雾霾蓝500ml的吗
        > 来两个
        < 316不锈钢保温杯（颜色:雾霾蓝 容量:500ml） ×2
        """
    )
