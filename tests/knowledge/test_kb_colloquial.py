"""Asks wrapped the way shoppers wrap them (亲, 你好 请问, 在吗 before; 呢, 吧, 的话 after) are read
as the plain ask: the politeness around a question must not turn it into a greeting or a guess."""

from __future__ import annotations

import pytest

from knowledge import Matcher

WRAPPED = [
    ("在吗 屏幕一直闪", "install_repair"),
    ("在吗 拉链拉不上", "install_repair"),
    ("你好 请问尺码能改成M吗", "modify_order"),
    ("你好 请问这个坏了找谁修", "install_repair"),
    ("亲 这单我不想要了呢", "cancel_order"),
    ("请问发票怎么开呀", "invoice"),
    ("你好 请问能改一下收货地址吗", "modify_order"),
    ("亲，我的快递到哪了呀", "order_status"),
    ("在吗 退款什么时候到账的话", "return_refund"),
    ("你好 请问有优惠券吗", "price_promo"),
]


@pytest.mark.parametrize(("text", "intent"), WRAPPED)
def test_a_wrapped_ask_is_read_as_the_ask(matcher: Matcher, text: str, intent: str) -> None:
    result = matcher.match(text)
    assert (result.intent, result.band) != ("other", "fallback"), result
    assert result.intent == intent, result


@pytest.mark.parametrize("text", ["在吗", "你好呀", "亲 在吗", "你好 请问在吗", "在吗在吗"])
def test_a_bare_hello_is_still_a_greeting(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "greeting"


@pytest.mark.parametrize("text", ["你好 请问电池鼓包了", "在吗 拉链拉不上", "亲 杯盖拧不紧"])
def test_a_hello_before_a_problem_is_no_greeting(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent != "greeting"


FAULTS = ["耳机老是掉线", "吹风机有股烧焦的味道", "充电宝用着发烫", "屏幕总是闪", "这双鞋开胶了"]


@pytest.mark.parametrize("text", FAULTS)
def test_a_described_fault_is_after_sales_repair(matcher: Matcher, text: str) -> None:
    """A fault named in the shopper's own words, without 坏了 or 维修, still asks for repair."""
    result = matcher.match(text)
    assert (result.intent, result.band) == ("install_repair", "act"), result


QUESTIONS = ["这个T恤会缩水吗", "羽绒服有多厚", "加湿器噪音大不大", "毛衣会起球吗", "是原装的吗"]


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_the_product_itself_is_product_info(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert (result.intent, result.band) != ("other", "fallback"), result
    assert result.intent == "product_info", result


def test_not_wanting_an_order_is_a_cancel_not_a_return(matcher: Matcher) -> None:
    """不要了 on its own is no return: before delivery it cancels (labelling guide R5)."""
    result = matcher.match("订单不要了啊")
    assert (result.intent, result.band) == ("cancel_order", "act"), result


@pytest.mark.parametrize(
    ("text", "intent"),
    [("手机壳的扣子松了", "install_repair"), ("保温杯用了两天盖子就漏水了", "install_repair")],
)
def test_a_product_named_beside_a_fault_is_the_thing_bought(
    matcher: Matcher, text: str, intent: str
) -> None:
    """Naming the product is no product search when the message says what is wrong with it."""
    result = matcher.match(text)
    assert (result.intent, result.band) == (intent, "act"), result


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("我要申请售后 扫地机开不了机了", "install_repair"),
        ("今天家里没人 可以后天再送吗", "modify_order"),
        ("我还有一个问题", "greeting"),
    ],
)
def test_kinds_the_labelling_guide_settles(matcher: Matcher, text: str, intent: str) -> None:
    """A named fault beats a generic 售后 (R6), a new delivery day changes the order (R10), a
    content-free opener is a greeting (R3)."""
    assert matcher.match(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("快递员的联系方式发我", "order_status"),
        ("是上午还是下午送", "order_status"),
        ("想换个联系号码", "modify_order"),
    ],
)
def test_delivery_contacts_time_slots_and_new_numbers(
    matcher: Matcher, text: str, intent: str
) -> None:
    """The courier's number and the time of day belong to the delivery of an order (R10's
    chasing side); a new phone number said with 个 is still a change to the order."""
    result = matcher.match(text)
    assert (result.intent, result.band) == (intent, "act"), result
