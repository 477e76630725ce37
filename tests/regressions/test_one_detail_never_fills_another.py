"""What the shopper says for one part of the order stays there: invoice details at the
confirmation ("要开发票 个人 邮箱…") were read as a new address ("北京市朝阳区开发票 个人 邮箱…")
and an order went out with it; a question about the invoice became its title; an address with
a lead-in ("寄到我妈那 浙江省…") was refused as having no province; and a product that cannot go
to the address was refused twice in one reply."""

from __future__ import annotations

import pytest

from bot.dialogs.parse import without_lead_in
from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop

ADDRESS = "北京市朝阳区建国路88号"


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("要开发票 个人 邮箱wang@163.com", "发票记下了"),
        ("我还要开个发票，抬头个人，邮箱wang@163.com", "发票记下了"),
        ("要开票 抬头个人 邮箱wang@163.com", "发票记下了"),
    ],
)
async def test_extras_at_the_confirmation_leave_the_address(
    make_shop,  # noqa: F811
    said: str,
    heard: str,
) -> None:
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        f"""
        > 我要一件黑色M码的T恤
        > 结算 王磊 18600001234 {ADDRESS}
        < 请核对订单
        > {said}
        < {heard}
        <! 已把地址改成
        < 地址：{ADDRESS}
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.address == ADDRESS


async def test_a_question_about_the_invoice_is_no_title(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        f"""
        > 我要一件黑色M码的T恤
        > 结算 王磊 18600001234 {ADDRESS}
        > 发票 个人 wang@163.com
        < 发票记下了
        > 发票啥时候能开
        < 确认收货后1-3个工作日开出
        <! 已把发票改成
        <! 抬头“啥时候
        """
    )


async def test_a_new_address_with_a_lead_in_and_one_refusal(make_shop) -> None:  # noqa: F811
    chat = (await make_shop()).chat()
    await chat.run(
        """
        > 车厘子要一盒2斤装的
        > 结算 赵青 13600004444 新疆乌鲁木齐市天山区解放北路10号
        < 暂不发新疆
        """
    )
    assert "\n".join(chat.last).count("暂不发新疆") == 1
    await chat.run(
        """
        > 那换个地址吧 寄到我爸那 江苏省苏州市姑苏区人民路8号
        < 已把地址改成江苏省苏州市姑苏区人民路8号
        <! 没看出是哪个省份
        < 寄到江苏包邮
        > 确认
        < 下单成功
        """
    )


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("寄到我妈那 浙江省宁波市鄞州区钱湖路20号", "浙江省宁波市鄞州区钱湖路20号"),
        ("送我公司：上海市徐汇区漕溪北路1号", "上海市徐汇区漕溪北路1号"),
        ("浙江省宁波市鄞州区钱湖路20号", "浙江省宁波市鄞州区钱湖路20号"),
        ("钱湖路20号 浙江省宁波市", "钱湖路20号 浙江省宁波市"),
    ],
)
def test_a_lead_in_before_the_province_is_dropped(typed: str, address: str) -> None:
    assert without_lead_in(typed) == address
