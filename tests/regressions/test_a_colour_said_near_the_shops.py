"""A colour said plainly (粉色, 灰色) is the one shade of it the product comes in (浅粉, 深灰), in
a change at the cart and in an order; a colour two shades share, or none has, chooses nothing."""

from tests.dialogs.transcript import Shop


async def test_pink_is_the_light_pink_with_the_size_changed_too(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 冰丝防晒衣
        > 要浅蓝 L
        < 冰丝防晒衣（颜色:浅蓝 尺码:L） ×1
        > 那算了 换成粉色 M码
        < 已把冰丝防晒衣改成浅粉、M
        < 冰丝防晒衣（颜色:浅粉 尺码:M） ×1
        """
    )


async def test_grey_trousers_are_the_dark_grey(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 男士商务休闲裤
        > 1
        > 要一条灰色的 32码
        < 男士商务休闲裤（颜色:深灰 尺码:32） ×1
        """
    )


async def test_a_colour_two_values_share_is_asked(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 女士高腰直筒牛仔裤
        > 要蓝色的 27码
        <! 颜色:浅蓝
        <! 颜色:深蓝
        < 浅蓝
        """
    )
