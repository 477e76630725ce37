"""人工: the bot is silent for that shopper until 取消人工, a staff hand-back, or the timeout."""

from __future__ import annotations

import json
import time

from bot.handlers.handoff import hand_back, marker_key
from bot.protocol import Channel
from tests.dialogs.transcript import Shop


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
        < (silence)
        > 我的订单
        < (silence)
        > [click] MENU_BROWSE
        < (silence)
        > [image] PHOTO-1
        < (silence)
        > 取消人工
        < 已切换回智能助手。我们接着来
        < 纯棉圆领短袖T恤（颜色:黑色 尺码:M） ×1
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
        < 欢迎光临
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
        < 欢迎光临
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
    assert any(f"/handback {shopper.user}" in text for text in alerts)
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        f"""
        > /handback {shopper.user}
        < 已把顾客 {shopper.user} 交还给智能助手
        > /handback {shopper.user}
        < 当前没有在等人工客服
        """
    )
    await shopper.run(
        """
        > 在吗
        < 欢迎光临
        """
    )
