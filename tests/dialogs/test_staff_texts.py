"""What staff read in the WeCom app names a shopper by a short tag, never by the openid, and
the tag is what /handback takes."""

from __future__ import annotations

from bot.handlers.shopper_tags import shopper_tag
from tests.dialogs.transcript import Shop, paid_order


async def test_the_hand_off_alert_names_a_tag_and_handback_takes_it(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 转人工
        < 正在为您转接人工客服
        """
    )
    await shop.settle()
    alerts, _ = shop.api_messages("zhangsan", 0, channel="wecom")
    tag = shopper_tag("oa", chat.user)
    assert f"顾客 {tag}（公众号）" in alerts[-1]
    assert chat.user not in alerts[-1]
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        f"""
        > /handback {tag.lower()}
        < 已把顾客 {tag.lower()} 交还给智能助手
        <! {chat.user}
        """
    )


async def test_ticket_details_name_the_shopper_by_tag_and_the_channel_in_chinese(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await paid_order(shop, chat.user)
    await chat.run(
        """
        > 售后
        > 1
        > 退货
        > 坏了
        > 跳过
        > 确认
        < 售后单号
        """
    )
    ticket_no = next(line for line in chat.last[0].splitlines() if "售后单号" in line)
    ticket_no = ticket_no.split("：")[1]
    staff = shop.chat("zhangsan", channel="wecom")
    await staff.run(
        f"""
        > /ticket {ticket_no}
        < 顾客 {shopper_tag("oa", chat.user)}（公众号）
        <! {chat.user}
        <! （oa）
        """
    )
