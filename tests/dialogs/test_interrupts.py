"""What every step of every dialog understands besides its own question: questions answered in
passing, global words (in lists and menus too), small talk and emoji, cancelling in words,
the cart from anywhere, and an honest answer to "你是机器人吗"."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop, paid_order

FORM_STEPS = [
    "order:product",
    "order:spec",
    "order:quantity",
    "order:cart",
    "order:name",
    "order:phone",
    "order:address",
    "order:confirm",
    "aftersales:order",
    "aftersales:kind",
    "aftersales:reason",
    "aftersales:photos",
    "aftersales:confirm",
]
BROWSE_STEPS = ["browse:categories", "browse:list", "browse:card"]
STARTS = {
    "order:product": "我要买",
    "order:spec": "我要买T恤",
    "order:quantity": "我要买黑色M码的T恤",
    "browse:card": "有没有保温杯",
}


async def _at(shop: Shop, step: str) -> object:
    chat = shop.chat()
    if step.startswith("aftersales"):
        await paid_order(shop, chat.user)
        await paid_order(shop, chat.user, "HM-5001")  # two to choose from: the order is asked
    await chat.reach(step, STARTS.get(step))
    return chat


@pytest.mark.parametrize("step", FORM_STEPS + BROWSE_STEPS)
async def test_a_question_is_answered_and_the_step_asks_again(shop: Shop, step: str) -> None:
    chat = await _at(shop, step)
    await chat.run(  # type: ignore[attr-defined]
        """
        > 几点前下单当天发？
        < 16:00前付款当天发出
        <! 没太明白
        """
    )
    assert await chat.state() == step  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", FORM_STEPS + BROWSE_STEPS)
async def test_my_orders_is_answered_in_passing(shop: Shop, step: str) -> None:
    chat = await _at(shop, step)
    await chat.run(  # type: ignore[attr-defined]
        """
        > 我的订单
        < 订单
        """
    )
    assert await chat.state() == step  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", FORM_STEPS + BROWSE_STEPS)
async def test_cancel_leaves_from_every_step(shop: Shop, step: str) -> None:
    chat = await _at(shop, step)
    await chat.run(  # type: ignore[attr-defined]
        """
        > 取消
        < 好的，已
        """
    )
    assert await chat.state() is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", FORM_STEPS + BROWSE_STEPS)
async def test_restart_starts_the_whole_conversation_over(shop: Shop, step: str) -> None:
    chat = await _at(shop, step)
    await chat.run(  # type: ignore[attr-defined]
        """
        > 重新开始
        < 好的，我们重新开始
        < 欢迎光临小禾良品
        """
    )
    assert await chat.state() is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", BROWSE_STEPS)
async def test_global_words_work_in_lists_and_cards(shop: Shop, step: str) -> None:
    chat = await _at(shop, step)
    await chat.run(  # type: ignore[attr-defined]
        """
        > 退订
        < 已为您退订促销消息
        > 人工
        < [转人工]
        < 正在为您转接人工客服
        > 取消人工
        < 已切换回智能助手
        """
    )
    assert await chat.state() == step  # type: ignore[attr-defined]


@pytest.mark.parametrize("said", ["[微笑]", "👍", "[OK]", "嗯", "好的", "ok", "[强]"])
async def test_an_acknowledgement_gets_a_short_reply_and_keeps_the_step(
    shop: Shop, said: str
) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        f"""
        > {said}
        < 好嘞～
        < 请告诉我收货人姓名
        <! 不客气
        <! 没太明白
        """
    )
    assert await chat.state() == "order:name"
    browsing = await _at(shop, "browse:list")
    await browsing.run(  # type: ignore[attr-defined]
        f"""
        > {said}
        < 好嘞～
        < （第1/6页）
        """
    )


async def test_thanks_and_goodbye_in_a_form(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:phone")
    await chat.run(
        """
        > 谢谢
        < 不客气～
        < 手机号是多少
        > 再见
        < 好的，再见～刚才的内容先帮您留着
        <! 手机号是多少
        > 13812345678
        < 收货地址
        """
    )


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("谢谢", "不客气"),
        ("再见", "再见～欢迎常来逛逛"),
        ("好的", "好嘞～还有什么可以帮您"),
        ("嗯", "好嘞～"),
        ("ok", "好嘞～"),
        ("[微笑]", "好嘞～"),
        ("👍", "好嘞～"),
        ("[疑问]", "有什么不清楚的可以直接问我"),
        ("👎", "抱歉让您不满意了"),
    ],
)
async def test_small_talk_outside_a_dialog_is_not_searched(
    shop: Shop, said: str, reply: str
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < {reply}
        <! 为您找到
        <! [图文]
        <! 这个问题我还没学会
        """
    )
    if said != "谢谢":
        chat.expect_not("不客气")


@pytest.mark.parametrize("said", ["算了", "不买了", "先不要了", "算了 先不买了", "算了，不要了"])
async def test_giving_up_cancels_and_says_what_was_dropped(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.reach("order:phone", "我要两件黑色M码的T恤")
    await chat.run(
        f"""
        > {said}
        < 已取消本次下单
        < 纯棉圆领短袖T恤×2已清空
        < 没有下单也不会扣款
        """
    )
    assert await chat.state() is None
    assert await shop.db.orders.list_orders(chat.user) == []


async def test_giving_up_an_after_sales_request(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.reach("aftersales:reason")
    await chat.run(
        f"""
        > 算了不办了
        < 已取消这次售后申请（订单 {order.order_no}）
        """
    )
    assert await shop.db.tickets.list_tickets(chat.user) == []


async def test_the_cart_from_anywhere(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 购物车
        < 购物车还是空的
        > 我要买T恤
        < 请选择颜色
        > 购物车
        < 购物车还是空的，纯棉圆领短袖T恤选好就放进去
        < 请选择颜色
        > 黑色 M
        > 2
        > 结算
        > 张三
        > 购物车
        < 您的购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2  ¥118.00
        < 手机号是多少
        """
    )
    assert await chat.state() == "order:phone"


@pytest.mark.parametrize(
    "said", ["我的购物车呢", "购物车还在吗？", "我回来了 刚才的购物车还在吗", "购物车里有啥"]
)
async def test_asking_after_the_cart_in_a_phrase_shows_it(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要两件黑色M码的T恤
        < 已加入购物车
        > 逛逛
        < 想看哪一类
        > {said}
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2
        <! 想买的商品直接发名字就行
        > 结算
        > 张三
        > {said}
        < 您的购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2
        < 手机号是多少
        """
    )
    assert await chat.state() == "order:phone"


async def test_browsing_with_a_cart_and_coming_back_to_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件黑色M码的T恤
        < 已加入购物车
        > 逛逛
        < 想看哪一类
        > 零食
        < 零食（第1/6页）
        > 购物车
        < 购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2
        > 逛逛
        > 3
        > 1
        < [图文] 每日坚果
        > 买
        < 每日坚果，请选择规格
        > 1
        > 1
        < 1. 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2
        < 2. 每日坚果（规格:30袋礼盒） ×1
        > 逛逛
        > 取消
        < 已退出商品浏览
        < 购物车
        < 2. 每日坚果
        """
    )
    assert await chat.state() == "order:cart"


@pytest.mark.parametrize("said", ["你是机器人吗", "你是真人吗？", "是人工吗"])
async def test_are_you_a_robot_gets_an_honest_answer(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < 是机器人
        < 回复“人工”
        <! [转人工]
        <! 正在为您转接
        """
    )
    await chat.reach("order:address")
    await chat.run(
        f"""
        > {said}
        < 是机器人
        < 收货地址是
        """
    )


async def test_a_photo_in_the_order_form_is_answered(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > [image] PIC-1
        < 我暂时看不懂图片
        < 请告诉我收货人姓名
        """
    )


async def test_a_question_nobody_can_answer_is_said_so(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 你们店开了几年了？
        < 这个问题我还答不上来，可以回复“人工”问问客服
        < 请告诉我收货人姓名
        """
    )


async def test_a_question_beside_an_answer_is_answered_too(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:cart")
    await chat.run(
        """
        > 我的手机是13812345678，能开发票吗
        < 发票
        < 请告诉我收货人姓名
        """
    )


async def test_thinking_it_over_keeps_the_cart(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:cart")
    await chat.run(
        """
        > 我再想想
        < 好的，不着急～刚才的内容先帮您留着
        > 不想要了
        < 已取消本次下单
        """
    )
    assert await chat.state() is None
