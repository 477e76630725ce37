"""An order line naming several products puts each into the cart with what it says of it (its
spec, its count); none is dropped, and a spec said with a product found by a typo is kept."""

from tests.dialogs.transcript import Shop


async def test_the_card_product_and_one_more_both_go_in(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 口红
        > 买一支02 再来个唇釉奶茶色
        < 丝绒哑光口红（色号:02豆沙） ×1
        < 水润镜面唇釉（色号:奶茶色） ×1
        """
    )


async def test_the_card_spec_and_one_more_with_its_spec(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 每日坚果
        > 15袋装多少钱
        > 要一盒30袋礼盒的 再加一包芒果干500g
        < 每日坚果（规格:30袋礼盒） ×1
        < 芒果干（规格:500g） ×1
        """
    )


async def test_a_count_for_the_card_then_another_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 保温杯
        > 要两个白色500ml的 再来个充电宝
        < 充电宝
        > 1
        > 黑色
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×2
        < 10000mAh超薄充电宝（颜色:黑色）
        """
    )


async def test_both_listed_products_ordered_side_by_side(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 冻干草莓和芒果干哪个好
        > 都要 芒果干200g 草莓脆两包
        < 芒果干（规格:200g） ×1
        < 冻干草莓脆（规格:60g×2） ×2
        <! 丹东
        <! 您要哪一款
        """
    )


async def test_two_listed_products_with_their_counts(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 芒果干和冻干草莓脆哪个好
        > 都要 芒果干两包500g的 冻干草莓脆一包
        < 芒果干（规格:500g） ×2
        < 冻干草莓脆（规格:60g×2） ×1
        """
    )


async def test_a_spec_said_with_a_typo_search_is_kept(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有木有保问杯 500ml的
        > 黑色
        < 316不锈钢保温杯（颜色:黑色 容量:500ml）
        <! 请选择容量
        """
    )


async def test_a_spec_said_with_a_search_is_kept_for_other_products(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有保温杯 雾霾蓝的
        > 买
        < 请选择容量
        <! 请选择颜色
        """
    )
