"""Small misreadings a tester found: a yes-no question about a discount that starts with a
buying verb (买够3件减10元吗) opened an order; asking for the service phone number (人工客服电话多少)
called a human; 牛仔裤有几个颜色 showed the card without the count; a coupon named in words while
ordering (黑色来一个 用新人券) was ignored; 第二个呢 on a card from a two-item list was "不太确定"."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_discount_threshold_question_is_no_order(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 买够3件减10元吗
        < 满减按金额算，不按件数
        <! 想买哪件商品
        > 满三件能减吗
        < 满减按金额算
        <! 您是想
        > 买够四个能便宜不
        < 满199减20
        <! 要买几件
        """
    )


async def test_a_discount_question_on_a_card_is_no_search_for_cheaper_goods(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 保温杯
        > 买够两件能便宜不
        < 满减按金额算
        <! 按价格从低到高
        """
    )


async def test_a_buying_verb_with_a_count_still_orders(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 保温杯
        > 买2个
        <! 满减按金额算
        """
    )


async def test_asking_for_the_phone_number_is_the_phone_answer(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 人工客服电话多少
        < 店铺没有对外的客服热线
        <! 正在为您转接
        > 售后电话是多少
        < 0573-82081234
        > 转人工
        < 转接人工客服
        """
    )


async def test_how_many_choices_are_counted_and_listed(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 牛仔裤有几个颜色
        < 浅蓝 / 深蓝 / 黑色（共3种）
        < [图文] 女士高腰直筒牛仔裤
        """
    )
    await shop.chat().run(
        """
        > 保温杯有几种容量
        < 350ml / 500ml（共2种）
        """
    )
    await shop.chat().run(
        """
        > 牛仔裤几个码
        < 25 / 26 / 27 / 28 / 29 / 30（共6种）
        <! 不太确定
        """
    )


async def test_a_coupon_named_in_words_while_ordering(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 降噪耳机和头戴的哪个好
        > 第一个
        > 黑色来一个 用新人券
        < 已使用优惠券“新人券 满99减15”，减¥15.00
        < 合计：¥264.00
        """
    )
    await shop.chat().run(
        """
        > 降噪耳机和头戴的哪个好
        > 第二个
        > 米白来一个 用通用优惠券
        < 已使用优惠券“全店通用券 满99减10”
        """
    )


async def test_a_coupon_named_for_too_small_an_order_is_refused_with_the_reason(
    shop: Shop,
) -> None:
    await shop.chat().run(
        """
        > 袜子
        > 纯黑来一双 用新人券
        < 需满¥99.00才能使用
        <! 已使用优惠券
        """
    )


async def test_the_other_item_of_a_pair_asked_with_ne(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 降噪耳机和头戴的哪个好
        > 第一个
        < [图文] 主动降噪蓝牙耳机
        > 第二个呢
        < [图文] 头戴式蓝牙耳机
        <! 不太确定
        > 那第一个呢？
        < [图文] 主动降噪蓝牙耳机
        """
    )
