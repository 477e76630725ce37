"""Changes after ordering in chat: address, phone, receiver, note, invoice and cancel, cell by cell
of the policy table, with bad input answered clearly and nothing changed."""

from __future__ import annotations

import pytest

from bot.business.aftercare import parse_invoice
from bot.storage import InvoiceKind, OrderStatus, TicketKind, TicketStatus
from tests.business.conftest import STAFF, staff_messages
from tests.dialogs.transcript import Shop, paid_order

TAX_NO = "91350100M000100Y43"


async def test_address_change_keeps_the_fee_and_names_the_province(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)  # 北京市朝阳区建国路88号
    no = order.order_no
    await chat.run(
        f"""
        > 改地址 {no} 浙江省杭州市西湖区文三路100号
        < 订单 {no} 的收货地址已改为：浙江省杭州市西湖区文三路100号
        > 改地址 {no} 新疆乌鲁木齐市天山区1号
        < 新地址的运费是¥15.00，和原来的¥6.00不一样，不能直接改地址
        < 回复“人工”
        > 改地址 {no} 香港九龙弥敦道1号
        < 不支持配送到香港
        > 改地址 {no} 西湖区文三路200号
        < 是改成浙江省杭州市西湖区文三路200号吗
        <! 已改为
        > 改地址 {no} 杭州
        < 地址太短了
        > 改地址 {no}
        < 直接发新地址给我
        """
    )
    changed = await shop.db.orders.get_order(no, chat.user)
    assert changed is not None
    assert changed.address == "浙江省杭州市西湖区文三路100号"
    assert any(no in m and "收货地址" in m for m in staff_messages(shop))  # it was paid


async def test_fresh_fruit_cannot_be_moved_to_where_it_does_not_go(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user, "FR-4001")
    await chat.run(
        f"""
        > 改地址 {order.order_no} 西藏拉萨市城关区北京中路1号
        < 暂不发西藏
        """
    )
    stored = await shop.db.orders.get_order(order.order_no, chat.user)
    assert stored is not None
    assert stored.address.startswith("北京")


async def test_phone_name_and_note_while_not_shipped(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    no = order.order_no
    await chat.run(
        f"""
        > 改电话 {no} 139-8765-4321
        < 收货电话已改为 139****4321
        <! 13987654321
        > 改电话 {no} 12345
        < 手机号看起来不对
        > 改收货人 {no} 王五
        < 收货人已改好
        > 备注 {no} 放门卫，周末送
        < 订单 {no} 已备注：放门卫，周末送
        > 查一下 {no}
        < 备注：放门卫，周末送
        """
    )
    changed = await shop.db.orders.get_order(no, chat.user)
    assert changed is not None
    assert (changed.phone, changed.receiver_name, changed.note) == (
        "13987654321",
        "王五",
        "放门卫，周末送",
    )


async def test_without_an_order_number_the_one_open_order_is_meant(shop: Shop) -> None:
    chat = shop.chat()
    first = await paid_order(shop, chat.user)
    await chat.run(
        f"""
        > 备注 发顺丰
        < 订单 {first.order_no} 已备注：发顺丰
        < 改发顺丰要另补¥12.00运费
        <! 尽量按备注安排
        """
    )
    second = await paid_order(shop, chat.user, "HM-5001")
    await chat.run(
        f"""
        > 备注 放快递柜
        < 您有2个订单可以修改备注，是哪一个
        < {second.order_no}
        """
    )
    stored = await shop.db.orders.get_order(second.order_no, chat.user)
    assert stored is not None
    assert stored.note == ""


async def test_shipped_orders_keep_their_receiver_and_note(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="test")
    await chat.run(
        f"""
        > 改地址 {order.order_no} 浙江省杭州市西湖区文三路100号
        < 已经发货，不能在线修改收货信息了
        < 回复“人工”
        > 备注 {order.order_no} 放门卫
        < 已经发货，不能再改备注了
        > 取消订单 {order.order_no}
        < 已经发货，不能取消了
        < 拒收
        """
    )
    after = await shop.db.orders.get_order(order.order_no, chat.user)
    assert after is not None
    assert (after.address, after.note, after.status) == (order.address, "", OrderStatus.SHIPPED)


async def test_invoices_for_a_person_and_a_company_even_after_shipping(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    await shop.db.orders.mark_shipped(order.order_no, "顺丰速运", "SF1", actor="test")
    no = order.order_no
    await chat.run(
        f"""
        > 开发票 {no} 个人 张三 zhang.san@example.com
        < 订单 {no} 的发票已登记：电子普通发票，抬头“张三”
        < 确认收货后1-3个工作日开出
        > 开发票 {no} 专票 杭州小禾贸易有限公司 税号 {TAX_NO} 邮箱 cw@xiaohe.cn
        < 增值税专用发票，抬头“杭州小禾贸易有限公司”
        """
    )
    stored = await shop.db.orders.get_order(no, chat.user)
    assert stored is not None
    invoice = stored.invoice
    assert invoice is not None and invoice.kind is InvoiceKind.SPECIAL
    assert (invoice.tax_no, invoice.email) == (TAX_NO, "cw@xiaohe.cn")
    staff = shop.chat(STAFF, "wecom")
    await staff.run(
        f"""
        > /orders {no}
        < 发票（专票）：杭州小禾贸易有限公司 税号 {TAX_NO}，发到 cw@xiaohe.cn
        """
    )
    assert any(no in m and "发票信息" in m for m in staff_messages(shop))


async def test_invoice_details_that_do_not_parse_change_nothing(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    no = order.order_no
    await chat.run(
        f"""
        > 开发票 {no} 杭州小禾贸易有限公司 税号 91350100M000100Y44 cw@xiaohe.cn
        < 税号校验没有通过
        > 开发票 {no} 杭州小禾贸易有限公司 税号 12345678 cw@xiaohe.cn
        < 税号应是18位统一社会信用代码
        > 开发票 {no} 杭州小禾贸易有限公司 cw@xiaohe.cn
        < 公司抬头需要税号
        > 开发票 {no} 张三 zhang@
        < 电子发票会发到邮箱
        > 开发票 {no} 专票 张三 zhang@example.com
        < 专票只能开给公司
        > 开发票 {no}
        < 请按这样发给我
        > 开发票要多久
        < 1-3个工作日
        """
    )
    stored = await shop.db.orders.get_order(no, chat.user)
    assert stored is not None
    assert stored.invoice is None


async def test_cancelling_a_paid_order_opens_a_refund_and_alerts_staff(shop: Shop) -> None:
    chat = shop.chat()
    order = await paid_order(shop, chat.user)
    stock_before = await shop.db.stock.get_stock("AP-1001")
    assert stock_before is not None
    await chat.run(
        f"""
        > 取消订单
        < 您可以取消的订单
        < {order.order_no}（已付款，取消后全额退款）
        > 取消订单 {order.order_no}
        < 订单 {order.order_no} 已取消，已为您申请全额退款
        < ¥59.00会原路退回
        > 售后进度
        < 仅退款 · 已同意，等待退款
        """
    )
    (ticket,) = await shop.db.tickets.list_tickets(chat.user)
    assert (ticket.kind, ticket.status) == (TicketKind.REFUND, TicketStatus.APPROVED)
    assert await shop.db.stock.get_stock("AP-1001") == stock_before + 1
    (alert,) = staff_messages(shop)
    assert f"新售后单 {ticket.ticket_no}（仅退款，已同意）" in alert
    assert f"退款后：/ticket {ticket.ticket_no} refunded" in alert
    staff = shop.chat(STAFF, "wecom")
    await staff.run(
        f"""
        > /ticket {ticket.ticket_no} refunded
        < 已确认退款
        """
    )
    assert "已退款，款项原路退回" in "\n".join(shop.api_messages(chat.user, 0)[0])


async def test_others_orders_are_not_found(shop: Shop) -> None:
    chat, other = shop.chat(), shop.chat()
    theirs = await paid_order(shop, other.user)
    await chat.run(
        f"""
        > 改地址 {theirs.order_no} 浙江省杭州市西湖区文三路100号
        < 没有找到 {theirs.order_no}
        > 开发票 {theirs.order_no} 张三 a@b.cn
        < 没有找到 {theirs.order_no}
        > 取消订单 {theirs.order_no}
        < 没有找到 {theirs.order_no}
        """
    )
    assert (await shop.db.orders.get_order(theirs.order_no, other.user)) == theirs


def test_invoice_details_are_read_from_free_text() -> None:
    from bot.business.aftercare import parse_invoice
    from bot.storage import Invoice

    assert parse_invoice("专票 杭州小禾贸易有限公司 税号：91350100m000100y43 开户行 工商银行 "
                         "账号 6222020202020202 邮箱 cw@xiaohe.cn") == Invoice(
        InvoiceKind.SPECIAL, "杭州小禾贸易有限公司", "91350100M000100Y43", "cw@xiaohe.cn"
    )  # fmt: skip
    assert parse_invoice("个人 张三 zhang.san@example.com") == Invoice(
        InvoiceKind.NORMAL, "张三", "", "zhang.san@example.com"
    )
    assert parse_invoice("抬头：北京某某科技有限公司，税号 91110000600037341L") == Invoice(
        InvoiceKind.NORMAL, "北京某某科技有限公司", "91110000600037341L", ""
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("能开发票吗 个人的 邮箱huanglei@qq.com", "个人"),
        ("帮我开个发票 张伟 z@q.com", "张伟"),
        ("可以开发票吗 抬头 可可 a@b.cn", "可可"),
    ],
)
def test_the_asking_around_an_invoice_request_is_no_title(text: str, title: str) -> None:
    assert parse_invoice(text).title == title
