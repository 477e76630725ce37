"""Name, phone and address sent with a product name that fits several (买一箱苹果 …) are kept
while the shopper picks, a name without a common surname (次仁) among them too, and products
that cannot go to that address are said at once, not only at the confirmation."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_fruit_to_tibet_is_said_at_once_and_the_receiver_is_kept(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 买一箱苹果 寄到西藏拉萨市城关区北京中路1号 次仁 13908901234
        < 暂不发西藏
        < 您要哪一件
        > 1
        < 请选择规格
        > 5斤
        < 收货人：次* 139****1234
        < 地址：西藏拉萨市城关区北京中路1号
        <! 请告诉我收货人姓名
        """
    )


async def test_an_address_given_after_the_fruit_is_chosen_is_warned(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 我要一箱烟台红富士苹果 5斤的
        < 已加入购物车
        > 结算
        < 收货人姓名
        > 地址是西藏拉萨市城关区北京中路1号
        < 烟台红富士苹果暂不发西藏
        < 收货人姓名
        """
    )


async def test_an_address_that_can_take_the_fruit_says_nothing_of_it(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买一箱苹果 寄到浙江省杭州市西湖区文三路1号 次仁 13908901234
        <! 暂不发
        > 1
        > 5斤
        < 收货人：次* 139****1234
        > 确认
        < 下单成功
        """
    )
