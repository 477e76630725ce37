"""After-sales conversations that went wrong in the demo shop:

* a fault with something bought, in words the matcher reads as a repair question or a product
  search ("充不进去电", "充电宝充不进去电", "耳机没声音了"), opens the after-sales form for the
  shopper's order with the fault as the reason, never "还没学会" or a request for the order
  number the bot already knows; whether a product would fail ("亮不亮") is no fault;
* the card of a product out of stock, and every answer on it ("什么时候有货"), offers no
  回复“买”; 买 there says it is out of stock instead of asking its colour;
* "几号能到 坏了包赔吗" at the order's review is about the order being made: the delivery time
  and the policy for goods damaged on the way, and the review asked again, never "您还没有订单";
* inside the after-sales form "信用卡退款多久到" and "能先把新的寄过来吗" (an exchange sent
  before the old one is back) are answered from the shop's policy, and the form goes on;
* the postage of sending an exchange back ("换了的话寄回运费多少", which the matcher reads as the
  shop's shipping fee) is answered with 运费险 for clothing and, for an order to a region that
  ships at a surcharge (新疆), what that means for this request;
* a refusal asked about again (returning opened underwear twice) is said short with 人工
  offered, not the whole rule once more; "让您一直等着" is only for a shopper who waited;
"""

from __future__ import annotations

from bot.dialogs.aftersales.form import is_complaint
from bot.shop.stock import seed_catalogue_stock
from bot.storage import LineIn, Order
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


async def test_an_out_of_stock_card_offers_no_buying(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 羊绒围巾
        < 暂时缺货
        <! 回复“买”
        > 什么时候有货
        < 补货
        <1 还不能下单
        <! 回复“买”
        > 有礼盒吗
        < 礼盒
        <! 回复“买”
        > 买
        < 暂时缺货
        <! 请选择颜色
        """
    )
    in_stock = shop.chat()
    await in_stock.run(
        """
        > 有没有保温杯
        < 回复“买”
        > 多少钱
        < 回复“买”
        """
    )


async def test_delivery_and_damage_asked_at_the_review(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.reach("order:confirm")
    await chat.run(
        """
        > 几号能到 坏了包赔吗
        < 偏远地区5-7天
        < 包赔
        < 订单还没提交
        <! 您还没有订单
        > 确认
        < 下单成功
        """
    )


async def test_refund_and_exchange_questions_inside_the_form(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "AP-1001")
    await chat.run(
        """
        > 我要换货
        < 请简单说一下原因
        > 信用卡退款多久到
        < 信用卡最长7个工作日
        < 请简单说一下原因
        <! 答不上来
        > 尺码不合适
        < 照片
        > 能先把新的寄过来吗
        < 暂时不能先发新的
        < 人工
        < 照片
        """
    )


async def test_exchange_postage_for_an_order_to_a_remote_region(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await seed_catalogue_stock(shop.services)
    item = shop.services.knowledge.current.kb.products["AP-1001"]
    order = await shop.db.orders.create_order(
        chat.user,
        "oa",
        [LineIn(item.sku, item.name, {"颜色": "黑色", "尺码": "M"}, 1, item.price_fen)],
        receiver_name="王芳",
        phone="15812345678",
        address="新疆乌鲁木齐市天山区解放路100号",
        idempotency_key=f"test-{chat.user}-remote",
    )
    await shop.db.orders.mark_paid(order.order_no, actor="t")
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1234567890", actor="t")
    await chat.run(
        """
        > 我要换货
        < 请简单说一下原因
        > 换了的话寄回运费多少
        < 寄回运费由买家承担
        < 运费险
        < 寄到新疆
        < 换的新商品由我们寄出
        < 请简单说一下原因
        <! 答不上来
        <! 满69元包邮
        """
    )


async def test_a_refusal_asked_again_is_short_and_offers_a_human(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _shipped(shop, chat.user, "AP-1015")
    await chat.run(
        """
        > 内裤拆了能退吗
        < 不支持无理由退换
        > 拆开了的内裤能退吗
        < 人工
        <! 不支持无理由退换
        <! 一直等着
        """
    )
    again = shop.chat()
    await _shipped(shop, again.user, "AP-1001")
    await again.run(
        """
        > 退款多久到账
        < 信用卡
        > 退款多久到账
        < 信用卡
        < 人工
        <! 一直等着
        """
    )
