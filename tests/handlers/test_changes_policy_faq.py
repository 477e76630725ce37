"""The FAQ answers about changing and cancelling an order say what the policy table allows
(bot/storage/policy.py), and every command word they tell the shopper to send is understood."""

from __future__ import annotations

import re

import pytest

from bot.business.aftercare import CHANGE_WORDS
from bot.storage import Invoice, OrderStatus
from bot.storage.policy import ALLOWED, REFUND_ON_CANCEL, Change
from knowledge import KnowledgeBase, load_knowledge

S = OrderStatus
# What the answers' conditions mean, as order states.
STATES = {
    "还没发货": {S.CREATED, S.PAID},
    "未发货": {S.CREATED, S.PAID},
    "已发货": {S.SHIPPED, S.DONE},
    "已经发货": {S.SHIPPED, S.DONE},
}
# (faq id, the change it is about, condition under which it is allowed, condition refused)
CLAIMS = [
    ("cancel.how", Change.CANCEL, "还没发货", None),
    ("cancel.shipped", Change.CANCEL, None, "已发货"),
    ("ship.change_address", Change.RECEIVER, "还没发货", "已发货"),
    ("ship.change_phone", Change.RECEIVER, "未发货", "已经发货"),
]
_QUOTED = re.compile(r"“([^”]+)”")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(None)


@pytest.mark.parametrize(("faq_id", "change", "allowed", "refused"), CLAIMS)
def test_the_answer_states_the_policy(
    kb: KnowledgeBase, faq_id: str, change: Change, allowed: str | None, refused: str | None
) -> None:
    answer = kb.faqs[faq_id].answer
    if allowed is not None:
        assert allowed in answer
        assert STATES[allowed] == set(ALLOWED[change]), f"{faq_id} says {allowed} for {change}"
    if refused is not None:
        assert refused in answer
        assert not STATES[refused] & set(ALLOWED[change]), f"{faq_id} refuses what is allowed"


def test_a_cancelled_paid_order_is_refunded_as_the_answer_says(kb: KnowledgeBase) -> None:
    assert "已付款的全额原路退回" in kb.faqs["cancel.how"].answer
    assert set(REFUND_ON_CANCEL) == {S.PAID} and S.PAID in ALLOWED[Change.CANCEL]


@pytest.mark.parametrize("faq_id", ["ship.change_address", "ship.change_phone", "cancel.how"])
def test_the_words_the_answer_tells_shoppers_to_send_are_understood(
    kb: KnowledgeBase, faq_id: str
) -> None:
    words = [w.split()[0] for w in _QUOTED.findall(kb.faqs[faq_id].answer)]
    words = [w for w in words if w not in ("SB开头的订单号",)]
    assert words
    for word in words:
        assert word in CHANGE_WORDS or word == "取消订单", f"{faq_id} tells shoppers to send {word}"


def test_spec_and_quantity_change_in_the_cart_and_not_after_ordering(kb: KnowledgeBase) -> None:
    """The policy table has no spec or quantity change after ordering: the answer sends the
    shopper to the cart before ordering and to cancelling (allowed until shipping) after."""
    answer = kb.faqs["order.change_spec"].answer
    assert not {"spec", "quantity", "lines"} & {c.value for c in Change}
    assert "下单前" in answer and "不能在线改规格或数量" in answer
    assert "还没发货" in answer and STATES["还没发货"] == set(ALLOWED[Change.CANCEL])
    assert "“取消订单 订单号”" in answer


def test_the_special_invoice_answer_asks_only_for_what_is_kept(kb: KnowledgeBase) -> None:
    """An invoice keeps its kind, title, tax number and email (bot/storage/models.py: Invoice)."""
    answer = kb.faqs["invoice.special"].answer
    for not_kept in ("开户行", "银行", "账号", "地址电话", "电话"):
        assert not_kept not in answer, f"invoice.special asks for {not_kept}"
    assert all(kept in answer for kept in ("公司全称", "税号", "邮箱"))
    assert set(Invoice.__dataclass_fields__) == {"kind", "title", "tax_no", "email"}


@pytest.mark.parametrize(
    "faq_id", ["ship.appoint", "invoice.how", "invoice.special", "invoice.reissue", "ship.urge"]
)
def test_the_after_ordering_commands_in_note_and_invoice_answers_are_understood(
    kb: KnowledgeBase, faq_id: str
) -> None:
    words = [w.split()[0] for w in _QUOTED.findall(kb.faqs[faq_id].answer) if " 订单号" in w]
    assert words
    for word in words:
        assert word in CHANGE_WORDS or word == "取消订单", f"{faq_id} tells shoppers to send {word}"
