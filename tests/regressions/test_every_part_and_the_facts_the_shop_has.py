"""Messages with several questions lost parts, and product questions missed facts the shop has:
"支付宝能用吗 花呗呢" answered only 花呗, "青轴多少钱 吵不吵" asked which product, "香水有几种味道
留香久吗" and "头戴耳机能折叠吗 重不重" answered one part, "能用券吗 用完多少钱" listed the offers
twice and never said the price after them, "今天还能发吗" gave the general rule without the
shop's clock, "十一能发货吗" fell back, and the kettle's boil time, the running shoe's fit for
wide feet and the headphones' weight were "不太确定"."""

from __future__ import annotations

from datetime import timedelta

from bot.shoptime import DEFAULT_ZONE
from tests.dialogs.transcript import Shop


def _at(shop: Shop, hour: int, minute: int) -> None:
    """Move the shop's clock on to the next `hour:minute`, shop time."""
    now = shop.clock.now().astimezone(DEFAULT_ZONE)
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    shop.clock.advance((target - now).total_seconds())


async def test_a_short_follow_up_question_is_answered_too(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 支付宝能用吗 花呗呢
        < 暂不支持支付宝
        < 暂不支持花呗
        > 能开发票吗 专票呢
        < 可以开电子发票
        < 增值税专用发票
        """
    )


async def test_a_value_only_one_product_has_names_it(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 青轴多少钱 吵不吵
        < ¥219.00
        < 青轴有明显的咔哒声
        <! 您问的是哪件商品
        > 买
        < 87键机械键盘
        """
    )


async def test_several_questions_about_a_product_named_first(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 香水有几种味道 留香久吗
        < 木质调 / 花果调
        < 留香4-6小时
        """
    )
    await shop.chat().run(
        """
        > 头戴耳机能折叠吗 重不重
        < 可折叠
        < 250g
        <! 不太确定
        """
    )


async def test_the_price_after_the_offers_is_said_once(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 空气炸锅
        < 无油空气炸锅
        > 能用券吗 用完多少钱
        < 可以用券
        <1 XIAOHE10
        < 用券NEWBIE15再减¥15.00
        < 到手¥264.00
        <! 现在可用的优惠
        > 到手价多少
        < 到手¥264.00
        """
    )


async def test_today_by_the_shops_clock_before_the_cut_off(shop: Shop) -> None:
    _at(shop, 10, 0)
    await shop.chat().run(
        """
        > 今天还能发吗
        < 店铺这边现在是10:00
        < 现在付款今天就能发出
        < 16:00前付款当天发出
        """
    )


async def test_a_time_the_shopper_says_differently_is_named(shop: Shop) -> None:
    _at(shop, 14, 30)
    await shop.chat().run(
        """
        > 现在下午五点 今天还能发吗
        < 店铺这边现在是14:30
        < 和您说的17:00不太一样
        < 现在付款今天就能发出
        """
    )


async def test_after_the_cut_off_it_leaves_tomorrow(shop: Shop) -> None:
    _at(shop, 17, 5)
    await shop.chat().run(
        """
        > 现在五点多了 今天还能发吗
        < 店铺这边现在是17:05
        <! 不太一样
        < 现在付款明天发出
        > 空气炸锅
        > 今天能发吗
        < 现在付款明天发出
        <! 生鲜冷链
        """
    )


async def test_fresh_fruit_follows_its_own_rule(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 车厘子今天能发吗
        < 付款后48小时内发出
        <! 16:00前付款
        """
    )


async def test_holidays_get_the_holiday_rule(shop: Shop) -> None:
    for asked in ("十一能发货吗", "国庆期间发货吗", "五一放假发货吗"):
        await shop.chat().run(
            f"""
            > {asked}
            < 法定节假日照常发货
            < 春节
            """
        )


async def test_facts_the_shop_has_are_used(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 热水壶
        > 烧水要多久
        < 5分钟烧开
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 跑步鞋
        > 脚宽能穿吗
        < 脚偏宽的可以拍大一码
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 冲锋衣
        > 防泼水吗
        < 防泼水
        """
    )
    await shop.chat().run(
        """
        > 除螨仪
        > 能开票吗
        < 电子发票
        """
    )


async def test_two_products_compared_by_a_fact(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 降噪耳机和头戴那个哪个续航久点
        < 头戴式蓝牙耳机续航更长
        < 40小时
        < 主动降噪蓝牙耳机
        > 入耳的那个有什么颜色
        < 白色
        """
    )
    await shop.chat().run(
        """
        > 入耳的耳机和头戴的哪个轻
        < 主动降噪蓝牙耳机更轻
        """
    )


async def test_a_weight_fact_is_no_answer_to_a_length(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 围巾有多长
        < 180×30cm
        """
    )


async def test_a_place_with_a_time_word_inside_is_a_place(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 成都能发货吗
        < 成都可以发货
        <! 店铺这边现在是
        """
    )
