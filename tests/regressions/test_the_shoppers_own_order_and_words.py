"""The order just placed or changed is the one meant, and the shopper's own words are read:
"我刚下的单到哪了" one message after 下单成功 was "您目前没有已发货的订单"; "改好了吗" / "就刚才那单"
after an address change, and "不对 我要XL 能改吗" after ordering, were the fallback; a
hypothetical "收到要是不喜欢能退吗" got a refund line with a pay link glued in; "我急用 能今天发吗"
got an apology and the order list; "那我买2个呢" after a free-shipping question asked which
product; a gift for mum at ¥200 was "没有200元左右的"; 长辈 and 一下 were products the shop "does
not sell"; 麻辣的 and 10000毫安 were asked again; "你们在哪里" was the fallback."""

from __future__ import annotations

from tests.dialogs.transcript import Chat, Shop

RECEIVER = "王五 13700137000 江苏省南京市鼓楼区中山路1号"


async def _ordered(chat: Chat, wanted: str) -> str:
    """`wanted` ordered through the chat, unpaid; its order number."""
    await chat.run(
        f"""
        > {wanted}
        > 结算
        > {RECEIVER}
        > 确认
        < 下单成功
        """
    )
    line = next(x for x in "\n".join(chat.last).splitlines() if x.startswith("订单号："))
    return line.removeprefix("订单号：").strip()


async def test_where_the_order_just_placed_is(shop: Shop) -> None:
    for asked in ("我刚下的单到哪了", "刚拍的到哪了", "我刚买的发货了吗"):
        chat = shop.chat()
        order_no = await _ordered(chat, "买一件黑色T恤 M码")
        await chat.run(
            f"""
            > {asked}
            < 订单 {order_no}
            < 还没付款，现在付款的话
            < 16:00前付款当天发出
            < 去付款：
            <! 您目前没有已发货的订单
            """
        )


async def test_the_change_just_made_is_confirmed_on_that_order(shop: Shop) -> None:
    chat = shop.chat()
    order_no = await _ordered(chat, "要一个白色保温杯 500ml")
    await chat.run(
        f"""
        > 地址填错了 要改成南京市玄武区珠江路2号
        < 已改为：南京市玄武区珠江路2号
        > 就刚才那单
        < 就是刚才的订单 {order_no}
        < 已经改好了
        < 南京市玄武区珠江路2号
        <! 还没学会
        > 改好了吗
        < 改好了
        < 南京市玄武区珠江路2号
        <! 还没学会
        """
    )


async def test_asking_after_the_change_in_other_words(shop: Shop) -> None:
    for asked in ("地址改了没", "改成功了吗", "是刚下的那个订单"):
        chat = shop.chat()
        order_no = await _ordered(chat, "要一个白色保温杯 500ml")
        await chat.run(
            f"""
            > 电话写错了 是13912345678
            < 139****5678
            > {asked}
            < 订单 {order_no}
            < 139****5678
            <! 还没学会
            <! 还没有改过
            """
        )


async def test_a_spec_change_right_after_ordering(shop: Shop) -> None:
    for asked in ("不对 我要XL 能改吗", "尺码选错了 要M的", "颜色弄错了 想换成雾霾蓝"):
        chat = shop.chat()
        order_no = await _ordered(chat, "来件卫衣 燕麦色 L")
        await chat.run(
            f"""
            > {asked}
            < 订单提交后不能直接改规格
            < 订单 {order_no}
            < 取消后重新下
            < 确认取消
            <! 还没学会
            > 确认取消
            < 订单 {order_no} 已取消
            """
        )


async def test_a_hypothetical_return_gets_the_policy_only(shop: Shop) -> None:
    for asked in ("收到要是不喜欢能退吗", "万一不合适可以退吗", "如果用着不喜欢能退吗"):
        chat = shop.chat()
        await _ordered(chat, "买一个电热水壶 白色")
        await chat.run(
            f"""
            > {asked}
            < 7天内
            <! 不需要退款
            <! http
            """
        )


async def test_an_urgent_shopper_hears_the_cut_off_and_the_faster_way(shop: Shop) -> None:
    for asked in ("我急用 能今天发吗", "着急用 今天能发出吗"):
        chat = shop.chat()
        order_no = await _ordered(chat, "买一个电热水壶 白色")
        await chat.run(
            f"""
            > {asked}
            < 订单 {order_no}
            < 16:00前付款当天发出
            < 顺丰
            < ¥12.00
            <! 非常抱歉
            <! 您最近的订单
            """
        )


async def test_free_shipping_for_more_of_the_amount_said(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 亲 包邮吗 买个50多块的
        < 满69元包邮
        > 那我买2个呢
        < 100多元
        < 可以包邮
        <! 想买哪件商品
        """
    )
    await shop.chat().run(
        """
        > 运费怎么算 我买30块钱的
        > 买两个呢
        < 60元
        < 还不到69元
        < 运费6元
        <! 想买哪件商品
        """
    )


async def test_a_gift_in_a_budget_is_found(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 想给我妈买个生日礼物 预算200左右
        < 200元左右的礼物
        < 羊毛混纺针织开衫
        < 碎花雪纺连衣裙
        <! 没有200元左右的
        """
    )
    await shop.chat().run(
        """
        > 有别的可以送长辈的吗 300以内
        < 300元以内送长辈的礼物
        <! 不卖
        <! 加厚长款羽绒服
        """
    )


async def test_a_gift_request_word_is_never_a_product(shop: Shop) -> None:
    for asked in ("送朋友的礼物推荐一下", "送闺蜜的礼物推荐一下", "有没有可以送给老师的"):
        await shop.chat().run(
            f"""
            > {asked}
            <! 我们店不卖
            """
        )


async def test_a_spec_in_the_shoppers_words(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 帮我拍两盒自热小火锅 麻辣的
        < 已加入购物车
        < 口味:麻辣牛肉
        <! 请选择口味
        """
    )
    for said in ("我要一盒麻辣的自热小火锅", "来两盒自热小火锅 要麻辣口味"):
        await shop.chat().run(
            f"""
            > {said}
            < 口味:麻辣牛肉
            <! 请选择口味
            """
        )
    await shop.chat().run(
        """
        > 买一个10000毫安的充电宝 黑色
        < 已加入购物车
        < 10000mAh超薄充电宝（颜色:黑色）
        <! 20000mAh
        > 清空购物车
        > 要一个20000毫安的充电宝 白色
        < 20000mAh大容量充电宝（颜色:白色）
        """
    )


async def test_where_the_shop_is(shop: Shop) -> None:
    for asked in ("你们在哪里", "你们公司在哪里", "你们是哪里的"):
        await shop.chat().run(
            f"""
            > {asked}
            < 仓库在浙江嘉兴
            <! 还没学会
            """
        )
