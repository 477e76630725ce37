"""Product questions about what is on screen: a card's colours and price, a list's products all
at once, a choice said by its spec or its count, a category typed by name, and the words that
ask for something cheaper or a suggestion. Each was a shopper the bot lost."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_a_card_says_its_colours_and_its_price_briefly(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        < [图文] 316不锈钢保温杯
        > 有什么颜色
        < 颜色：白色 / 黑色 / 雾霾蓝
        <! 不卖
        <! [图文]
        > 多少钱
        < 316不锈钢保温杯 ¥99.00，有货
        < 券NEWBIE15
        <! 316内胆
        """
    )


async def test_a_coat_card_lists_its_colours(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有给我妈的外套
        > 第一个
        < 轻薄白鸭绒羽绒服
        > 有什么颜色
        < 颜色：黑色 / 米白 / 酒红
        <! 不卖颜色
        """
    )


async def test_a_question_on_a_list_is_answered_for_each_listed_product(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有充电宝
        < 1. 10000mAh超薄充电宝
        > 能充几次
        < 10000mAh超薄充电宝：10000mAh，大约能给iPhone15充2次
        < 20000mAh大容量充电宝：20000mAh，大约能给iPhone15充4次
        <! 答不上来
        <! 5. 65W氮化镓充电器
        """
    )


async def test_sizes_and_colours_asked_on_a_list(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 卫衣
        < 1. 重磅连帽卫衣
        > 有L码吗
        < 重磅连帽卫衣L码有货
        <! 答不上来
        > 有什么颜色
        < 重磅连帽卫衣 颜色：燕麦色 / 黑色 / 雾霾蓝
        <! 不卖
        > 谢谢
        < 不客气～
        <! 1. 重磅连帽卫衣
        """
    )


async def test_a_spec_only_one_listed_product_comes_in_chooses_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我想买卫衣
        < 重磅连帽卫衣
        > 燕麦色xl
        < 重磅连帽卫衣（颜色:燕麦色 尺码:XL）
        < 要买几件
        <! 燕麦片
        """
    )
    assert await chat.state() == "order:quantity"


async def test_a_count_or_this_one_on_a_list_asks_which_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有蓝牙耳机
        < 1. 主动降噪蓝牙耳机
        > 买一个
        < 您要哪一款？回复序号
        > 就这个
        < 您要哪一款？回复序号
        > 一个
        < 您要哪一款？回复序号
        <! [图文]
        > 能防水吗
        < 便携蓝牙音箱：IPX7防水
        """
    )
    assert await chat.state() == "browse:list"


async def test_a_category_typed_by_name_is_the_whole_category_paged(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 零食
        < 零食（第1/6页）
        > 更多
        < 零食（第2/6页）
        <! 最后一页
        """
    )


async def test_a_short_search_shows_no_page_count(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有充电宝
        < 为您找到5件相关商品：
        <! 第1/1页
        """
    )


async def test_cheaper_and_suggestions_are_listed_not_called_unsold(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 逛逛
        > 有什么推荐
        < 先各挑几件给您看看
        < 1. 纯棉圆领短袖T恤
        <! 答不上来
        > 有没有便宜点的
        < 按价格从低到高
        <! 不卖便宜
        """
    )


async def test_cheaper_on_a_card_lists_cheaper_ones_of_its_kind(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有保温杯吗
        > 有没有便宜点的
        < 按价格从低到高
        <! 316不锈钢保温杯
        <! 不卖
        """
    )


async def test_the_same_small_talk_again_gets_a_smile_not_the_same_sentence(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 哈哈哈
        < 好嘞～还有什么可以帮您
        > 👍
        < 😊
        <! 好嘞
        > [微笑]
        < 😊
        > 有保温杯吗
        < 316不锈钢保温杯
        """
    )


async def test_a_product_question_naming_no_product_asks_which_one(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 能机洗吗
        < 您问的是哪件商品
        <! 没学会
        """
    )
