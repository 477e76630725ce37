"""A product question is answered from what the shop's data says of the product (its name,
specs, attributes, description, facts), every part of it: a bare "多少" on a card is its price;
a yes/no its name or description answers (纯棉的吗, 透气吗, 会不会干烧); a count, a material or
how often (一箱多少包, 什么料子, 一周用几次); 怎么样 as what the description says with the price;
a skin type over a list from the 肤质 attribute; a part the data does not say (甜不甜, 会透吗) is an
honest "not sure" beside the parts it does."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_bare_how_much_is_the_price_of_what_is_on_screen(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 洗面奶
        > 第一个
        < 氨基酸温和洗面奶
        > 多少
        < ¥49.90
        <! 不太确定
        > 这个多少呀
        < ¥49.90
        """
    )
    await shop.chat().run(
        """
        > 围巾
        < 羊绒围巾
        > 那换个别的 乳胶枕怎么样 是一对吗
        < 天然乳胶枕：泰国天然乳胶，波浪曲线护颈，¥199.00
        < 一对有货
        <! 羊绒
        > 多少
        < 天然乳胶枕 ¥199.00
        """
    )


async def test_yes_no_questions_the_name_or_description_answers(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > T恤
        < 纯棉圆领短袖T恤
        > 纯棉的吗 会不会缩水 能机洗吗
        < 是的，纯棉圆领短袖T恤
        < 略有缩水
        <! 为您找到
        """
    )
    await shop.chat().run(
        """
        > 跑步鞋
        < 轻便透气跑步鞋
        > 透气吗 多重
        < 飞织鞋面
        < 230g
        """
    )
    await shop.chat().run(
        """
        > 皮带
        < 真皮自动扣腰带
        > 是真皮的吗 多长
        < 头层牛皮
        < 110cm、120cm、130cm
        <! 为您找到
        """
    )
    await shop.chat().run(
        """
        > 电热水壶
        > 多大容量
        < 1.7L
        <! 充电宝
        > 会不会干烧
        < 防干烧
        <! 库存
        """
    )


async def test_a_product_named_with_its_questions_gets_the_answers(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 烧水壶多大容量 会不会干烧
        < 1.7L
        < 防干烧
        < 电热水壶
        """
    )
    await shop.chat().run(
        """
        > 水果
        > 有车厘子吗 甜不甜
        < 有的，智利车厘子JJ级 ¥159.00
        < 不太确定
        """
    )


async def test_counts_materials_and_how_often(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 抽纸
        < 原木抽纸24包
        > 一箱多少包
        < 24包整箱
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 连衣裙
        > 第二个是什么料子 会透吗
        < 棉麻混纺
        < 不太确定
        > 面料是啥
        < 棉麻混纺
        """
    )
    await shop.chat().run(
        """
        > 面膜
        < 玻尿酸补水面膜
        > 一周用几次 油皮能用吗
        < 每周2-3次
        < 油皮可用
        """
    )
    await shop.chat().run(
        """
        > 保温杯
        > 500ml的保温多久 能放洗碗机吗
        < 12小时后还有50℃
        < 不建议放洗碗机
        """
    )


async def test_what_it_is_like_and_what_the_data_does_not_say(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 乳胶枕
        > 怎么样
        < 天然乳胶枕：泰国天然乳胶，波浪曲线护颈，¥199.00
        <! 库存
        """
    )
    await shop.chat().run(
        """
        > 车厘子
        > 甜不甜
        < 不太确定
        < 人工
        > 酸不酸
        < 不太确定
        """
    )


async def test_a_skin_type_over_a_list(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 洗面奶
        < 男士控油洁面乳
        > 敏感肌能用哪个
        < 氨基酸温和洗面奶敏感肌可用
        < 男士控油洁面乳标的是适合油皮、混合皮，没写敏感肌
        > 油皮用哪个
        < 男士控油洁面乳油皮可用
        """
    )


async def test_for_how_many_people_is_not_in_the_data(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 空气炸锅
        > 多大的适合3口人 保修多久
        < 4.5L / 6L
        < 适合几口人用，资料里没写
        < 整机保修一年
        """
    )
    await shop.chat().run(
        """
        > 空气炸锅
        > 三口之家用多大的
        < 4.5L / 6L
        < 资料里没写
        """
    )


async def test_a_listed_product_asked_about_by_name(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 围巾呢
        > 那换个别的 乳胶枕怎么样 是一对吗
        < 泰国天然乳胶，波浪曲线护颈
        < 一对有货
        """
    )
    await shop.chat().run(
        """
        > 帮我推荐个礼物 送男朋友 300以内
        < 真皮自动扣腰带
        > 皮带是真皮的吗 多长
        < 头层牛皮
        < 110cm、120cm、130cm
        """
    )


async def test_a_list_of_one_is_that_product(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 随便看看
        > 面膜有吗 补水的
        > 一周用几次 油皮能用吗
        < 每周2-3次
        < 油皮可用
        <! 答不上来
        """
    )
    await shop.chat().run(
        """
        > 有啥好东西
        > 围巾呢
        < 为您找到1件相关商品
        > 是什么料子
        < 羊绒
        > 多长
        < 180×30cm
        """
    )
