"""A note (备注) and invoice details at checkout: never asked, taken from any message of the
order form, shown in the confirmation and kept on the order; a bad tax number or email is
refused with the reason and changes nothing."""

from __future__ import annotations

import re

import pytest

from bot.storage import Invoice, InvoiceKind
from bot.storage.invoices import uscc_valid
from knowledge import KnowledgeHolder
from tests.dialogs.conftest import MakeShop
from tests.dialogs.transcript import Shop

TAX_NO = "91330106MA2B1XYP80"  # a 统一社会信用代码 whose check character is right
BAD_CHECK = "91330106MA2B1XYP81"  # one character off


def test_the_tax_numbers_here_are_what_they_claim() -> None:
    assert uscc_valid(TAX_NO) and not uscc_valid(BAD_CHECK)


async def test_a_note_and_an_invoice_offered_mid_form_go_on_the_order(
    make_shop: MakeShop, database_url: str
) -> None:
    shop = await make_shop(database=database_url)
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        <! 备注
        <! 发票
        > 结算
        < 收货人姓名
        <! 备注
        > 备注放门卫
        < 已备注：放门卫
        < 收货人姓名
        > 张三
        < 手机号
        > 13812345678 发票 张三 zhang@example.com
        < 发票记下了：电子普通发票，抬头“张三”，发到 zhang@example.com
        < 收货地址
        > 上海市浦东新区世纪大道100号
        < 请核对订单
        < 备注：放门卫
        < 发票：电子普通发票，抬头“张三”，发到 zhang@example.com
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.note == "放门卫"
    assert order.invoice == Invoice(InvoiceKind.NORMAL, "张三", "", "zhang@example.com")
    assert (order.receiver_name, order.phone) == ("张三", "13812345678")


async def test_everything_in_one_message(make_shop: MakeShop, database_url: str) -> None:
    shop = await make_shop(database=database_url)
    chat = shop.chat()
    await chat.run(
        f"""
        > 买一箱抽纸
        < 已加入购物车
        > 收货人王芳 电话15812345678 地址北京市朝阳区建国路88号 备注周末送，放快递柜 开专票 杭州小禾贸易有限公司 税号{TAX_NO} 邮箱cw@xiaohe.cn
        < 请核对订单
        < 地址：北京市朝阳区建国路88号
        < 备注：周末送,放快递柜
        < 发票：增值税专用发票，抬头“杭州小禾贸易有限公司”，税号{TAX_NO}，发到 cw@xiaohe.cn
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.address, order.note) == ("北京市朝阳区建国路88号", "周末送,放快递柜")
    assert order.invoice == Invoice(
        InvoiceKind.SPECIAL, "杭州小禾贸易有限公司", TAX_NO, "cw@xiaohe.cn"
    )


async def test_sf_wished_for_at_the_cart_is_a_note(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        > 发顺丰
        < 已备注：发顺丰
        < 下单后回复“人工”问客服
        < 购物车
        > 备注放门卫
        < 已把备注改成：放门卫
        > 能发顺丰吗
        <! 已备注
        """
    )


async def test_a_bad_tax_number_or_email_is_refused_and_changes_nothing(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm")
    await chat.run(
        f"""
        > 发票 杭州小禾贸易有限公司 税号{BAD_CHECK} 邮箱cw@xiaohe.cn
        < 税号校验没有通过，可能有一位写错了
        < 这次的发票信息没有记下
        <! 发票：
        > 发票 杭州小禾贸易有限公司 税号12345 邮箱cw@xiaohe.cn
        < 税号应是18位统一社会信用代码
        > 发票 杭州小禾贸易有限公司 cw@xiaohe.cn
        < 公司抬头需要税号
        < 下单时开发票，请一次发给我
        > 发票 张三 zhang@example
        < 邮箱地址看起来不对
        <! 发票：
        > 专票 张三 zhang@example.com
        < 专票只能开给公司
        <! 发票：
        > 发票 杭州小禾贸易有限公司 税号{TAX_NO} 邮箱cw@xiaohe.cn
        < 发票记下了：电子普通发票，抬头“杭州小禾贸易有限公司”，税号{TAX_NO}
        > 邮箱改成 cw@xiaohe
        < 邮箱地址看起来不对
        < 发到 cw@xiaohe.cn
        > 邮箱改成 finance@xiaohe.cn
        < 已把发票改成：电子普通发票，抬头“杭州小禾贸易有限公司”，税号{TAX_NO}，发到 finance@xiaohe.cn
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.invoice is not None and order.invoice.email == "finance@xiaohe.cn"


async def test_a_question_about_invoices_is_answered_not_taken(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm")
    await chat.run(
        """
        > 能开发票吗
        < 可以开电子发票，确认收货后1-3个工作日开出。
        < 发票 抬头 邮箱（个人）
        <! 发票记下了
        <! 请写上发票抬头
        > 发票 张三 zhang@example.com
        < 发票记下了
        > 发票多久能开好？
        < 这单的发票已经登记：电子普通发票，抬头“张三”
        > 不要发票了
        < 这单不开发票了
        > 我要开发票
        < 请写上发票抬头
        < 发票 抬头 邮箱（个人）
        """
    )
    assert await chat.state() == "order:confirm"


async def test_a_note_or_invoice_taken_back(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm")
    await chat.run(
        """
        > 备注放门卫 发票 张三 zhang@example.com
        < 备注：放门卫
        < 发票：电子普通发票
        > 不要发票了
        < 这单不开发票了
        <! 发票：
        > 备注不要了
        < 备注已删掉
        <! 备注：
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert (order.note, order.invoice) == ("", None)


async def test_a_note_too_long_is_refused(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm")
    await chat.run(
        f"""
        > 备注{"请" * 201}
        < 备注最多200个字
        <! 备注：
        """
    )


# What the FAQ's checkout examples mean, with their placeholders filled in.
PLACEHOLDERS = {
    "公司全称": "杭州小禾贸易有限公司",
    "抬头": "张三",
    "税号": TAX_NO,
    "邮箱": "zhang@example.com",
}


def _filled(example: str) -> str:
    for placeholder, value in PLACEHOLDERS.items():
        example = example.replace(placeholder, value)
    return example


@pytest.mark.parametrize(
    "faq_id", ["ship.sf", "ship.appoint", "order.gift", "invoice.how", "invoice.special"]
)
async def test_the_faq_examples_for_checkout_are_taken_by_the_order_form(
    shop: Shop, knowledge: KnowledgeHolder, faq_id: str
) -> None:
    answer = knowledge.current.kb.faqs[faq_id].answer
    examples = [
        q
        for q in re.findall(r"“([^”]+)”", answer)
        if q.startswith(("备注", "发票", "专票", "发顺丰"))
    ]
    # after ordering, or a word named inside an example ("要专票写“专票”")
    examples = [q for q in examples if "订单号" not in q and q not in ("备注", "发票", "专票")]
    assert examples, f"{faq_id} shows no checkout example"
    for example in examples:
        chat = shop.chat()
        await chat.reach("order:confirm")
        await chat.say(_filled(example))
        said = "\n".join(chat.last)
        assert "已备注" in said or "发票记下了" in said, chat._failure(f"{faq_id}: {example}")


async def test_invoice_details_beside_the_receiver_stay_the_invoice(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:phone")
    await chat.run(
        f"""
        > 15812345678 开个发票 王芳 wang@qq.com
        < 发票记下了：电子普通发票，抬头“王芳”，发到 wang@qq.com
        < 收货地址
        > 收货人李雷 电话13900001111 发票 杭州小禾贸易有限公司 税号{TAX_NO} cw@xiaohe.cn 上海市浦东新区世纪大道100号
        < 已把发票改成：电子普通发票，抬头“杭州小禾贸易有限公司”，税号{TAX_NO}，发到 cw@xiaohe.cn
        < 收货人：李* 139****1111
        < 地址：上海市浦东新区世纪大道100号
        """
    )
