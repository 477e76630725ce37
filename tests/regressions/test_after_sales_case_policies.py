"""Once the order and what went wrong are known, the case's own policy answers, not the general
one: bad fruit is refunded by the share of bad fruit without sending it back (return.fresh), a
wrong item is exchanged with postage both ways ours (return.wrong_item, also when the shopper
asks about the postage later in the form), a clothing return's postage names the free 运费险
(return.insurance), and each part of a question in the form is answered. "发错货了 … 搞什么"
was answered with the FAQ and left; "来回运费你们出吧" after it heard 寄回运费由买家承担."""

from __future__ import annotations

from bot.storage import Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

GENERAL_POSTAGE = "换货的寄回运费由买家承担"


async def _delivered(shop: Shop, user: str, sku: str) -> Order:  # noqa: F811
    order = await paid_order(shop, user, sku)
    await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT5566001122", actor="t")
    return await shop.db.orders.mark_done(order.order_no, actor="t")


async def test_bad_fruit_is_refunded_by_share_without_sending_back(shop: Shop) -> None:  # noqa: F811
    for sku, said in (
        ("FR-4001", "你们车厘子烂了快一半 什么破店啊"),
        ("FR-4004", "葡萄收到好多都坏了"),
    ):
        chat = shop.chat()
        await _delivered(shop, chat.user, sku)
        await chat.run(
            f"""
            > {said}
            < 抱歉
            < 坏果按比例退款
            < 不用寄回
            <! 来回运费由我们承担
            <! 回复“售后”
            """
        )
        assert await chat.state() == "aftersales:photos"  # 仅退款 taken: nothing sent back


async def test_a_wrong_item_keeps_its_postage_through_the_form(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _delivered(shop, chat.user, "AP-1002")
    await chat.run(
        """
        > 你们发错货了 我买的黑色给我发个燕麦色 搞什么
        < 抱歉给您添麻烦了
        < 来回运费都由我们承担
        < 请问您想怎么处理
        > 我要换黑色 不退 来回运费你们出吧
        < 来回运费都由我们承担
        <! 由买家承担
        """
    )
    assert (await chat.state() or "").startswith("aftersales:")


async def test_a_wrong_item_asked_about_postage_at_the_kind(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _delivered(shop, chat.user, "AP-1001")
    await chat.run(
        """
        > 收到的颜色不对 发错了
        < 来回运费都由我们承担
        > 那寄回去的运费谁出
        < 来回运费都由我们承担
        <! 由买家承担
        < 请问您想怎么处理
        """
    )


async def test_a_clothing_return_names_the_shipping_insurance(shop: Shop) -> None:  # noqa: F811
    for sku in ("AP-1005", "AP-1020"):
        chat = shop.chat()
        await _delivered(shop, chat.user, sku)
        await chat.reach("aftersales:reason")
        await chat.run(
            """
            > 不太喜欢 想退
            > 有运费险吗 退回去运费谁出
            < 无理由退货的寄回运费由买家承担
            < 赠送运费险
            """
        )


async def test_no_insurance_for_goods_without_it(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _delivered(shop, chat.user, "HM-5019")
    await chat.reach("aftersales:reason")
    await chat.run(
        """
        > 退货运费谁出
        < 无理由退货的寄回运费由买家承担
        <! 赠送运费险
        """
    )


async def test_when_the_new_one_comes_during_an_exchange(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _delivered(shop, chat.user, "AP-1002")
    await chat.run(
        """
        > 发错货了 我要的黑色发成燕麦色了
        > 换货
        """
    )
    for asked in ("多久能发出 别再发错了", "要多久能收到新的"):
        await chat.run(
            f"""
            > {asked}
            < 验货通过后给您发出新的
            <! 水果生鲜按采摘批次发货
            """
        )
        assert (await chat.state() or "").startswith("aftersales:")
