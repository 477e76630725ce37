"""Round 4 shop questions: a wish said before a word for goods (防晒的衣服) is searched, never
"not sold"; nouns for the shop itself (实体店, 线下店) are answered from the shop's data; a
yes-no question ending in 不/没 and shipping questions get their FAQ, not an order action; a lost
pay link is sent again, not read as an after-sales 补发."""

from __future__ import annotations

import pytest

from bot.handlers.payments import asks_pay_link
from bot.shop.stock import seed_catalogue_stock
from bot.storage import LineIn
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_wish_before_a_word_for_clothes_lists_what_fits(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 天热 想找件防晒的衣服
        < 冰丝防晒衣
        <! 不卖
        """
    )


@pytest.mark.parametrize("said", ["你们有没有实体店", "有没有线下店", "你们有门店没"])
async def test_the_shop_itself_is_no_thing_it_does_not_sell(
    shop: Shop,  # noqa: F811
    said: str,
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < 线上店铺
        <! 不卖
        """
    )


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("运费险有没", "运费险"),
        ("后天能送到上海不", "江浙沪"),
        ("礼拜六发货吗", "周末照常发货"),
        ("快递能自己挑不", "不能自选"),
    ],
)
async def test_shipping_questions_get_the_faq_not_an_order_action(
    shop: Shop,  # noqa: F811
    said: str,
    answer: str,
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < {answer}
        <! 没有可以申请售后的订单
        <! 没有已发货的订单
        <! 您还没有订单
        """
    )


async def test_a_lost_pay_link_is_sent_again(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await seed_catalogue_stock(shop.services)
    item = shop.services.knowledge.current.kb.products["HM-5001"]
    order = await shop.db.orders.create_order(
        chat.user,
        "oa",
        [LineIn(item.sku, item.name, {}, 1, item.price_fen)],
        receiver_name="王五",
        phone="13700002222",
        address="浙江省杭州市西湖区文三路1号",
        idempotency_key=f"test-{chat.user}-paylink",
    )
    await chat.run(
        f"""
        > 支付链接没了 麻烦再发我一下
        < {order.order_no}
        < 还没付款
        < 点这里付款
        <! 补发
        <! 售后
        """
    )


async def test_no_unpaid_order_no_link(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 付款链接找不到了 重发一下
        < 没有待付款的订单
        <! 补发
        """
    )


@pytest.mark.parametrize(
    ("said", "asks"),
    [("付款链接再发一次", True), ("少发了一件 再发一下", False), ("商品链接发我看看", False)],
)
def test_what_asks_for_the_pay_link(said: str, asks: bool) -> None:
    assert asks_pay_link(said) is asks
