"""Follow-ups about the product or the list just shown, round 2.

Broke because "第三个是啥" went to the "not sure" product question instead of opening item 3, a
spec named with a price question ("5斤礼盒多少钱") was answered with its stock only, and a
shop-wide question asked on a card ("能发西藏不") got the product's "not sure".
"""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_what_is_the_third_one_opens_its_card(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有啥零食推荐 不要辣的
        < 3. 每日坚果
        > 第三个是啥
        < [图文] 每日坚果
        <! 不太确定
        """
    )


async def test_a_spec_with_a_price_question_gets_the_price(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 车厘子现在有吗
        < [图文] 智利车厘子JJ级
        > 5斤礼盒多少钱
        < ¥
        < 5斤礼盒有货
        """
    )


async def test_several_questions_about_a_listed_product_are_each_answered(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 羽绒服有哪些 男的穿
        < 2. 加厚长款羽绒服
        > 长款那个有卡其吗 多少钱 包邮不
        < 卡其有货
        < ¥699.00
        < 包邮
        """
    )


async def test_a_capacity_said_in_words_picks_the_listed_one(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有木有充电包
        < 2. 20000mAh大容量充电宝
        > 两万毫安的多少钱
        < 20000mAh大容量充电宝 ¥129.00
        <! 您想问哪件商品
        """
    )


async def test_shop_questions_on_a_card_get_the_shop_answer(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 车厘子现在有吗
        < [图文] 智利车厘子JJ级
        > 能发西藏不
        < 暂不发西藏
        <! 不太确定
        > 到了坏了怎么赔
        < 48小时内
        <! 没有可以申请售后的订单
        """
    )


async def test_hurrying_the_bot_is_no_question_about_an_order(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有木有充电包
        < 2. 20000mAh大容量充电宝
        > 快点回答啊
        < 久等
        < 列表还在上面
        <! 您还没有订单
        > 两万毫安的多少钱
        < 20000mAh大容量充电宝 ¥129.00
        """
    )
    await shop.chat("hurry2").run(
        """
        > 快点回答啊
        < 久等
        <! 您还没有订单
        """
    )


async def test_a_fit_question_with_a_size_gets_both(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 跑步鞋有吗
        < [图文] 轻便透气跑步鞋
        > 偏码吗 我平时穿42
        < 标准码
        < 42码有货
        """
    )
