"""Every part of a question about a product is answered: the colours of one spec value
("500ml有啥颜色", not "500ml有货"), a length and whether it suits the height given ("裤长多少
我160会不会太长"), and a question its description answers before its card ("蓝牙音箱防水吗"),
where the 蓝 of 蓝牙 is no colour."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_colours_of_one_capacity(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 500ml有啥颜色
        < 500ml的颜色有白色、黑色、雾霾蓝，都有货
        > 350的有哪些颜色
        < 350ml的颜色有白色、黑色、雾霾蓝
        > 有黑色吗
        < 黑色有货
        <! 颜色有白色
        """
    )


async def test_a_length_and_whether_it_suits_the_height(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 牛仔裤
        < 女士高腰直筒牛仔裤
        > 裤长多少 我160会不会太长
        < 裤长约98cm
        < 160cm穿会不会太长
        < 人工
        <! 回复“买”下单
        > 我158穿着会不会太长
        < 158cm穿会不会太长
        <! 尺码表
        """
    )
    await shop.chat().run(
        """
        > 皮带
        < 真皮自动扣腰带
        > 多长 我身高180会不会太短
        < 110cm、120cm、130cm
        < 180cm穿会不会太短
        """
    )


async def test_bluetooth_is_no_colour_and_the_question_comes_first(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 蓝牙音箱防水吗
        < 便携蓝牙音箱：IPX7防水
        <! 蓝色有货
        """
    )
    await shop.chat().run(
        """
        > 蓝牙音箱能防水吗
        < 便携蓝牙音箱：IPX7防水
        <! 蓝色有货
        """
    )
    await shop.chat().run(
        """
        > 蓝牙耳机有白色吗
        < 白色有货
        """
    )
    await shop.chat().run(
        """
        > 白T有M码吗
        < 白色M码有货
        """
    )
