"""Conversations as a new shopper has them: the small words, half-corrections and questions
that the happy-path tests do not say, each one a way the bot used to lose the shopper."""

from __future__ import annotations

from tests.dialogs.transcript import Shop, paid_order

T_SHIRT = "我要一件黑色M码的T恤"
HANGZHOU = "张三 13812345678 浙江省杭州市西湖区文三路90号"


async def test_the_quantity_question_says_how_to_answer(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        > 白色 L
        < 要买几件？
        < 回复数字
        > 嗯
        < 回复数字
        """
    )


async def test_only_the_street_is_corrected_and_the_rest_of_the_address_kept(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        f"""
        > {HANGZHOU}
        < 请核对订单
        > 地址写错了 是文三路100号
        < 已把地址改成浙江省杭州市西湖区文三路100号
        > 地址改成文二路8号
        < 已把地址改成浙江省杭州市西湖区文二路8号
        > 地址改成北京市朝阳区建国路88号
        < 已把地址改成北京市朝阳区建国路88号
        <! 西湖区
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.address == "北京市朝阳区建国路88号"


async def test_a_street_correction_at_the_address_step_keeps_the_district(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)  # 上海市浦东新区世纪大道100号
    await chat.run(
        """
        > 不对 应该是张江路8号
        < 已把地址改成上海市浦东新区张江路8号
        """
    )


async def test_the_receiver_is_corrected_by_its_label(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        f"""
        > {HANGZHOU}
        > 收货人不对 是李四
        < 已把收货人改成李四
        > 名字改成王芳
        < 已把收货人改成王芳
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.receiver_name == "王芳"


async def test_specs_asked_on_a_card_are_answered_and_kept_for_the_order(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有保温杯
        < 316不锈钢保温杯
        > 有白色500ml吗
        < 白色500ml有货
        <! 库存：
        > 买 俩
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×2
        <! 请选择颜色
        """
    )


async def test_a_colour_the_product_does_not_come_in_is_said_with_the_ones_it_does(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有卫衣
        > 第一个
        < 重磅连帽卫衣
        > 有白色L码吗
        < 这款没有白色，颜色有燕麦色、黑色、雾霾蓝
        < L码有货
        <! 请选择颜色
        """
    )
    assert await chat.state() == "browse:card"


async def test_a_product_question_the_shop_has_no_answer_for_is_not_guessed(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有充电宝
        > 第一个
        < 10000mAh超薄充电宝
        > 这个能防水吗
        < 不太确定
        < 人工
        <! 库存
        > 能带上飞机吗
        < 可以随身带上飞机
        """
    )


async def test_a_question_the_description_answers_shows_the_details(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有蓝牙音箱
        < 1. 便携蓝牙音箱
        > 1
        > 这个能防水吗
        < IPX7防水
        <! 不太确定
        """
    )


async def test_a_pick_by_number_on_a_card_opens_that_product_of_the_list(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 看看耳机
        < 1. 主动降噪蓝牙耳机
        > 第2个
        < 头戴式蓝牙耳机
        > 第一个
        < 主动降噪蓝牙耳机
        <! 没太明白
        > 要第三个
        < Type-C有线耳机
        < 要买几件
        """
    )


async def test_the_first_one_on_a_card_of_its_own_is_that_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有保温杯
        < 316不锈钢保温杯
        > 第一个
        < 现在看的就是316不锈钢保温杯
        <! 没太明白
        > 就这个
        < 请选择颜色
        """
    )


async def test_this_one_in_the_cart_is_the_product_asked_about(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {T_SHIRT}
        > 这个能防水吗
        < 关于纯棉圆领短袖T恤的这个问题我不太确定
        <! 睫毛膏
        > T恤会起球吗
        < 关于纯棉圆领短袖T恤的这个问题我不太确定
        """
    )
    assert await chat.state() == "order:cart"


async def test_this_one_in_a_list_of_several_asks_which(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有洗面奶
        < 1. 氨基酸温和洗面奶
        > 这个能防水吗
        < 您问的是哪一款
        <! 睫毛膏
        """
    )


async def test_a_named_product_question_outside_any_dialog(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯能防水吗
        < 关于316不锈钢保温杯的这个问题我不太确定
        <! 睫毛膏
        > T恤有白色L码吗
        < 纯棉圆领短袖T恤白色L码有货
        > 来俩
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×2
        """
    )


async def test_a_problem_said_in_the_first_message_is_the_reason(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.run(
        """
        > 之前买的T恤小了 想换XL
        < 售后订单：
        <! 请简单说一下原因
        <! 可以发几张照片
        < 处理方式：换货
        < 换成：纯棉圆领短袖T恤 XL
        < 原因：之前买的T恤小了
        <! 原因：之前买的T恤小了 想换XL
        > 确认
        < 售后申请已提交
        """
    )


async def test_not_wanting_it_any_more_is_a_reason_when_the_reason_is_asked(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.run(
        """
        > 我要退款
        < 请简单说一下原因
        > 第一个
        < 请用一句话说明原因
        > 不想要了
        <! 已取消
        < 可以发几张照片
        > 没有照片
        < 原因：不想要了
        > 确认
        < 售后申请已提交
        """
    )


async def test_leaving_words_still_leave_at_the_reason_step(shop: Shop) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.reach("aftersales:reason")
    await chat.run(
        """
        > 算了
        < 已取消这次售后申请
        """
    )
    assert await chat.state() is None


async def test_asking_for_something_good_is_not_told_the_shop_does_not_sell_it(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有啥推荐的
        <! 不卖
        < 想看哪一类
        > 返回
        > 有什么好吃的
        <! 不卖
        """
    )


async def test_two_products_in_one_message_both_go_into_the_cart(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤 再来个白色500ml保温杯
        < 1. 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
        < 2. 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        > 再来一个白色500ml的保温杯 还要三包抽纸
        < 好的，加上
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×2
        < 原木抽纸24包（规格:24包整箱） ×3
        <! 已把纯棉圆领短袖T恤改成白色
        """
    )


async def test_another_product_with_a_colour_does_not_recolour_the_cart(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {T_SHIRT}
        > 再来一个白色500ml的保温杯
        <! 已把纯棉圆领短袖T恤改成白色
        < 1. 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
        < 2. 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        """
    )


async def test_swapping_for_a_kind_with_several_products_offers_them(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件黑色M码的T恤
        > 不要T恤了 换成卫衣
        < 纯棉圆领短袖T恤不要了
        < 1. 重磅连帽卫衣
        < 2. 儿童纯棉卫衣
        > 1
        > 黑色
        > L
        < 重磅连帽卫衣（颜色:黑色 尺码:L） ×2
        <! 纯棉圆领短袖T恤（
        """
    )


async def test_delivery_time_questions_mid_form_get_the_policy_not_the_orders(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        """
        > 今天下单什么时候到
        < 2-4天
        <! 答不上来
        < 请告诉我收货人姓名
        > 李雷 13800001111
        > 几天能到上海
        < 1-2天
        <! 您还没有订单
        < 收货地址是
        """
    )


async def test_a_product_named_on_another_products_card_is_the_one_asked_about(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 这个能放洗碗机吗
        < 您问的是哪件商品呢
        <! 柠檬洗洁精
        > 有没有洗洁精
        < 柠檬洗洁精
        > 保温杯能放洗碗机吗
        < 不建议放洗碗机
        <! 关于柠檬洗洁精
        > 有没有耳机
        < 1. 主动降噪蓝牙耳机
        <! 不太确定
        """
    )


async def test_a_size_question_while_the_size_is_asked_gets_the_size_advice(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买T恤
        > 黑色
        < 请选择尺码
        > 170穿什么码
        < 宽松版，按平时尺码拍
        < 请选择尺码
        """
    )


async def test_a_street_said_against_a_part_not_in_the_address_still_corrects_it(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        """
        > 张三 13812345678 浙江省杭州市西湖区文二路8号
        > 不对 是文三路99号不是90号
        < 已把地址改成浙江省杭州市西湖区文三路99号
        """
    )


async def test_moving_on_before_a_choice_is_made_says_what_is_missing(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件T恤
        < 请选择颜色
        > 结算
        < 下单前还要选一下颜色、尺码
        < 请选择颜色
        <! 没太明白
        > 确认
        < 还要选一下颜色
        > 黑色 M码
        < ×2
        """
    )


async def test_a_count_at_a_colour_or_size_question_is_the_quantity(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 买T恤
        < 请选择颜色
        > 两件
        <! 已把
        < 请选择颜色
        > 白色
        < 请选择尺码
        > 三件
        < 请选择尺码
        > M
        < ×3
        """
    )


async def test_a_spec_value_by_its_amount_alone(shop: Shop) -> None:
    cup = shop.chat()
    await cup.run(
        """
        > 我要一个保温杯
        < 请选择颜色
        > 白色350
        <! 请选择容量
        < 容量:350ml
        """
    )
    cherries = shop.chat()
    await cherries.run(
        """
        > 我要买车厘子
        < 请选择规格
        > 一盒5斤的
        <! 请选择规格
        < 5斤礼盒
        """
    )
