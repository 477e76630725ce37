"""Asking for the shop's phone line, in any words (热线, 座机, 能打电话吗), on any screen, is
answered from the shop's contact details (faq.toml service.phone), never the fallback or a
hand-off; a number given, or someone else's, is no such question."""

from __future__ import annotations

from dataclasses import replace

from bot.handlers.answers import CONTACT_FAQ, NO_PHONE, asks_for_contact, contact_answer
from knowledge import KnowledgeHolder
from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_phone_line_asked_in_other_words(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 人工的热线是多少
        < 没有对外的客服热线
        < 回复“人工”
        <! 没学会
        > 你们座机号码多少啊
        < 没有对外的客服热线
        > 能给你们打电话吗
        < 没有对外的客服热线
        > 售后有没有联系电话
        < 没有对外的客服热线
        """
    )


async def test_the_phone_line_asked_on_a_card_and_in_the_order_form(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 保温杯
        < 316不锈钢保温杯
        > 客服热线是多少
        < 没有对外的客服热线
        < 回复“买”下单
        > 买
        < 请选择颜色
        > 有电话吗
        < 没有对外的客服热线
        < 请选择颜色
        """
    )


def test_a_number_given_or_another_person_s_is_not_the_shop_s_line() -> None:
    for said in ("人工的热线是多少", "客服电话多少", "有电话吗", "能打电话吗", "联系方式发我一下"):
        assert asks_for_contact(said), said
    for said in (
        "我电话是13812345678",
        "快递员电话多少",
        "电话填错了",
        "收货人电话改一下",
        "绑定的手机号怎么换",
    ):
        assert not asks_for_contact(said), said


def test_a_shop_without_contact_details_says_there_is_no_phone_line(
    knowledge: KnowledgeHolder,  # noqa: F811
) -> None:
    kb = knowledge.current.kb
    assert contact_answer(kb) == kb.faqs[CONTACT_FAQ].answer
    without = replace(kb, faqs={k: v for k, v in kb.faqs.items() if k != CONTACT_FAQ})
    assert contact_answer(without) == NO_PHONE
    assert "人工" in NO_PHONE
