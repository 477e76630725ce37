"""A question about the product on screen that its own data answers is answered from it, never
"不太确定": how big it is ("多大的": 50g, 30L / 55L / 80L), which values a spec has when asked by
the word its values end in ("有啥轴": 红轴 / 青轴 / 茶轴), the colours of a product turned to
("那开衫呢 有啥颜色"), how it is sold ("榴莲怎么卖"), and the price of one unit of a product
sold in packs ("多少钱一斤"). A message that goes past the cart with the order in it ("那寄到北京
买个5斤礼盒") says what is bought and what it costs before asking for the receiver."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_how_big_it_is_from_its_specs(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 推荐个面霜 我油皮 夏天用
        < 控油清爽啫喱面霜
        > 多大的
        < 50g
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 宿舍用的 有啥推荐 100块以内
        < 透明收纳箱
        > 收纳箱多大的
        < 30L、55L、80L
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 空气炸锅
        > 有多大
        < 4.5L
        < 6L
        <! 1400W
        """
    )


async def test_how_big_is_no_size_for_the_body_nor_another_measure(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > T恤
        > 多大的
        < S / M / L / XL / XXL
        <! 155-165cm
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 空气炸锅
        > 声音多大
        <! 4.5L
        """
    )


async def test_a_spec_asked_by_the_word_its_values_end_in(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 87键机械键盘
        > 键盘有啥轴
        < 红轴 / 青轴 / 茶轴
        <! 不太确定
        > 有什么颜色
        < 白色 / 黑色
        """
    )


async def test_a_product_turned_to_then_asked_about(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 有没有适合送妈妈的东西 300左右
        > 围巾还有吗
        < 羊绒围巾
        > 那开衫呢 有啥颜色
        < 米白 / 燕麦色 / 雾霾蓝
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 有没有适合送妈妈的东西 300左右
        > 围巾还有吗
        > 那开衫呢
        < 羊毛混纺针织开衫 ¥219.00
        <! 不太确定
        """
    )


async def test_how_it_is_sold(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 榴莲怎么卖
        < 泰国金枕榴莲  ¥199.00
        < 2-3斤 / 4-5斤
        <! 想买哪件商品
        <! 直接告诉我想买的商品
        > 出肉率多少
        < 出肉率不作保证
        """
    )
    await shop.chat().run(
        """
        > T恤咋卖
        < 纯棉圆领短袖T恤  ¥59.00
        <! 想买哪件商品
        """
    )


async def test_the_price_of_one_unit_of_a_product_sold_in_packs(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 车厘子多少钱一斤
        < 按份卖：2斤装、5斤礼盒，¥159.00
        > 一斤多少钱
        < 按份卖
        """
    )


async def test_an_order_past_the_cart_says_what_is_bought(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 车厘子多少钱一斤
        > 好吧 那寄到北京 买个5斤礼盒
        < 智利车厘子JJ级（规格:5斤礼盒） ×1  ¥159.00，北京包邮，合计¥159.00
        < 请告诉我收货人姓名
        > 王五
        <! ¥159.00
        < 手机号
        """
    )
    await shop.chat().run(
        """
        > T恤
        > 寄到上海 买一件白色L
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1  ¥59.00，寄上海运费¥6.00，合计¥65.00
        """
    )


async def test_spicy_or_not_from_its_flavour_and_tags(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 螺蛳粉辣不辣
        < 柳州螺蛳粉口味是酸辣，是辣的
        <! 不太确定
        > 有不辣的吗
        < 不辣的可以看看这些
        <! 柳州螺蛳粉 ¥
        <! 麻辣牛肉干
        <! 不太确定
        """
    )
    await shop.chat().run(
        """
        > 坚果辣不辣
        < 不辣，原味烘焙
        """
    )


async def test_a_quality_its_description_names_in_other_words(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 牛仔裤 我腰围2尺1 穿几码
        > 裤长多少 我160
        < 98cm
        > 有没有弹力
        < 微弹棉质面料
        <! 不卖
        > 弹性怎么样
        < 微弹
        """
    )


async def test_the_price_of_other_products_named_on_a_card(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 有保问杯吗
        < 316不锈钢保温杯
        > 充电包多少钱
        < 10000mAh超薄充电宝 ¥89.00
        < 20000mAh大容量充电宝 ¥129.00
        <! 316不锈钢保温杯 ¥99.00
        > 2
        < 20000mAh大容量充电宝  ¥129.00
        """
    )
    await shop.chat().run(
        """
        > T恤
        > 保问杯多少钱
        < 316不锈钢保温杯 ¥99.00
        <! T恤 ¥59.00
        """
    )


async def test_which_is_thicker_by_the_fabric_weight(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 卫衣和T恤哪个厚
        < 重磅连帽卫衣更厚
        < 400g毛圈棉
        < 200g
        <! 只写了厚
        """
    )
    await shop.chat().run(
        """
        > 卫衣和T恤哪个薄
        < 纯棉圆领短袖T恤更薄
        """
    )


async def test_compared_with_a_product_named_by_part_of_its_name(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 推荐个面霜 我油皮 夏天用
        > 跟那个保湿修护的有啥区别
        < 控油清爽啫喱面霜：¥119.00
        < 保湿修护面霜：¥139.00，神经酰胺配方
        <! 不太确定
        """
    )


async def test_compared_with_the_one_of_its_kind(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 洗面奶 敏感肌能用吗
        > 双支装多少钱
        > 和男士那款比哪个好 我男的 油皮
        < 推荐男士控油洁面乳
        < 氨基酸温和洗面奶
        <! 男士商务休闲裤
        """
    )


async def test_the_two_compared_are_named_after_the_question(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 想买点水果 给老人 100左右
        > 苹果哪个好吃 红富士还是冰糖心
        < 烟台红富士苹果：¥49.90
        < 阿克苏冰糖心苹果：¥59.90
        <! 佳沛金奇异果
        <! 没有写哪款更好吃
        """
    )
