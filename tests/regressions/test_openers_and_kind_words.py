"""Openers, words for kinds of goods and product questions, round 3: 随便逛逛 browses like 随便看看;
有啥好吃的 opens the snacks; a word for a kind of goods the shop has (家电, 电器, 厨具, 护肤品) or a
shopping word (新品, 爆款) is never answered "我们店不卖…"; 会起球吗 asked before buying is a
product question, not a complaint; pinyin letters typed inside a product word are read (四件tao);
a wish said over a list (男生穿的 要厚一点) picks the listed products that meet it."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_ways_of_saying_just_browsing_open_the_menu(shop: Shop) -> None:  # noqa: F811
    for said in ("随便逛逛", "先随便瞧瞧吧", "到处逛逛"):
        chat = shop.chat()
        await chat.run(
            f"""
            > {said}
            < 想看哪一类
            <! 没学会
            > 5
            < 家居日用
            """
        )


async def test_something_tasty_opens_the_snacks(shop: Shop) -> None:  # noqa: F811
    for said in ("有啥好吃的", "有什么好吃的", "有没有零嘴"):
        chat = shop.chat()
        await chat.run(
            f"""
            > {said}
            < 零食
            <! 纯棉圆领短袖T恤
            """
        )


async def test_a_word_for_a_kind_of_goods_shows_them(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 有没有小点的家电 宿舍用
        < 电热水壶
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 有没有电器
        < 无油空气炸锅
        < 静音加湿器
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 厨具有哪些
        < 麦饭石不粘炒锅
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 看看护肤品
        < 美妆个护
        <! 售后
        """
    )


async def test_a_charger_is_still_a_charger(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 有没有充电器
        < 65W氮化镓充电器
        <! 电热水壶
        """
    )


async def test_new_and_popular_are_never_not_sold(shop: Shop) -> None:  # noqa: F811
    for said in ("有啥新品 有啥推荐的", "有什么爆款", "最近有啥好物"):
        await shop.chat().run(
            f"""
            > {said}
            <! 不卖
            < 1.
            """
        )


async def test_pinyin_letters_inside_a_product_word(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 有没有四件tao
        < 全棉磨毛四件套
        <! 不卖
        """
    )
    await shop.chat().run(
        """
        > 想买个保温bei
        < 316不锈钢保温杯
        """
    )


async def test_will_it_pill_is_a_question_about_the_product(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有没有四件tao
        < 请选择颜色
        > 1.8的 秋冬用 会起球吗
        < 不起球
        <! 抱歉
        <! 售后
        <! 尺码表
        < 请选择颜色
        """
    )
    assert await chat.state() == "order:spec"
    chat = shop.chat()
    await chat.run(
        """
        > 全棉磨毛四件套
        > 起不起球
        < 不起球
        <! 售后
        """
    )


async def test_pilling_that_happened_is_still_a_complaint(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 卫衣起球了
        < 抱歉
        """
    )


async def test_a_wish_over_a_list_picks_what_fits(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有没有卫衣
        < 儿童纯棉卫衣
        > 男生穿的 要厚一点
        < 合适的是这1款
        < 重磅连帽卫衣
        <! 儿童纯棉卫衣
        <! 没太明白
        <! 羽绒服
        """
    )
    assert await chat.state() == "browse:list"
    chat = shop.chat()
    await chat.run(
        """
        > 有没有卫衣
        > 要厚实点的
        < 重磅连帽卫衣
        <! 羽绒服
        """
    )


async def test_a_gift_box_asked_on_a_card_is_about_that_product(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 帮我推荐个礼物 送男朋友 300以内
        > 1
        < 真皮自动扣腰带
        > 有礼盒吗
        < 真皮自动扣腰带没有礼盒包装
        < 贺卡
        <! 黄油曲奇礼盒
        <! 再来一个
        """
    )
    await shop.chat().run(
        """
        > 每日坚果
        > 有礼盒包装吗
        < 选“30袋礼盒”规格
        <! 智利车厘子
        """
    )
    await shop.chat().run(
        """
        > 木质调淡香水
        > 能配个礼盒吗
        < 自带礼盒
        """
    )
