"""A word for things of one character (鞋子, 裤子, 包包, a lone 鞋) found nothing unless a product
had it as an alias: "有鞋子卖吗" was told the shop sells no shoes, "鞋有哪些" found nothing, though
the shop sells 百搭帆布鞋 and 轻便透气跑步鞋. Such a word reaches every product whose name ends in
that character."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("asked", ["有鞋子卖吗", "鞋有哪些", "鞋子有哪些", "想买双鞋子"])
async def test_shoes_asked_by_the_one_character_word(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 百搭帆布鞋
        < 轻便透气跑步鞋
        <! 不卖
        <! 没有找到
        """
    )


async def test_trousers_are_all_listed(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 裤子有哪些
        < 女士高腰直筒牛仔裤
        < 男士商务休闲裤
        < 男士运动速干短裤
        < 儿童加绒运动裤
        """
    )


async def test_cups_by_name_as_well_as_by_alias(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 杯子有哪些
        < 316不锈钢保温杯
        < 耐热玻璃水杯
        """
    )


@pytest.mark.parametrize(
    ("asked", "found"), [("有被子吗", "桑蚕丝夏凉被"), ("帽子有吗", "纯棉棒球帽")]
)
async def test_a_single_product_of_the_kind(shop: Shop, asked: str, found: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < {found}
        <! 不卖
        """
    )


async def test_a_word_that_is_no_kind_of_the_character(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有包子吗
        < 不卖包子
        <! 大礼包
        """
    )


async def test_a_handbag_is_no_snack_pack(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有包包吗
        < 我们店不卖包包哦
        <! 零食大礼包
        """
    )
