"""The FAQ promises only what the bot does: photos reach staff through an after-sales ticket
(a photo sent outside the after-sales form is not kept), and a follow-up by staff goes through
售后 or 人工, never "send me the number and we will…" (a number sent alone only shows the order)."""

from __future__ import annotations

import re

import pytest

from tests.dialogs.transcript import Shop
from tests.factories import demo_knowledge

_SEND_AND_WE_WILL = re.compile(r"发给我[，,]?\s*(?:我们|核实|客服)")
_NOTICE_LATER = re.compile(r"(?:到货|补货|有货|降价|开售)[^。；]*通知您|第一时间通知")
"""The bot sends no restock, price or launch notices: an answer must not promise one."""


@pytest.fixture(scope="module")
def answers() -> dict[str, str]:
    kb = demo_knowledge().current.kb
    return {faq.id: faq.answer for faq in kb.faqs.values()}


def test_answers_that_ask_for_photos_send_the_shopper_to_after_sales(
    answers: dict[str, str],
) -> None:
    asking = {i: a for i, a in answers.items() if "照片" in a}
    assert asking, "the demo FAQ asks for photos somewhere"
    assert {i for i, a in asking.items() if "“售后”" not in a} == set()


def test_no_answer_promises_a_follow_up_for_a_number_sent_in_chat(
    answers: dict[str, str],
) -> None:
    assert {i for i, a in answers.items() if _SEND_AND_WE_WILL.search(a)} == set()


def test_no_answer_promises_a_notice_the_bot_does_not_send(answers: dict[str, str]) -> None:
    assert {i for i, a in answers.items() if _NOTICE_LATER.search(a)} == set()


async def test_a_damage_question_says_how_to_apply_once(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 收到的东西坏了怎么办？
        < 请回复“售后”申请
        < 照片
        """
    )
    assert "\n".join(chat.last).count("“售后”") == 1
