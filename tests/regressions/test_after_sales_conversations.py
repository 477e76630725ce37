"""After-sales conversations that went wrong in the demo shop:

* a fault with something bought, in words the matcher reads as a repair question or a product
  search ("充不进去电", "充电宝充不进去电", "耳机没声音了"), opens the after-sales form for the
  shopper's order with the fault as the reason, never "还没学会" or a request for the order
  number the bot already knows; whether a product would fail ("亮不亮") is no fault;
"""

from __future__ import annotations

from bot.dialogs.aftersales.form import is_complaint
from bot.storage import Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

KIND_QUESTION = "请问您想怎么处理"
NOT_LEARNT = "还没学会"


async def _shipped(shop: Shop, user: str, sku: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    return await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1234567890", actor="t")


async def test_a_fault_with_what_was_bought_opens_the_after_sales_form(shop: Shop) -> None:  # noqa: F811
    for said in ("充不进去电", "充电宝充不进去电", "买的充电宝充不上电了"):
        chat = shop.chat()
        order = await _shipped(shop, chat.user, "EA-6005")
        await chat.run(
            f"""
            > {said}
            < 售后订单：{order.order_no}
            < {KIND_QUESTION}
            <! {NOT_LEARNT}
            <! 请把订单号
            <! 为您找到
            > 1
            <! 请简单说一下原因
            """
        )


def test_a_fault_is_told_from_a_question_about_one() -> None:
    for fault in ("充不进去电", "耳机一边没声音了", "灯不亮了", "开不了机", "连不上蓝牙"):
        assert is_complaint(fault), fault
    for question in ("这个灯亮不亮", "音箱响不响", "会不会充不进电", "有没有不发热的充电宝"):
        assert not is_complaint(question), question
