"""Coupon questions at the order check, and questions with 退 that are not about returns.

At the check of an order, 有券吗 got the FAQ on how to type a code, not the coupon this order can
use; a refused coupon (FRUIT20 on a lamp) said "没有可用的券也没关系" and then offered NEWBIE15.
降价了能退差价吗 got the return policy (the 退 of 退差价), and 有运费险么 (么 typed for 吗) the
general return policy instead of the 运费险 answer.
"""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop

LAMP_ORDER = """
    > 我要一个白色的护眼台灯
    > 张三 13812345678 上海市浦东新区世纪大道100号
"""


async def test_a_refused_coupon_names_the_one_that_applies(shop: Shop) -> None:
    await shop.chat().run(
        LAMP_ORDER
        + """
        > FRUIT20
        < 只能用在水果生鲜
        < NEWBIE15
        <! 没有可用的券也没关系
        """
    )


@pytest.mark.parametrize("asked", ["有券吗", "有什么券能用", "能用啥券"])
async def test_which_coupon_at_the_check_is_this_orders_best(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        LAMP_ORDER
        + f"""
        > {asked}
        < 有的，可用优惠券
        < NEWBIE15
        <! 券码发给我
        """
    )


async def test_which_coupon_once_one_is_used(shop: Shop) -> None:
    await shop.chat().run(
        LAMP_ORDER
        + """
        > NEWBIE15
        > 还有券吗
        < 这单已经用了优惠券
        < 每单限用一张券
        """
    )


async def test_a_small_order_hears_how_far_it_is_from_a_coupon(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 我要一包原味海苔脆片
        > 张三 13812345678 上海市浦东新区世纪大道100号
        > 有券吗
        < 还差
        <! 券码发给我
        """
    )


@pytest.mark.parametrize("asked", ["我昨天买的今天降价了 能退差价吗", "刚买就降价了 能退差价不"])
async def test_price_protection_is_not_the_return_policy(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 退差价
        <! 无理由退货
        """
    )


@pytest.mark.parametrize("asked", ["有运费险么", "退货有运费险么"])
async def test_ma_typed_for_a_question_mark(shop: Shop, asked: str) -> None:
    await shop.chat().run(
        f"""
        > {asked}
        < 运费险
        <! 七天无理由
        """
    )


async def test_price_and_coupon_asked_together_list_the_offers_once(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        > 多少钱 能用券吗
        < ¥99.00
        < 可以用券
        <! 现在可用的优惠
        <1 NEWBIE15
        """
    )
