"""After an order is placed, what the shopper says is about that order:

* in the exchange form a new spec ("L换成XL") is the reason too (the size does not fit), and
  跳过 at the reason is taken, never the reason asked again and again;
* intimate wear is not returned for a reason that is no fault ("不喜欢 颜色太丑"): the rule
  is said at the reason, and nothing is put up for confirmation;
"""

from __future__ import annotations

import itertools

from bot.shop.stock import seed_catalogue_stock
from bot.storage import LineIn, Order
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

REASON_ASKED = "请简单说一下原因"
_keys = itertools.count(1)


async def _order(
    shop: Shop,  # noqa: F811
    user: str,
    sku: str,
    spec: dict[str, str],
    state: str = "done",
    address: str = "北京市朝阳区建国路88号",
) -> Order:
    """An order of one line with its spec, moved to `state` (unpaid, paid, shipped, done)."""
    await seed_catalogue_stock(shop.services)
    item = shop.services.knowledge.current.kb.products[sku]
    order = await shop.db.orders.create_order(
        user,
        "oa",
        [LineIn(sku, item.name, spec, 1, item.price_fen)],
        receiver_name="李四",
        phone="13900001111",
        address=address,
        idempotency_key=f"placed-{user}-{next(_keys)}",
    )
    if state == "unpaid":
        return order
    order = await shop.db.orders.mark_paid(order.order_no, actor="t")
    if state == "paid":
        return order
    order = await shop.db.orders.mark_shipped(order.order_no, "中通快递", "ZT5566001122", actor="t")
    if state == "shipped":
        return order
    return await shop.db.orders.mark_done(order.order_no, actor="t")


async def test_a_new_spec_is_the_exchange_reason_and_skip_is_taken(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _order(shop, chat.user, "AP-1001", {"颜色": "黑色", "尺码": "L"})
    await chat.run(
        f"""
        > 换货
        < {REASON_ASKED}
        > L换成XL
        < 请确认售后申请
        < 黑色 XL（原来是黑色 L）
        < 原因：尺码不合适
        <! {REASON_ASKED}
        > 确认
        < 售后申请已提交
        """
    )
    chat = shop.chat()
    await _order(shop, chat.user, "AP-1001", {"颜色": "黑色", "尺码": "L"})
    await chat.run(
        f"""
        > 我要退货
        < {REASON_ASKED}
        > 跳过
        <! {REASON_ASKED}
        <! 还差这一步
        """
    )
    assert await chat.state() != "aftersales:reason"


async def test_intimate_wear_is_not_returned_without_a_fault(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _order(shop, chat.user, "AP-1015", {"颜色": "混色4条", "尺码": "L"})
    await chat.run(
        """
        > 我要退货
        > 不喜欢 颜色太丑
        < 贴身衣物
        < 不支持退换
        <! 请确认售后申请
        > 跳过
        < 贴身衣物没有质量问题的话不能退换
        <! 请确认售后申请
        > 穿了一次就开线了
        <! 贴身衣物
        """
    )
    assert await chat.state() in ("aftersales:photos", "aftersales:confirm")
