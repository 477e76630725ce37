"""Conversations as a new shopper has them: the small words, half-corrections and questions
that the happy-path tests do not say, each one a way the bot used to lose the shopper."""

from __future__ import annotations

from tests.dialogs.transcript import Shop

T_SHIRT = "我要一件黑色M码的T恤"
HANGZHOU = "张三 13812345678 浙江省杭州市西湖区文三路90号"


async def test_the_quantity_question_says_how_to_answer(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        > 白色 L
        < 要买几件？
        < 回复数字
        > 嗯
        < 回复数字
        """
    )


async def test_only_the_street_is_corrected_and_the_rest_of_the_address_kept(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        f"""
        > {HANGZHOU}
        < 请核对订单
        > 地址写错了 是文三路100号
        < 已把地址改成浙江省杭州市西湖区文三路100号
        > 地址改成文二路8号
        < 已把地址改成浙江省杭州市西湖区文二路8号
        > 地址改成北京市朝阳区建国路88号
        < 已把地址改成北京市朝阳区建国路88号
        <! 西湖区
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.address == "北京市朝阳区建国路88号"


async def test_a_street_correction_at_the_address_step_keeps_the_district(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)  # 上海市浦东新区世纪大道100号
    await chat.run(
        """
        > 不对 应该是张江路8号
        < 已把地址改成上海市浦东新区张江路8号
        """
    )


async def test_the_receiver_is_corrected_by_its_label(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        f"""
        > {HANGZHOU}
        > 收货人不对 是李四
        < 已把收货人改成李四
        > 名字改成王芳
        < 已把收货人改成王芳
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.receiver_name == "王芳"
