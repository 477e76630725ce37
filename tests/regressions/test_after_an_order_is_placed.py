"""After an order is placed, what the shopper says is about that order:

* in the exchange form a new spec ("L换成XL") is the reason too (the size does not fit), and
  跳过 at the reason is taken, never the reason asked again and again;
* intimate wear is not returned for a reason that is no fault ("不喜欢 颜色太丑"): the rule
  is said at the reason, and nothing is put up for confirmation;
* an exchange wish about an order that arrived ("到货了 尺码偏小 想换XL", "T恤小了想换个L",
  "已签收" then "可以换L吗") opens the exchange for that order with the new spec, never the
  order.change_spec rule, a command to type, the product's card or the tracking link; the
  order number sent then is the one applied for, not the order's details;
* a correction of an order's address with the district only is completed from the order's
  own address, also one written without 省 and 市 ("陕西西安雁塔区…"); "电话也错了 是…"
  changes the phone;
* "不要了" right after an order is placed offers to cancel that order, and "我要退款" with
  only an unpaid order offers its cancellation, not a command to type;
* bad fruit of a delivered order ("车厘子到了 烂了好几个": 好几个 is no question) opens the
  request as 仅退款 with the photos asked, and "怎么赔" in it is the fresh-goods policy;
* "多久发货 今天能发不" without an order under way is the shop's dispatch rule, not "没有已发货
  的订单";
* "才买了两个月" after a fault with something bought is about its warranty, not shopping;
* "退款多久到账" about a shipped order with no refund asked for is how long refunds take, and
  that none is asked for yet (not the refusal-on-delivery route, unless asked about).
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


async def test_an_exchange_wish_opens_the_exchange_for_the_order(shop: Shop) -> None:  # noqa: F811
    for state, before, wish, new in (
        ("done", "", "到货了 尺码偏小 想换XL", "黑色 XL（原来是黑色 L）"),
        ("done", "", "T恤小了想换个XL", "黑色 XL（原来是黑色 L）"),
        ("shipped", "已签收", "可以换XL吗", "黑色 XL（原来是黑色 L）"),
    ):
        chat = shop.chat()
        order = await _order(shop, chat.user, "AP-1001", {"颜色": "黑色", "尺码": "L"}, state)
        if before:
            await chat.run(
                f"""
                > {before}
                < 收到就好
                <! 已发货
                """
            )
        await chat.run(
            f"""
            > {wish}
            < 申请换货
            < {new}
            <! 发“换货”加订单号
            <! 不能再改规格
            <! 查看物流
            <! 回复“买”下单
            > {order.order_no}
            < 申请的就是订单 {order.order_no}
            <! 状态：
            > 吊牌还在 没洗过
            < 记下了
            <! 没太明白
            > 确认
            < 售后申请已提交
            """
        )


async def test_a_shipped_order_is_no_exchange_before_it_is_there(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _order(shop, chat.user, "AP-1001", {"颜色": "黑色", "尺码": "L"}, "shipped")
    await chat.run(
        """
        > 能换XL吗
        <! 请确认售后申请
        """
    )


async def test_an_address_corrected_by_its_district_keeps_the_province(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    order = await _order(
        shop,
        chat.user,
        "AP-1001",
        {"颜色": "黑色", "尺码": "L"},
        "unpaid",
        "陕西西安雁塔区小寨路1号",
    )
    await chat.run(
        """
        > 地址写错了 是雁塔区小寨东路11号
        < 是改成陕西西安雁塔区小寨东路11号吗
        <! 省份
        > 确认
        < 已改为：陕西西安雁塔区小寨东路11号
        > 电话也错了 是15455556667
        < 收货电话已改为 154****6667
        """
    )
    changed = await shop.db.orders.get_order(order.order_no, chat.user)
    assert changed is not None and changed.phone == "15455556667"


PLACE = (
    "买个U盘 128G",
    "结算",
    "丁七 15677778888 湖南省长沙市岳麓区麓山南路1号",
    "确认",
)


async def test_dropping_an_order_just_placed_offers_its_cancellation(shop: Shop) -> None:  # noqa: F811
    for drop in ("不要了", "我要退款"):
        chat = shop.chat()
        for line in PLACE:
            await chat.say(line)
        await chat.run(
            f"""
            > {drop}
            < 要取消吗
            < 确认取消
            <! 当前没有进行中的操作
            <! 回复“取消订单 订单号”
            > 确认取消
            < 已取消，不会再扣款
            """
        )


async def test_bad_fruit_is_a_refund_and_how_it_is_made_good(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _order(shop, chat.user, "FR-4001", {"规格": "2斤装"})
    await chat.run(
        """
        > 车厘子到了 烂了好几个
        < 坏果按比例退款
        < 仅退款
        < 请拍一下坏果和外包装
        <! 请问您想怎么处理
        > 怎么赔
        < 坏果按比例退款
        <! 答不上来
        <! 7天内
        """
    )
    assert await chat.state() == "aftersales:photos"


async def test_when_it_ships_without_an_order_is_the_rule(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买了东西多久发货啊 今天能发不
        < 16:00前付款当天发出
        <! 没有已发货的订单
        """
    )


async def test_how_long_ago_after_a_fault_is_the_warranty(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买的耳机坏了 右耳没声音
        > 才买了两个月
        < 保修期内
        < 没查到您的订单
        <! 想买哪件商品
        """
    )
    chat = shop.chat()
    await _order(shop, chat.user, "EA-6008", {"颜色": "黑色"})
    await chat.run(
        """
        > 耳机一边没声音了
        > 取消
        > 都用了两年了
        < 已经过了一年保修期
        """
    )
    chat = shop.chat()
    order = await _order(shop, chat.user, "EA-6008", {"颜色": "黑色"})
    await chat.run(
        f"""
        > 耳机坏了
        > 取消
        > 才买了两个月
        < 保修期内
        < {order.order_no}
        """
    )


async def test_how_long_a_refund_takes_before_one_is_asked_for(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await _order(shop, chat.user, "AP-1001", {"颜色": "黑色", "尺码": "L"}, "shipped")
    await chat.run(
        """
        > 退款多久到账
        < 微信零钱即时到账
        < 还没有申请退款
        <! 送到时拒收，包裹退回仓库后
        > 拒收的话钱多久能退
        < 送到时拒收，包裹退回仓库后
        """
    )
