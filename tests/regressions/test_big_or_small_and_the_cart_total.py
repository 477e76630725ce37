""" "大的" / "小号的" for a spec whose values are measures (80×30cm / 90×40cm, 350ml / 500ml) is the
biggest or smallest of them; "多大的" still asks. A line whose spec is not chosen yet is in the
cart without a price and out of its totals, so they add up to the prices shown."""

from tests.dialogs.transcript import Shop


async def test_the_big_mouse_pad_is_the_bigger_size(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 87键机械键盘
        > 那红轴黑色来一个 再加个鼠标垫大的
        < 加大鼠标垫（尺寸:90×40cm） ×1
        <! 请选择尺寸
        """
    )


async def test_the_small_cup(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯要黑色小号的 来一个
        < 316不锈钢保温杯（颜色:黑色 容量:350ml） ×1
        """
    )


async def test_how_big_chooses_nothing(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买鼠标垫
        < 请选择尺寸
        > 多大的
        <! 尺寸:
        """
    )


async def test_a_line_still_to_choose_is_not_in_the_total(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 87键机械键盘
        > 那红轴黑色来一个 再加个鼠标垫
        < 请选择尺寸
        > 购物车
        < 加大鼠标垫（还没选完：尺寸）
        < 商品合计：¥219.00
        <! ¥248.90
        """
    )
