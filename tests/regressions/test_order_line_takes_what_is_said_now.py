"""An order line takes the product, spec and count the shopper names in it: a spec mentioned in
an earlier question on the card never replaces the one said with the order."""

from tests.dialogs.transcript import Shop


async def test_the_spec_said_with_the_order_wins_over_one_asked_about(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 350的和500的价格一样吗
        > 黑色500ml两个
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×2
        <! 350ml
        """
    )


async def test_the_colour_said_with_the_order_wins_over_one_asked_about(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 纯棉T恤
        > 有白色L码吗
        > 黑色的来三件
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×3
        """
    )


async def test_a_spec_asked_about_still_goes_into_the_order_said_without_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 有雾霾蓝500ml的吗
        > 来两个
        < 316不锈钢保温杯（颜色:雾霾蓝 容量:500ml） ×2
        """
    )


async def test_a_describing_word_orders_the_other_listed_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 羽绒服
        > 长款那个多少钱
        > 轻薄的 黑色 L码
        < 轻薄白鸭绒羽绒服（颜色:黑色 尺码:L）
        < ¥399.00
        <! 加厚长款羽绒服
        """
    )


async def test_a_describing_word_after_a_change_of_mind_is_an_order(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 羽绒服
        > 长款那个多少钱
        > 算了超预算了 就要轻薄的吧 黑色 L码
        < 轻薄白鸭绒羽绒服（颜色:黑色 尺码:L）
        <! 没太明白
        """
    )


async def test_the_card_own_describing_word_keeps_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 羽绒服
        > 轻薄那个多少钱
        > 加厚的 黑色 M码 两件
        < 加厚长款羽绒服（颜色:黑色 尺码:M） ×2
        """
    )


async def test_a_describing_word_on_the_card_own_product_is_its_order(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 羽绒服
        > 2
        > 加厚的 黑色 M码 两件
        < 加厚长款羽绒服（颜色:黑色 尺码:M） ×2
        <! ×3
        """
    )


async def test_a_question_with_a_wish_to_buy_is_answered_not_added(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想买个加湿器 卧室用 声音大不大
        < 26分贝
        <! 已加入购物车
        > 多大容量
        < 4L
        > 来一个
        < 静音加湿器（颜色:白色 容量:4L） ×1
        <! ×2
        """
    )


async def test_the_shopper_who_looks_elsewhere_still_buys_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想买个加湿器 卧室用 声音大不大
        > 算了 还是看看除螨仪吧 续航多久
        < 30分钟
        > 嗯 还是要加湿器吧 来一个
        < 静音加湿器（颜色:白色 容量:4L） ×1
        <! ×2
        """
    )


async def test_other_wishes_with_a_question_add_nothing(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想给我妈买个加湿器 声音大不大
        < 26分贝
        <! 已加入购物车
        <! 还没学会
        > 准备买个鼠标 声音大吗
        < 静音
        <! 还没学会
        > 打算入手个充电宝 能带上飞机吗
        < 飞机
        <! 已加入购物车
        """
    )


async def test_a_wish_said_with_an_order_still_orders(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想买个加湿器 来一个 声音大吗
        < 已加入购物车
        < 静音加湿器（颜色:白色 容量:4L） ×1
        """
    )


async def test_a_measure_asked_with_a_cart_is_about_the_cart(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一个加湿器
        < 已加入购物车
        > 多大容量
        < 容量4L
        <! 充电宝
        """
    )


async def test_a_measure_asked_at_the_count_is_about_the_line(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 买
        > 白色
        > 500ml
        > 能装多少
        < 500ml
        <! 充电宝
        """
    )


async def test_a_describing_word_names_a_coat_of_the_card_kind(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 想给我妈买件过冬的外套 预算300以内有吗
        < 羊毛混纺针织开衫
        > 算了 就要轻薄的吧 黑色 L码
        < 轻薄白鸭绒羽绒服（颜色:黑色 尺码:L）
        <! 没太明白
        """
    )


async def test_two_values_compared_on_the_card_choose_neither(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 350的和500的价格一样吗
        > 黑色的买两个
        < 请选择容量
        <! 350ml） ×2
        """
    )
