"""An order started without a product (我要下单, 帮我下个单), then the receiver typed: the bot
answered "好的，收货人、手机号、地址记下了" before the product question, as if the order had
moved on, and its product question offered nothing to choose from. Receiver details sent before
anything else were not understood at all, and lost.

* what to buy is asked first, with the shop's categories; that the receiver is kept follows;
* a category named there lists its products; the one picked is bought;
* the receiver typed early is never asked again: the confirmation shows it;
* product and receiver in one message go straight to the confirmation;
* an address (or a name and a phone) sent first starts the order, and is kept the same way;
  not while an order of theirs is unshipped, where it may be meant for that order.
"""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop, paid_order

PRODUCT_QUESTION = "想买哪件商品呢"
CATEGORIES = "也可以发分类看看：服饰、"
KEPT = "已经记下，选好商品后不用再发"
NAME_QUESTION = "请告诉我收货人姓名"


async def test_the_product_is_asked_first_and_the_receiver_is_kept(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要下单
        < {PRODUCT_QUESTION}
        < {CATEGORIES}
        > 王芳 13812345678 浙江省杭州市西湖区文三路100号
        < {PRODUCT_QUESTION}
        < 收货人、手机号、地址{KEPT}
        <! 好的，收货人、手机号、地址记下了
        > 保温杯
        < 请选择颜色
        > 黑色
        > 500ml
        > 1
        < 请核对订单
        < 收货人：王* 138****5678
        < 地址：浙江省杭州市西湖区文三路100号
        <! {NAME_QUESTION}
        """
    )


async def test_the_answer_to_the_product_question_comes_before_what_was_kept(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 帮我下个单
        > 收货人李娜，电话13900002222
        """
    )
    said = "\n".join(chat.last)
    assert said.index(PRODUCT_QUESTION) < said.index(f"收货人、手机号{KEPT}"), said


async def test_a_category_named_at_the_product_question_lists_its_products(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 帮我下个单
        > 寄到上海市浦东新区世纪大道100号 张伟 13800001111
        < 地址
        > 数码
        < 您要哪一件
        < 充电宝
        > 零食
        < 每日坚果
        > 1
        < 每日坚果
        <! 请告诉我收货人姓名
        """
    )


async def test_product_and_receiver_in_one_message_go_to_the_confirmation(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要下单
        > 一件黑色M码T恤 王芳 13812345678 浙江省杭州市西湖区文三路100号
        < 请核对订单
        < 收货人：王* 138****5678
        <! {KEPT}
        """
    )
    other = shop.chat()
    await other.run(
        f"""
        > 我要下单 陈晨 13712345678 北京市朝阳区建国路88号
        < {PRODUCT_QUESTION}
        < 收货人、手机号、地址{KEPT}
        > T恤 白色 L 两件
        < 请核对订单
        < 收货人：陈* 137****5678
        """
    )


async def test_an_address_sent_first_starts_the_order_and_is_kept(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 浙江省杭州市西湖区文三路100号 王芳 13812345678
        < {PRODUCT_QUESTION}
        < 收货人、手机号、地址{KEPT}
        <! 没学会
        > 我要买保温杯
        > 白色
        > 350ml
        > 1
        < 请核对订单
        < 地址：浙江省杭州市西湖区文三路100号
        <! {NAME_QUESTION}
        """
    )
    labelled = shop.chat()
    await labelled.run(
        f"""
        > 收货地址：广东省广州市天河区体育西路1号
        < {PRODUCT_QUESTION}
        < 地址{KEPT}
        > 取消
        < 已取消
        > 王芳 13812345678
        < {PRODUCT_QUESTION}
        < 收货人、手机号{KEPT}
        """
    )


async def test_an_address_alone_is_no_new_order_while_one_is_unshipped(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await paid_order(shop, chat.user, "AP-1001")
    await chat.run(
        f"""
        > 浙江省杭州市西湖区文三路100号
        <! {PRODUCT_QUESTION}
        > 浙江省杭州市西湖区文三路100号能到吗
        <! {PRODUCT_QUESTION}
        """
    )


async def test_a_delivery_question_with_an_address_is_no_order(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        f"""
        > 寄到浙江省杭州市西湖区文三路100号要几天
        <! {PRODUCT_QUESTION}
        """
    )
