"""Moving on (结算, 确认) where the form cannot: "还差这一步，选好就能继续～" was said at the
confirmation, where nothing is left to choose, and at the product step with no product at all.
A coupon given while a ¥259 item waited for its count was refused "需满¥99" (checked against an
empty cart) and missing from the order; a 备注 sent before any order got "您还没有订单"."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_checkout_at_the_confirmation_asks_to_confirm(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:confirm")
    for said in ("结算", "去结算", "付款"):
        await chat.run(
            f"""
            > {said}
            < 订单还没提交：回复“确认”提交
            <! 还差这一步
            <! 选好就能继续
            """
        )
    await chat.run(
        """
        > 确认
        < 下单成功
        """
    )


async def test_moving_on_with_no_product_says_so(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 曹颖 13544443333 浙江省宁波市鄞州区天童路1号
        < 想买哪件商品
        > 确认
        < 还没选商品
        <! 选好就能继续
        """
    )


async def test_a_step_with_a_choice_left_still_says_what_is_missing(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买保温杯
        < 请选择颜色
        > 确认
        < 下单前还要选一下颜色、容量
        < 请选择颜色
        """
    )


async def test_coupon_before_the_count_is_kept(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 跑步鞋有吗
        < [图文] 轻便透气跑步鞋
        > 灰蓝43
        < 要买几件
        > 用XIAOHE10
        < 已使用优惠券“全店通用券 满99减10”，减¥10.00
        <! 需满
        > 结算
        > 高峰 13611110000 山东省济南市历下区泉城路1号
        < 优惠券 全店通用券 满99减10：-¥10.00
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 我要买跑步鞋 全黑 42
        < 要买几件
        > 券码XIAOHE10
        <! 需满
        > 2
        < 优惠券 全店通用券 满99减10：-¥10.00
        """
    )


async def test_a_cheap_item_waiting_for_its_count_still_needs_the_spend(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 我要买抽纸
        < 要买几件
        > 用XIAOHE10
        < 需满¥99.00
        """
    )


async def test_a_note_before_any_order_is_kept_for_it(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 备注周末送放门卫
        < 已备注：周末送放门卫
        <! 您还没有订单
        > 我要一件黑色M码的T恤
        > 结算
        > 王芳 13812345678 上海市浦东新区世纪大道100号
        < 备注：周末送放门卫
        """
    )
    other = shop.chat()
    await other.run(
        """
        > 备注 不要放快递柜
        < 已备注：不要放快递柜
        < 想买哪件商品
        """
    )
