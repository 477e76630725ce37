"""Browsing: categories, pages, a product card (one news article), 买 into the order form."""

from __future__ import annotations

from tests.dialogs.transcript import Shop


async def test_categories_pages_card_and_buy(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 逛逛
        < 想看哪一类
        < 1. 服饰
        < 6. 数码配件
        > 1
        < 服饰（第1/6页）
        < 1. 纯棉圆领短袖T恤 ¥59.00
        < “更多”看下一页
        <! “上一页”
        > 更多
        < 服饰（第2/6页）
        < 1. 法式方领泡泡袖连衣裙 ¥239.00
        < “上一页”
        > 上一页
        < 服饰（第1/6页）
        > 上一页
        < 已经是第一页了
        > 2
        < [图文] 重磅连帽卫衣  ¥159.00
        < 颜色：燕麦色 / 黑色 / 雾霾蓝；尺码：M / L / XL / XXL
        < https://img.example.com/xiaohe/AP-1002.jpg
        < 回复“买”下单
        > 返回
        < 服饰（第1/6页）
        > 返回
        < 想看哪一类
        > 2
        > 12
        < 回复序号看商品详情
        > 4
        < [图文] 清爽防晒霜SPF50  ¥99.00
        > 买
        < 清爽防晒霜SPF50（规格:50ml） 单价¥99.00，要买几件
        > 1
        < 已加入购物车
        """
    )


async def test_last_page_and_a_sold_out_product(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 逛逛
        > 服饰
        > 更多
        > 更多
        > 更多
        > 更多
        > 更多
        < 服饰（第6/6页）
        > 更多
        < 已经是最后一页了
        > 上一页
        < 2. 羊绒围巾 ¥259.00（缺货）
        > 2
        < [图文] 羊绒围巾  ¥259.00
        < 暂时缺货
        """
    )


async def test_a_search_opens_the_card_and_buy_keeps_the_spec(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有适合油皮的面霜
        < 保湿修护面霜不太适合油皮
        < [图文] 控油清爽啫喱面霜  ¥119.00
        > 什么时候发货
        < 16:00前付款当天发出
        < 回复“买”下单
        > 有什么规格
        < 规格：50g
        < 库存：充足
        <! [图文]
        > 今天天气不错
        < 有需要随时找我
        < 回复“买”下单
        > 跟上次差不多就行
        < 没太明白您的意思
        < 回复“买”下单
        <! [图文]
        > 要两件
        < 控油清爽啫喱面霜（规格:50g） ×2  ¥238.00
        """
    )


async def test_a_search_with_several_results_lists_them(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有卫衣
        < 为您找到2件相关商品
        < 1. 重磅连帽卫衣 ¥159.00
        < 2. 儿童纯棉卫衣 ¥99.00
        > 2
        < [图文] 儿童纯棉卫衣  ¥99.00
        > 我要买
        < 请选择颜色
        """
    )


async def test_another_request_while_browsing_leaves_browsing(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 逛逛
        < 想看哪一类
        > 我要退货
        < 没有可以申请售后的订单
        > 1
        <! 服饰（第1/6页）
        """
    )


async def test_menu_clicks_enter_the_dialogs(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > [click] MENU_BROWSE
        < 想看哪一类
        > [click] CATEGORY_零食
        < 零食（第1/6页）
        < 每日坚果
        > [click] PRODUCT_HM-5001
        < [图文] 316不锈钢保温杯  ¥99.00
        > [click] MENU_ORDERS
        < 您还没有订单
        > [click] MENU_AFTERSALES
        < 没有可以申请售后的订单
        > [click] MENU_PROMO
        < 全店满199减20
        > [click] NO_SUCH_KEY
        < 欢迎光临小禾良品
        """
    )


async def test_subscribe_welcomes_with_the_main_choices(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > [subscribe]
        < 欢迎光临小禾良品
        < 逛逛
        < 我的订单
        < 售后
        < 人工
        > 逛逛
        < 想看哪一类
        """
    )
    qr = shop.chat()
    await qr.run(
        """
        > [subscribe] qrscene_sku_EA-6008
        < 欢迎光临小禾良品
        < [图文] 主动降噪蓝牙耳机  ¥299.00
        > 买
        < 请选择颜色
        > [scan] sku_BT-2004
        < [图文] 清爽防晒霜SPF50  ¥99.00
        """
    )


async def test_the_card_opens_the_product_page(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 逛逛
        > 1
        > 1
        < [图文] 纯棉圆领短袖T恤
        < 链接：https://shop.example.com/p/AP-1001
        """
    )
