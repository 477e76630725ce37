"""Two products joined by 和 (跟, 以及) in one message: a line each, with the specs and count each
part says; a count said once with 各 is every product's, and values said after both go to the
product that comes in them ("衣服要白色L": the jacket's)."""

from tests.dialogs.transcript import Shop


async def test_two_products_with_their_specs_go_into_the_cart(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买一件黑色T恤M码和一双黑色帆布鞋40码
        < 已加入购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
        < 百搭帆布鞋（颜色:黑色 尺码:40） ×1
        <! 想买哪件商品呢
        """
    )


async def test_with_the_receiver_in_the_same_message_the_check_is_shown(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要买一件黑色T恤M码和一双黑色帆布鞋40码 寄到 广东广州天河区体育西路1号 刘小姐 18812341234
        < 请核对订单
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
        < 百搭帆布鞋（颜色:黑色 尺码:40） ×1
        < 地址：广东广州天河区体育西路1号
        > 确认
        < 下单成功
        """
    )


async def test_each_one_over_a_list_adds_both(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有防晒的
        > 防晒衣和防晒霜各来一个 衣服要白色L
        < 冰丝防晒衣（颜色:白色 尺码:L） ×1
        < 清爽防晒霜SPF50（规格:50ml） ×1
        > 防晒霜不要了
        <! 购物车里没有
        """
    )


async def test_a_count_with_each_and_values_both_come_in(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > T恤跟卫衣各要两件 黑色L码
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×2
        < 重磅连帽卫衣（颜色:黑色 尺码:L） ×2
        """
    )


async def test_two_colours_of_one_product_stay_one_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 黑色和白色的T恤各来一件 都要L
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:L） ×1
        < 纯棉圆领短袖T恤（颜色:白色 尺码:L） ×1
        """
    )
