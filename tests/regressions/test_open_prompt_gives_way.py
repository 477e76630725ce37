"""An open question took over messages that were clearly something else: at the colour question
"下单吧" / "帮我下单" got "想买的商品直接发名字就行", "结算吧" got "没太明白", "就这些了" got
"不客气～"; at the count question "帮我下单" and "就这些了" asked the count again; at the name
question "提交" and "下单吧" became the receiver's name. Every open question now gives way by one
rule (bot/dialogs/moving_on.py): a word that moves on goes to the checkout (a count of one, an
unfinished line let go, or what is still needed said), the receiver's details are kept."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import make_shop  # noqa: F401
from tests.dialogs.transcript import Shop

GO_ON = ("结算吧", "下单吧", "帮我下单", "可以下单了", "就这些了", "好了就这些", "提交", "确认下单")


@pytest.mark.parametrize("said", GO_ON)
async def test_at_the_only_line_s_spec_question_says_what_is_missing(
    make_shop,  # noqa: F811
    said: str,
) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 买保温杯
        < 请选择颜色
        > {said}
        < 下单前还要选一下颜色、容量
        < 请选择颜色
        <! 想买的商品直接发名字
        <! 没太明白
        <! 不客气
        > 黑色 500ml
        < 要买几件
        > {said}
        < 数量先按1件算
        < 收货人姓名
        """
    )


@pytest.mark.parametrize("said", GO_ON)
async def test_at_one_more_product_s_spec_question_the_ready_cart_checks_out(
    make_shop,  # noqa: F811
    said: str,
) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要个黑色350ml的保温杯
        > 再来件T恤
        < 请选择颜色
        > {said}
        < T恤还没选好颜色、尺码，先不加了
        < 收货人姓名
        """
    )
    await chat.run(
        """
        > 张三 13800000000 上海市浦东新区世纪大道100号
        < 316不锈钢保温杯（颜色:黑色 容量:350ml） ×1
        <! 纯棉圆领短袖T恤
        """
    )


@pytest.mark.parametrize("said", ("提交", "下单吧", "好了就这些", "确认"))
async def test_a_go_on_word_is_never_the_receiver_s_name(make_shop, said: str) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        f"""
        > {said}
        < 还差收货人
        < 收货人姓名
        <! 手机号是多少
        > 李雷
        < 手机号
        > {said}
        < 还差手机号
        > 13900001111
        < 收货地址
        > {said}
        < 还差收货地址
        <! 想买的商品直接发名字
        """
    )


async def test_an_address_at_the_count_question_is_the_address(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 雾霾蓝 500ml
        < 要买几件
        > 广东省深圳市南山区科技园路8号 王小明 13700001111
        < 数量先按1件算
        < 请核对订单
        < 316不锈钢保温杯（颜色:雾霾蓝 容量:500ml） ×1
        < 地址：广东省深圳市南山区科技园路8号
        """
    )


async def test_an_address_at_the_spec_question_is_kept_and_the_spec_asked(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要件T恤
        < 请选择颜色
        > 浙江省杭州市西湖区文三路100号 赵敏 13600002222
        < 收货人、手机号、地址记下了
        < 请选择颜色
        > 灰色 L
        < 已加入购物车
        > 结算
        < 请核对订单
        < 地址：浙江省杭州市西湖区文三路100号
        <! 收货人姓名
        """
    )


@pytest.mark.parametrize("said", ("下单吧", "帮我下单", "确认下单"))
async def test_a_list_asking_which_one_hands_over_to_the_order(make_shop, said: str) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 有什么水杯
        < 耐热玻璃水杯
        > 来一个
        < 您要哪一款
        > {said}
        < 您要哪一件
        <! 想买的商品直接发名字
        > 2
        < 耐热玻璃水杯
        """
    )


async def test_a_question_with_a_go_on_word_is_still_answered(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要个保温杯
        > 下单后多久发货
        <! 下单前还要选一下
        < 请选择颜色
        """
    )
