"""Corrections and references, round 3: a count-by-value correction splits the cart line ("一件
黑色一件白色" keeps the size), the value after 那要 / 那就 replaces the pending line's one, 同样码
takes the size of the line before, a spec name (码) is no quality to compare, 那个 is the one
product just named, and a shipping question with a cart says how far it is from free shipping."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    "said", ["不对 一件黑色一件白色", "不对，黑色一件白色一件", "错了 要一件黑色 一件白色的"]
)
async def test_a_count_for_each_value_splits_the_line(shop: Shop, said: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要两件黑色L码的T恤
        < ×2
        > {said}
        < 1. 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×1
        < 2. 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        < 商品合计：¥118.00
        """
    )


@pytest.mark.parametrize("said", ["没有M吗 那要S", "那要S吧", "M码算了 那就S"])
async def test_the_value_after_then_replaces_the_pending_one(shop: Shop, said: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 连衣裙
        > 2
        > 白色M
        < 要买几件
        > {said}
        < 尺码:S
        <! 尺码:M
        > 1
        < 尺码:S） ×1
        """
    )


@pytest.mark.parametrize("said", ["同样码", "一样的码", "同码", "尺码一样"])
async def test_the_same_size_as_the_line_before(shop: Shop, said: str) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要一件黄色120的儿童纯棉卫衣
        < 已加入购物车
        > 再来条加绒裤 黑色 {said}
        < 2. 儿童加绒运动裤（颜色:黑色 尺码:120） ×1
        <! 请选择尺码
        """
    )


async def test_the_same_size_said_at_the_size_question(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黄色120的儿童纯棉卫衣
        < 已加入购物车
        > 再来条加绒裤 黑色
        < 请选择尺码
        > 跟上一件一样的码
        < 儿童加绒运动裤（颜色:黑色 尺码:120）
        """
    )


async def test_the_same_size_the_product_lacks_is_asked(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 再来条加绒裤 黑色 同样码
        < 请选择尺码
        """
    )
