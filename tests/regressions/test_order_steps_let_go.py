"""A count said again for a product already in the cart ("坚果一盒就行了", "坚果就要一个") changes
that line's count, at the cart and at the receiver's questions; it opened a new line of the same
product whose spec question then took 结算, the receiver's details, the phone fix and 确认, so the
shopper could not check out. And a spec question for one more product never holds the order:
结算 / 确认 or the receiver's details there let the unfinished line go (said so) and move on."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_count_for_a_product_in_the_cart_changes_its_line(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 帮我拿两盒每日坚果 要30袋的
        < ×2
        > 再来一包夏威夷果
        < 夏威夷果
        > 坚果一盒就行了
        < 已把每日坚果改成1件
        < 每日坚果（规格:30袋礼盒） ×1
        <! 请选择规格
        > 结算
        < 收货人姓名
        > 小王 13812345678 浙江省杭州市西湖区文三路100号
        < 请核对订单
        > 手机号打错了 尾号是5679
        < 已把手机号改成138****5679
        <! 请选择规格
        > 确认
        < 下单成功
        """
    )


async def test_a_count_with_the_name_at_the_receiver_questions(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 帮我拿两盒每日坚果 要30袋的
        < ×2
        > 再来一包夏威夷果
        < 夏威夷果
        > 结算
        < 收货人姓名
        > 坚果就要一个
        < 已把每日坚果改成1件
        <! 请选择规格
        """
    )


async def test_checkout_at_the_spec_question_of_one_more_product(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < ×2
        > 再来个保温杯
        < 请选择
        > 结算
        < 保温杯还没选好颜色、容量，先不加了
        < 收货人姓名
        <! 还差这一步
        > 小王 13812345678 浙江省杭州市西湖区文三路100号
        < 请核对订单
        <! 保温杯
        """
    )


async def test_receiver_details_at_the_spec_question_of_one_more_product(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < ×2
        > 再来个保温杯
        < 请选择
        > 小王 13812345678 浙江省杭州市西湖区文三路100号
        < 先不加了
        < 请核对订单
        <! 请选择
        > 确认
        < 下单成功
        """
    )
