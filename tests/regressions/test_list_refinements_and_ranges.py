"""A list on screen is narrowed by what the shopper says no to (不要辣的, 不要太甜的, 除了黑色的),
honestly when nothing listed is that; price ranges said in words (100到200的, 一百到两百的, 两三百的)
are ranges; a number past the first page picks from the whole list; 零时 is read as 零食."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_quality_said_no_to_takes_its_products_off_the_list(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 零食
        < 每日坚果
        > 不要辣的
        < 去掉辣的
        <! 麻辣牛肉干
        <! 您要哪一款
        > 不要太甜的
        < 去掉甜的
        <! 芝士夹心饼干
        """
    )
    assert await chat.state() == "browse:list"


async def test_nothing_listed_is_what_was_said_no_to(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣
        < 儿童纯棉卫衣
        > 不要辣的
        < 都不是辣的
        <! 您要哪一款
        """
    )


async def test_a_spec_value_said_no_to_keeps_products_that_come_in_others(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣
        < 重磅连帽卫衣
        > 除了黑色的
        < 黑色以外的可选
        """
    )


async def test_price_ranges_in_words(shop: Shop) -> None:  # noqa: F811
    for said in ("零食 100到200的", "零食 一百到两百的"):
        chat = shop.chat()
        await chat.run(
            f"""
            > {said}
            < 每日坚果
            <! 即食燕麦片
            """
        )
    chat = shop.chat()
    await chat.run(
        """
        > 耳机 两三百的
        < 主动降噪蓝牙耳机
        <! Type-C有线耳机
        """
    )


async def test_a_number_past_the_first_page_picks_from_the_whole_list(
    shop: Shop,  # noqa: F811
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 零食
        < 第1/6页
        > 第六个
        < 麻辣牛肉干
        <! 没太明白
        """
    )
    assert await chat.state() == "browse:card"


async def test_a_slip_of_the_snack_word(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 办公室零时推荐下
        < 挂耳咖啡
        <! 保温杯
        """
    )
