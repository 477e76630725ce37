"""One product in two specs in one message, each with its count ("一件110一件120", "格子蓝 XL 一套
格子粉 M 一套", "男的XL女的M"); a 不 standing alone corrects a count ("两件 不 三件"); "删掉一件"
takes one off a line instead of leaving the shopper unanswered."""

from tests.dialogs.transcript import Shop


async def test_one_of_each_height_on_the_card(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 儿童卫衣 孩子5岁 身高110 穿多大
        > 要粉色的 两件 一件110一件120
        < 儿童纯棉卫衣（颜色:粉色 尺码:110） ×1
        < 儿童纯棉卫衣（颜色:粉色 尺码:120） ×1
        <! ×2
        """
    )


async def test_two_sets_said_with_spaces_then_both_the_same(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 家居服有男款吗
        > 格子蓝 XL 一套 格子粉 M 一套
        < 纯棉家居服套装（颜色:格子蓝 尺码:XL） ×1
        < 纯棉家居服套装（颜色:格子粉 尺码:M） ×1
        > 改成格子粉都要M
        < 纯棉家居服套装（颜色:格子粉 尺码:M） ×2
        """
    )


async def test_two_sizes_glued_together_share_the_colour(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要T恤 男的XL女的M 黑色
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:XL） ×1
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
        """
    )


async def test_a_count_standing_alone_after_two_colours_is_the_total(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要T恤 黑色 白色 两件
        < 黑色×1、白色×1记下了
        < 请选择尺码
        """
    )


async def test_a_lone_no_corrects_the_count(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 卫衣要黑色的XL
        > 算了还是雾霾蓝吧
        < 要买几件
        > 两件 不 三件
        < 重磅连帽卫衣（颜色:雾霾蓝 尺码:XL） ×3
        > 删掉一件
        < 减了1件，现在2件
        < 重磅连帽卫衣（颜色:雾霾蓝 尺码:XL） ×2
        <! 没太明白
        """
    )


async def test_one_fewer_of_two_lines_asks_which(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两个白色500ml保温杯和一个黑色500ml保温杯
        > 删掉一件
        < 要把哪件减1件
        > 白色的删掉一件
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×1
        < 316不锈钢保温杯（颜色:黑色 容量:500ml） ×1
        """
    )
