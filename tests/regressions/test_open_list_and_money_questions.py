"""A money question at the cart ("零食不是满99减10嘛 减了没") opened a list of snacks by its word
零食, and the list then came back under every later reply; 新人卷 (卷 typed for 券) was no coupon."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop

SNACKS = "螺蛳粉6袋的来3份 再加个辣条大礼包"  # ¥149.60, 零食满99减10 reached


@pytest.mark.parametrize(
    "asked", ["零食不是满99减10嘛 减了没", "零食满减减了没", "满99减10减没减啊"]
)
async def test_a_money_question_at_the_cart_is_answered_not_searched(
    shop: Shop, asked: str
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {SNACKS}
        < 零食满99减10：-¥10.00
        > {asked}
        < 零食满99减10已经够了，下单自动减¥10.00
        <! 您要哪一件
        """
    )


async def test_an_open_list_is_not_shown_again_under_other_answers(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {SNACKS}
        < 合计：¥139.60
        > 来个充电宝
        < 您要哪一件
        > 现在一共多少钱
        < 合计¥139.60
        <! 您要哪一件
        <! 20000mAh大容量充电宝 ¥129.00
        < 回复序号
        > 有没有满减
        < 零食满99减10已经够了
        <! 您要哪一件
        > 结算
        < 收货人姓名
        """
    )


@pytest.mark.parametrize("said", ["我有新人卷 能跟满减一起用吗", "用新人卷", "优惠卷NEWBIE15用上"])
async def test_a_coupon_typed_with_juan_is_the_coupon(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {SNACKS}
        < 合计：¥139.60
        > {said}
        < 已使用优惠券“新人券 满99减15”
        < 合计：¥124.60
        """
    )


async def test_stacking_with_the_offer_is_answered(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {SNACKS}
        < 合计：¥139.60
        > 新人券能和满减一起用吗
        < 可以和满减一起用
        """
    )


@pytest.mark.parametrize(
    "said", ["有券吗 用XIAOHE10", "我有优惠码 XIAOHE10 能用吗", "用下券 XIAOHE10"]
)
async def test_a_code_sent_with_a_coupon_question_is_applied_without_the_how_to(
    shop: Shop, said: str
) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", "保温杯要两个 500ml的 黑色")
    await chat.run(
        f"""
        > {said}
        < 已使用优惠券“全店通用券 满99减10”
        <! 下单确认时把券码发给我
        <! 每单限用一张券
        """
    )


async def test_a_code_with_another_question_still_answers_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", "保温杯要两个 500ml的 黑色")
    await chat.run(
        """
        > 用XIAOHE10 能开发票吗
        < 已使用优惠券“全店通用券 满99减10”
        < 发票
        """
    )


@pytest.mark.parametrize(
    ("said", "first"),
    [
        (
            "机械键盘茶轴白色来一个 再加个大号鼠标垫",
            "87键机械键盘（轴体:茶轴 颜色:白色）×1已加入购物车",
        ),
        (
            "保温杯黑色500ml来一个 再来件T恤",
            "316不锈钢保温杯（颜色:黑色 容量:500ml）×1已加入购物车",
        ),
    ],
)
async def test_the_first_of_two_products_is_said_added_while_the_second_is_chosen(
    shop: Shop, said: str, first: str
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < {first}
        < 请选择
        """
    )


async def test_a_line_still_choosing_its_spec_is_not_in_the_total(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 机械键盘茶轴白色来一个 再加个大号鼠标垫
        < 请选择尺寸
        > 键盘换成黑色的
        < 已把87键机械键盘改成黑色
        < 现在合计：¥199.00
        <! ¥228.90
        < 请选择尺寸
        """
    )
