"""The order form never swallows what the shopper says: "好的确认" at the confirmation was read as
thanks and nothing was submitted; "看下购物车" got "想买的商品直接发名字"; a spec typed while it was
asked ("每日坚果30袋礼盒 一盒", "浅蓝的41有吗") was ignored and the spec asked again."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop

RECEIVER = "收货人陈晨 电话13700002222 地址北京市朝阳区建国路88号"


async def test_an_acknowledgement_before_confirm_submits(shop: Shop) -> None:  # noqa: F811
    for said in ("好的确认", "嗯 确认", "行 提交吧", "ok确认"):
        chat = shop.chat()
        await chat.run(
            f"""
            > 要02豆沙口红 一支
            < 已加入购物车
            > {RECEIVER}
            < 请核对订单
            > {said}
            < 下单成功
            <! 不客气
            """
        )


async def test_an_acknowledgement_before_checkout_at_the_cart(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < 已加入购物车
        > 好的 下单
        < 收货人
        <! 不客气
        """
    )


async def test_the_cart_asked_for_in_a_phrase(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 来条深蓝26码的牛仔裤
        < 已加入购物车
        > 再加一件白T M码
        < 纯棉圆领短袖T恤
        > 看下购物车
        < 女士高腰直筒牛仔裤
        < 纯棉圆领短袖T恤
        <! 直接发名字
        > 结算
        < 收货人
        > 购物车里有啥
        < 女士高腰直筒牛仔裤
        < 收货人
        > 帮我看一下购物车
        < 纯棉圆领短袖T恤
        """
    )


async def test_the_cart_asked_for_while_browsing(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < 已加入购物车
        > 逛逛
        > 看下购物车
        < 抽纸
        <! 直接发名字
        """
    )


async def test_a_spec_and_count_said_at_the_spec_question(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 买个每日坚果
        < 请选择规格
        > 每日坚果30袋礼盒 一盒
        < 已加入购物车
        < 30袋礼盒
        <! 请选择规格
        <! 已经是1件
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 要两盒每日坚果
        < 请选择规格
        > 15袋装的 来一盒吧
        < 15袋装） ×1
        <! 请选择规格
        """
    )


async def test_values_asked_about_at_the_spec_question_are_taken(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 给我爸买衬衫 他平时穿41的领子
        < 请选择颜色
        > 浅蓝的41有吗
        < 浅蓝41码有货
        < 要买几件
        <! 请选择颜色
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 买保温杯
        < 请选择颜色
        > 黑色还有吗
        < 黑色有货
        < 请选择容量
        > 有没有500ml的
        < 500ml有货
        < 要买几件
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 买保温杯
        < 请选择颜色
        > 有紫色的吗
        < 没有紫色
        < 请选择颜色
        """
    )


async def test_two_products_in_one_message_both_go_in(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有iphone15pro的手机壳吗
        < 有货
        > 要远峰蓝 再来个防窥膜
        <! 请选择型号
        < iPhone15液态硅胶手机壳（型号:iPhone 15 Pro 颜色:远峰蓝） ×1
        < iPhone15高清钢化膜（型号:iPhone 15 Pro 规格:防窥） ×1
        """
    )


async def test_one_more_product_keeps_the_line_being_chosen(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 给我爸买衬衫 他平时穿41的领子
        < 请选择颜色
        > 浅蓝的41有吗
        < 要买几件
        > 再配条皮带 棕色
        < 男士牛津纺长袖衬衫数量先按1件算
        < 真皮自动扣腰带，请选择尺码
        > 110cm
        <! 要买几件
        < 男士牛津纺长袖衬衫（颜色:浅蓝 尺码:41） ×1
        < 真皮自动扣腰带（颜色:棕色 尺码:110cm） ×1
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 给我爸买衬衫 他平时穿41的领子
        < 请选择颜色
        > 还要条皮带 棕色的
        < 真皮自动扣腰带也记下了
        < 男士牛津纺长袖衬衫，请选择颜色
        > 白色
        < 真皮自动扣腰带，请选择尺码
        > 120cm
        < 男士牛津纺长袖衬衫（颜色:白色 尺码:41） ×1
        < 真皮自动扣腰带（颜色:棕色 尺码:120cm） ×1
        """
    )


async def test_a_question_about_returns_mid_form_is_answered(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 要黄色碎花L码的连衣裙
        < 要买几件
        > 退货运费谁出 有运费险吗
        < 运费险
        < 要买几件
        <! 请先回复“取消”
        > 退货要自己出运费吗
        < 运费
        < 要买几件
        <! 请先回复“取消”
        > 2
        < ×2
        > 怎么退货啊
        < 退货
        <! 请先回复“取消”
        """
    )
