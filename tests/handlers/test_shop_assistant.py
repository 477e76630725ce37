"""Transcripts of issue 9: the bot understands shoppers the way a shop assistant would."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_price_ceilings_are_honoured_or_said_to_be_impossible(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 200块以内的耳机
        < 200元以内的只有这一款
        < Type-C有线耳机
        <! 主动降噪蓝牙耳机
        """
    )
    await shop.chat().run(
        """
        > 50以内的羽绒服
        < 没有50元以内的，最便宜的是轻薄白鸭绒羽绒服 ¥399.00
        """
    )


async def test_qualities_from_the_product_data(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 想买点辣的零食 五十以内
        < 辣条大礼包
        < 麻辣牛肉干
        <! 每日坚果
        <! 零食大礼包
        """
    )
    await shop.chat().run(
        """
        > 给我妈买件厚实的外套 过冬穿
        < 加厚长款羽绒服
        """
    )
    await shop.chat().run(
        """
        > 有没有适合油皮的面霜
        < 控油清爽啫喱面霜
        < 保湿修护面霜不太适合油皮
        """
    )


async def test_product_facts_on_the_card(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        < 316不锈钢保温杯
        > 保温多久
        < 12小时后还有50℃左右
        <! 保修
        > 能放洗碗机吗
        < 不建议放洗碗机
        > 可以刻字吗
        < 不太确定
        < 人工
        """
    )


async def test_right_faqs_and_several_questions(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 你们包邮吗 我买五十多块的要运费不
        < 满69元包邮
        """
    )
    await shop.chat().run(
        """
        > 能开专票吗
        < 增值税专用发票
        """
    )
    await shop.chat().run(
        """
        > 今天下午拍啥时候发 寄到广州几天到
        < 16:00前付款当天发出
        < 2-4天
        """
    )


async def test_policy_questions_are_not_order_lookups(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 几天发货
        < 16:00前付款当天发出
        <! 没有已发货的订单
        > 发货了没
        < 没有已发货的订单
        """
    )


async def test_what_the_shop_does_not_sell(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有iPhone15卖吗
        < 我们店不卖iPhone15哦
        < iPhone15液态硅胶手机壳
        """
    )
    await shop.chat().run(
        """
        > 有洗碗机吗
        < 我们店不卖洗碗机哦
        < 服饰
        <! 洗洁精
        """
    )
    await shop.chat().run(
        """
        > 我想买东西
        < 想看哪一类
        <! 没有找到
        """
    )


async def test_after_sales_and_complaints(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 之前买的卫衣小了 想换XL
        <! 为您找到
        < 售后
        """
    )
    await shop.chat().run(
        """
        > 买了一个礼拜都没到 我要投诉
        < 非常抱歉
        < 人工
        """
    )


async def test_typos_in_product_words(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有冲电宝吗
        < 超薄充电宝
        <! 没有找到
        """
    )
    await shop.chat().run(
        """
        > 羽绒福有吗 要厚一点的
        < 羽绒服
        """
    )


async def test_a_search_mid_browse_is_as_honest_as_a_new_one(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有iPhone15卖吗
        < 我们店不卖iPhone15哦
        > 有洗碗机吗
        < 我们店不卖洗碗机哦
        <! 回复序号看商品详情
        > 有没有适合油皮的面霜
        < 保湿修护面霜不太适合油皮
        < 控油清爽啫喱面霜
        > 之前买的卫衣洗了一次就开线了 质量太差了 我要换
        < 非常抱歉
        < 人工
        <! 重磅连帽卫衣
        """
    )


async def test_questions_about_a_kind_of_product_are_answered_from_facts(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 车厘子保质期多久
        < 冷藏可以放7天左右
        <! 为您找到
        > 羽绒服能机洗吗
        < 轻柔模式
        <! 为您找到
        """
    )


async def test_wishes_in_other_words(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有不辣的零食
        < 每日坚果
        <! 辣条大礼包
        <! 麻辣牛肉干
        """
    )
    await shop.chat().run(
        """
        > 想给老公买个礼物 三百左右
        <! 不卖礼物
        < 价格最接近的是
        """
    )
    await shop.chat().run(
        """
        > 有没有卖猫粮的
        < 我们店不卖猫粮哦
        """
    )


async def test_questions_on_a_card_that_are_not_about_the_product(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有卖袜子的
        < 中筒棉袜5双装
        > 你们几点下班
        < 9:00-22:00
        <! 转接人工
        > 谢谢啦
        < 不客气
        <! 没太明白
        """
    )
