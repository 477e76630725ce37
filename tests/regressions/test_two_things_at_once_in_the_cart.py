"""Two things said at once where one was lost: "俩一起多少钱 包邮不" on a card got the price of one
and the shop's whole shipping policy (俩一起 was read as no count); "芒果干200g来两包 再加一包海苔"
over a list asked the seaweed's flavour without saying the mango was added; "再配条裤子 一样的码"
after an M T-shirt was not understood (裤子 named one product only, and the size the same as
before did not pick among several); "灰蓝 再要个夏凉被" at the colour question said only the quilt
was noted. Each part is now taken and said."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize("said", ["俩一起多少钱 包邮不", "两个一共多少 包邮吗"])
async def test_the_total_for_two_says_its_postage(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > 保温杯
        > {said}
        < ¥99.00×2=¥198.00
        < 包邮
        <! 不满69元收6元运费
        """
    )


async def test_the_total_for_two_below_the_threshold_says_the_fee(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 芒果干
        > 俩一起多少钱 包邮不
        < ¥25.90×2=¥51.80
        < 运费¥6.00（满¥69.00包邮
        """
    )


async def test_both_products_from_a_list_are_said(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 零食
        < 零食（第1/6页）
        > 芒果干200g来两包 再加一包海苔
        < 芒果干（规格:200g）×2已加入购物车
        < 海苔脆片，请选择口味
        > 原味
        < 芒果干（规格:200g） ×2
        < 海苔脆片（口味:原味） ×1
        """
    )


@pytest.mark.parametrize(
    ("size", "said"), [("M", "再配条裤子 一样的码"), ("L", "再来条裤子 同样的码")]
)
async def test_trousers_in_the_same_size_as_the_shirt(shop: Shop, size: str, said: str) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要一件黑色{size}码的T恤
        < 已加入购物车
        > {said}
        < 尺码按{size}，和前面一样
        < 男士运动速干短裤，请选择颜色
        <! 没太明白
        > 黑色
        < 男士运动速干短裤（颜色:黑色 尺码:{size}） ×1
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:{size}） ×1
        """
    )


async def test_trousers_without_a_size_are_offered_not_a_second_shirt(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 再来条裤子
        < 您要哪一件
        < 男士商务休闲裤
        <! 现在共2件
        """
    )


async def test_a_colour_with_another_product_says_both(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 跑步鞋
        > 买
        < 请选择颜色
        > 灰蓝 再要个夏凉被
        < 轻便透气跑步鞋选了灰蓝，桑蚕丝夏凉被也记下了，先把尺码选好
        > 42
        < 桑蚕丝夏凉被，请选择尺寸
        > 1
        < 轻便透气跑步鞋（颜色:灰蓝 尺码:42） ×1
        < 桑蚕丝夏凉被（尺寸:150×200cm） ×1
        """
    )
