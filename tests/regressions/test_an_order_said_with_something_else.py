"""An order said together with something else lost one of the two: on a card "那就要一对 寄沈阳几天到"
answered only that a pair was in stock, "白色 就它了 用NEWBIE15" only how coupons work, "要20个
能便宜点不" only the price policy, "木质调那个吧 能写贺卡吗" only the stock; at the count question
"下单 备注…" kept the note and asked the count again, "嗯 下单 寄杭州" did nothing at all; an order
opened with a question ("想买个加湿器 来一个 声音大吗") left the question unanswered. Now the part
that orders opens the order form, which takes what its slots take (the coupon, the note, the city,
the go-on word once the others took their parts) and answers the question in passing."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Chat, Shop


async def test_a_pair_ordered_on_the_card_with_a_delivery_question(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 乳胶枕
        < 天然乳胶枕
        > 那就要一对 寄沈阳几天到
        < 已加入购物车
        < 天然乳胶枕（规格:一对） ×1
        < 其他省份2-4天
        <! 一对有货。要的话回复
        """
    )


async def test_a_spec_chosen_with_a_coupon_code_on_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 白色 就它了 用NEWBIE15
        < 已使用优惠券“新人券 满99减15”
        < 请选择容量
        <! 下单确认时把券码发给我
        > 500ml
        < 要买几件
        > 1
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        < 优惠券 新人券 满99减15：-¥15.00
        """
    )


async def test_a_choice_with_a_service_question_on_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 香水
        < 木质调淡香水
        > 木质调那个吧 能写贺卡吗
        < 免费手写贺卡
        < 木质调淡香水（香型:木质调 规格:50ml） 单价¥229.00，要买几件？
        """
    )


async def test_a_count_with_a_discount_question_on_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 要20个 能便宜点不
        < 不议价
        < 请选择颜色
        > 白色
        > 500ml
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×20
        """
    )


@pytest.mark.parametrize(
    ("said", "answered"),
    [
        ("买 能开发票吗", "电子发票"),
        ("就这个吧，可以写贺卡吗", "免费手写贺卡"),
        ("来两个 包邮吗", "包邮"),
    ],
)
async def test_other_orders_with_a_question_on_the_card(
    shop: Shop, said: str, answered: str
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > 保温杯
        > {said}
        < {answered}
        < 请选择颜色
        """
    )


async def test_a_value_asked_about_on_the_card_orders_nothing(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 黑色 有货吗
        < 黑色有货
        <! 请选择
        """
    )


async def test_an_order_opened_with_a_question_answers_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想买个加湿器 来一个 声音大吗
        < 已加入购物车
        < 26分贝
        """
    )


async def _at_the_count(shop: Shop) -> Chat:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 买
        > 白色500ml
        < 要买几件
        """
    )
    return chat


async def test_go_on_beside_a_note_at_the_count(shop: Shop) -> None:
    chat = await _at_the_count(shop)
    await chat.run(
        """
        > 下单 备注生日快乐
        < 已备注：生日快乐
        < 数量先按1件算
        < 收货人姓名
        <! 要买几件
        """
    )


@pytest.mark.parametrize("said", ["嗯 下单 寄杭州", "寄杭州 结算吧"])
async def test_go_on_beside_a_city_at_the_count(shop: Shop, said: str) -> None:
    chat = await _at_the_count(shop)
    await chat.run(
        f"""
        > {said}
        < 数量先按1件算
        < 收货人姓名
        <! 要买几件
        > 张三 13812345678 浙江省杭州市西湖区文三路100号
        < 请核对订单
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        """
    )


async def test_a_city_alone_at_the_count_is_said_back(shop: Shop) -> None:
    chat = await _at_the_count(shop)
    await chat.run(
        """
        > 寄杭州
        < 好的，寄杭州记下了
        < 要买几件
        """
    )
