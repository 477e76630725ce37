"""人工: the bot is silent for that shopper until 取消人工, a staff hand-back, or the timeout."""

from __future__ import annotations

import json
import time

from bot.handlers.handoff import hand_back, marker_key
from bot.protocol import Channel
from tests.dialogs.transcript import Shop, paid_order, session_key_of


async def test_handoff_silence_and_hand_back_by_the_shopper(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 人工
        < [转人工]
        < 正在为您转接人工客服
        > 我的衣服什么时候到
        < 人工客服还在接入中
        <! 纯棉圆领短袖T恤
        > 我的订单
        < 客服接入后
        <! 人工客服还在接入中
        > 好的
        < (silence)
        > [click] MENU_BROWSE
        < (silence)
        > [image] PHOTO-1
        < (silence)
        > 取消人工
        < 先回答您刚才的问题
        < 您还没有订单
        < 购物车里的商品都给您留着
        > 结算
        < 收货人姓名
        """
    )


async def test_staff_hand_back_tells_the_shopper(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要找人工客服
        < 正在为您转接人工客服
        > 在吗
        < (silence)
        """
    )
    assert await hand_back(shop.services, "oa", chat.user, actor="staff:zhangsan")
    await shop.settle()
    sent, _ = shop.api_messages(chat.user, 0)
    assert "人工客服已结束本次服务" in sent[-1]
    assert not await hand_back(shop.services, "oa", chat.user)  # nothing to hand back now
    await chat.run(
        """
        > 在吗
        < 在的，您说
        """
    )
    actions = [e.action for e in await shop.db.audit.recent(target=f"user:oa:{chat.user}")]
    assert actions == ["handoff.end", "handoff.start"]


async def test_the_handoff_times_out(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 转人工
        < [转人工]
        > 还在吗
        < (silence)
        """
    )
    past = json.dumps({"until": time.time() - 1}).encode()
    await shop.services.store.set(marker_key(str(Channel.OA), chat.user), past, 3600)
    await chat.run(
        """
        > 你好
        < 人工客服会话已结束，现在由智能助手为您服务
        < 在的，您说
        > 你好
        <! 人工客服会话已结束
        """
    )


async def test_the_handoff_is_per_shopper(shop: Shop) -> None:
    handed, other = shop.chat(), shop.chat()
    await handed.run("> 人工")
    await other.run(
        """
        > 你好
        < 欢迎光临
        """
    )


async def test_on_wecom_the_handoff_is_a_text_without_a_transfer(shop: Shop) -> None:
    chat = shop.chat("lisi", channel="wecom")
    await chat.run(
        """
        > 人工
        < 正在为您转接人工客服
        <! [转人工]
        > 在吗
        < (silence)
        > 机器人
        < 已切换回智能助手
        """
    )


async def test_staff_are_alerted_and_hand_back_with_a_command(shop: Shop) -> None:
    shopper = shop.chat()
    await shopper.run(
        """
        > 人工
        < 正在为您转接人工客服
        """
    )
    await shop.settle()
    alerts, _ = shop.api_messages("zhangsan", 0, channel="wecom")
    number = await shop.services.db.shoppers.number_for("oa", shopper.user)
    assert any(f"/handback {number}" in text for text in alerts)
    assert not any(shopper.user in text for text in alerts)
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        f"""
        > /handback {number}
        < 已把顾客 #{number} 交还给智能助手
        <! {shopper.user}
        > /handback #{number}
        < 当前没有在等人工客服
        """
    )
    await shopper.run(
        """
        > 在吗
        < 在的，您说
        """
    )


async def test_a_hand_off_mid_form_keeps_the_cart_and_the_receiver(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:phone", "我要两件黑色M码的T恤")
    await chat.run(
        """
        > 转人工
        < [转人工]
        < 刚才的购物车和填写的信息都帮您留着
        > 这件衣服起球吗
        < 人工客服还在接入中
        <! 起球
        """
    )
    assert await chat.state() == "order:phone"
    assert await hand_back(shop.services, "oa", chat.user, actor="staff:zhangsan")
    await shop.settle()
    sent, _ = shop.api_messages(chat.user, 0)
    assert "刚才没办完的还帮您留着" in sent[-1]
    await chat.run(
        """
        > 13812345678
        < 收货地址
        > 上海市浦东新区世纪大道100号
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2  ¥118.00
        < 张* 138****5678
        > 确认
        < 下单成功
        """
    )


async def test_the_cart_comes_back_after_a_long_human_talk(shop: Shop) -> None:
    """The session ran out while a human talked: the copy kept with the hand-off puts it back."""
    chat = shop.chat()
    await chat.reach("order:name", "我要两件黑色M码的T恤")
    await chat.run("> 人工")
    await shop.services.store.delete(session_key_of(chat.user))  # 30 idle minutes
    assert await hand_back(shop.services, "oa", chat.user, actor="staff:zhangsan")
    await chat.run(
        """
        > 王芳
        < 收货人的手机号是多少
        <! 已经自动结束了
        > 购物车
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×2
        """
    )
    timed_out = shop.chat()
    await timed_out.reach("order:cart", "我要一件白色L码的T恤")
    await timed_out.run("> 人工")
    await shop.services.store.delete(session_key_of(timed_out.user))
    marker = marker_key(str(Channel.OA), timed_out.user)
    record = json.loads(await shop.services.store.get(marker) or b"{}")
    await shop.services.store.set(marker, json.dumps({**record, "until": time.time() - 1}).encode())
    await timed_out.run(
        """
        > 结算
        < 人工客服会话已结束
        < 请告诉我收货人姓名
        """
    )


async def test_the_staff_alert_carries_the_last_messages_the_cart_and_the_command(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要两件黑色M码的T恤
        > 我的手机是13812345678，能开发票吗
        > 人工
        < 正在为您转接人工客服
        """
    )
    await shop.settle()
    alerts, _ = shop.api_messages("zhangsan", 0, channel="wecom")
    alert = alerts[-1]
    number = await shop.services.db.shoppers.number_for("oa", chat.user)
    assert f"顾客 #{number}（公众号）" in alert and chat.user not in alert
    assert "· 我要两件黑色M码的T恤" in alert
    assert "138****5678" in alert and "13812345678" not in alert
    assert "正在下单：纯棉圆领短袖T恤（颜色:黑色 尺码:M）×2" in alert
    assert f"/handback {number}" in alert


async def test_the_staff_alert_names_the_latest_order_outside_a_form(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await chat.run(
        """
        > 我的快递怎么还没到
        > 人工
        """
    )
    await shop.settle()
    alerts, _ = shop.api_messages("zhangsan", 0, channel="wecom")
    assert f"最近的订单：{order.order_no}" in alerts[-1]
    assert "· 我的快递怎么还没到" in alerts[-1]


async def test_the_menu_button_for_a_human_keeps_the_form_too(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:address")
    await chat.run(
        """
        > [click] MENU_HUMAN
        < 正在为您转接人工客服
        < 刚才的购物车和填写的信息都帮您留着
        > 机器人
        < 已切换回智能助手。我们接着来
        < 收货地址是
        """
    )
