"""Shipping in the order form, from the demo shop's shipping.toml: the fee is its own line in the
cart (the normal fee until the address is known), the confirmation, the order placed, the pay
link and the order row; remote provinces pay their surcharge, the threshold counts the goods
after discounts, an excluded region or product is refused before anything is created."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.shop import catalog
from tests.dialogs.conftest import MakeShop
from tests.dialogs.transcript import Shop

PAY = "https://pay.example.com/pay?order={order_no}&amount={amount_fen}"


async def test_a_39_yuan_order_to_xinjiang_pays_the_remote_fee_everywhere(
    make_shop: MakeShop, database_url: str
) -> None:
    shop = await make_shop(database=database_url, pay_url_template=PAY)
    chat = shop.chat()
    await chat.run(
        """
        > 我要一包冷泡绿茶茶包
        < 冷泡绿茶茶包（规格:30包） ×1  ¥39.00
        < 运费：¥6.00（满¥69.00包邮，还差¥30.00）
        < 合计：¥45.00
        > 结算
        > 张三 13812345678 新疆乌鲁木齐市天山区解放北路1号
        < 寄到新疆运费是¥15.00。
        < 商品合计：¥39.00
        < 运费：¥6.00
        < 偏远地区附加费：¥9.00
        < 应付：¥54.00
        <! 包邮
        > 确认
        < 应付：¥54.00（含运费¥15.00）
        < amount=5400
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.subtotal_fen, order.shipping_fen, order.total_fen) == (3900, 1500, 5400)
    assert order.order_no in chat.last[0]


async def test_the_base_fee_below_the_threshold_and_free_shipping_at_it(shop: Shop) -> None:
    below = shop.chat()
    await below.run(
        """
        > 我要一包冷泡绿茶茶包 张三 13812345678 浙江省杭州市西湖区文三路100号
        < 运费：¥6.00（满¥69.00包邮，还差¥30.00）
        < 应付：¥45.00
        > 确认
        < 应付：¥45.00（含运费¥6.00）
        """
    )
    at = shop.chat()
    await at.run(
        """
        > 我要一包中深烘10包的挂耳咖啡
        < ¥69.00
        < 运费：包邮
        < 合计：¥69.00
        > 结算
        > 张三 13812345678 浙江省杭州市西湖区文三路100号
        < 运费：包邮
        < 应付：¥69.00
        > 确认
        < 应付：¥69.00（包邮）
        """
    )
    (free,) = await shop.db.orders.list_orders(at.user)
    assert (free.shipping_fen, free.total_fen) == (0, 6900)


async def test_remote_provinces_never_ship_free(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件黑色M码的T恤
        < 运费：包邮
        > 结算
        > 张三 13812345678 内蒙古呼和浩特市新城区中山路1号
        < 寄到内蒙古运费是¥15.00。
        < 应付：¥133.00
        """
    )


async def test_the_threshold_counts_the_goods_after_the_coupon(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a ¥90 threshold a ¥99 cart ships free, and pays the fee once a ¥10 coupon takes the
    goods to ¥89 (knowledge/shipping.py: the order of the money)."""
    kb = shop.services.knowledge.current.kb
    rules = replace(kb.shipping, free_over_fen=9000)
    monkeypatch.setattr(catalog, "kb", lambda ctx: replace(kb, shipping=rules))
    chat = shop.chat()
    await chat.run(
        """
        > 我要一个白色500ml的保温杯
        < ¥99.00
        < 运费：包邮
        > XIAOHE10
        < 已使用优惠券
        < 运费：¥6.00（满¥90.00包邮，还差¥1.00）
        < 合计：¥95.00
        """
    )


async def test_an_excluded_region_is_refused_and_nothing_is_created(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 结算
        > 张三 13812345678 香港特别行政区中西区皇后大道中100号
        < 抱歉，目前不支持配送到香港，只发中国大陆地址。请换一个收货地址。
        < 收货地址是
        <! 请核对订单
        > 确认
        <! 下单成功
        """
    )
    assert await chat.state() == "order:address"
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_an_address_without_a_province_is_asked_again(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        """
        > 西湖区文三路100号3栋201室
        < 地址里没看出是哪个省份，请从省份写起
        < 收货地址是
        """
    )
    assert await chat.state() == "order:address"


async def test_fresh_fruit_ships_on_its_own_terms(shop: Shop) -> None:
    """Fruit ships free whatever the amount, and not to the provinces too far to arrive fresh:
    the confirmation says so and places nothing until the fruit or the address changes."""
    chat = shop.chat()
    await chat.run(
        """
        > 我要一箱爱媛果冻橙
        < ¥45.90
        < 运费：包邮
        < 合计：¥45.90
        > 结算
        > 张三 13812345678 新疆乌鲁木齐市天山区解放北路1号
        < 抱歉，爱媛果冻橙暂不发新疆，以免路上出问题。
        < 例如“不要爱媛果冻橙了”
        <! 应付
        <! 回复“确认”提交订单
        > 确认
        < 订单还没有提交
        <! 下单成功
        > 再来一包冷泡绿茶茶包
        < 冷泡绿茶茶包（规格:30包） ×1  ¥39.00
        < 爱媛果冻橙暂不发新疆
        > 不要冷泡绿茶茶包了
        > 地址改成浙江省杭州市西湖区文三路100号
        < 已把地址改成浙江省杭州市西湖区文三路100号
        < 运费：包邮
        < 应付：¥45.90
        > 确认
        < 应付：¥45.90（包邮）
        """
    )
    mixed = shop.chat()
    await mixed.run(
        """
        > 我要一箱爱媛果冻橙
        > 再来一包冷泡绿茶茶包
        > 结算
        > 张三 13812345678 青海省西宁市城中区1号
        < 爱媛果冻橙暂不发青海
        > 不要果冻橙了
        < 已从购物车删除“爱媛果冻橙”
        < 运费：¥6.00
        < 偏远地区附加费：¥9.00
        < 应付：¥54.00
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(mixed.user)
    assert [line.sku for line in order.lines] == ["SN-3020"] and order.shipping_fen == 1500


async def test_a_new_address_at_the_confirmation_reprices_and_says_so(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤 张三 13812345678 浙江省杭州市西湖区文三路100号
        < 运费：¥6.00
        < 应付：¥65.00
        > 地址改成新疆乌鲁木齐市天山区解放北路1号
        < 寄到新疆运费是¥15.00（原来¥6.00）
        < 已把地址改成新疆乌鲁木齐市天山区解放北路1号
        < 偏远地区附加费：¥9.00
        < 应付：¥74.00
        > 地址写错了，是浙江省杭州市西湖区文三路100号
        < 寄到浙江运费是¥6.00（原来¥15.00）
        < 应付：¥65.00
        > 地址改成上海市浦东新区世纪大道100号
        <! 原来
        < 应付：¥65.00
        > 确认
        < 应付：¥65.00（含运费¥6.00）
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.address, order.shipping_fen) == ("上海市浦东新区世纪大道100号", 600)


async def test_a_cart_change_across_the_threshold_shows_the_new_total(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:phone")
    await chat.run(
        """
        > 改成两件
        < 已把纯棉圆领短袖T恤改成2件
        < 现在合计：¥118.00
        """
    )
