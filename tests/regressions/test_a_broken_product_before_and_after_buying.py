"""A problem with a product, asked before buying or told in anger, is heard for what it is:

* "掉色吗", "卫衣起球吗" ask about the goods: answered as a product question, never the
  after-sales "no order to claim" text;
* "坏了咋办" from a shopper with no order (on a card, or about a product talked about) is the
  shop's rule for that product (bad fruit refunded by the share, a device's warranty);
* an angry shopper whose goods stopped working ("用了两天就不加热了 什么破东西", "盖子拧不紧")
  gets an apology and the after-sales path (their order, or the honest no-order answer with
  人工), and what they say next ("你们怎么做质检的", "不想拍照 你们直接退") gets sorry and a
  human, never "还没学会" with an emoji and a sales prompt;
* a second description of the same fault never gets the same no-order text again, and none of
  them tells the shopper how to cancel an unpaid order.
"""

from __future__ import annotations

from tests.dialogs.transcript import Shop, paid_order

NO_ORDER_CLAIM = "没有可以申请售后的订单"
EMOJI = "😅"
SALES_PROMPT = "有没有保温杯"


async def test_whether_it_fades_is_a_question_about_the_goods(shop: Shop) -> None:
    await shop.chat().run(
        f"""
        > 四件套有几个颜色
        < 奶白
        > 掉色吗
        <! {NO_ORDER_CLAIM}
        <! 添麻烦
        > 卫衣起球吗
        <! {NO_ORDER_CLAIM}
        <! 添麻烦
        """
    )


async def test_what_if_it_breaks_is_the_rule_for_the_product(shop: Shop) -> None:
    await shop.chat().run(
        f"""
        > 车厘子新鲜吗
        < [图文] 智利车厘子JJ级
        > 坏了咋办
        < 按比例退款
        <! {NO_ORDER_CLAIM}
        """
    )
    await shop.chat().run(
        f"""
        > 电热水壶坏了怎么办
        < 保修一年
        <! {NO_ORDER_CLAIM}
        """
    )


async def test_an_angry_shopper_without_an_order_is_apologised_to(shop: Shop) -> None:
    await shop.chat().run(
        f"""
        > 我在你们这买的电热水壶用了两天就不加热了 什么破东西
        < 抱歉
        < {NO_ORDER_CLAIM}
        < 人工
        <! {EMOJI}
        <! {SALES_PROMPT}
        <! 取消订单
        > 你们怎么做质检的
        < 抱歉
        < 人工
        <! {EMOJI}
        <! 还没学会
        """
    )
    await shop.chat().run(
        f"""
        > 收到的杯子是坏的 盖子拧不紧 漏水 气死了
        <1 人工
        > 我要退款
        > 不想拍照 你们直接退
        < 抱歉
        < 人工
        <! {EMOJI}
        """
    )


async def test_a_fault_told_twice_is_not_answered_twice_alike(shop: Shop) -> None:
    await shop.chat().run(
        f"""
        > 耳机坏了
        < {NO_ORDER_CLAIM}
        <! 取消订单
        > 右边没声音 买了一个月
        < 人工
        <! {NO_ORDER_CLAIM}
        """
    )


async def test_a_fault_that_stops_heating_opens_after_sales_for_the_order(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "HM-5019")
    await chat.run(
        f"""
        > 用了两天就不加热了 什么破东西
        < 抱歉
        < {order.order_no}
        <! {EMOJI}
        """
    )
