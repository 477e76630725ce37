"""The right FAQ answer or none: the demo shop's own evaluation (faq_eval_*.tsv) and the rules
behind it (faq.toml `needs`, a specific entry before a general one, a clear answer across a
neighbouring intent)."""

from __future__ import annotations

import pytest

from knowledge import Matcher
from tests.knowledge.faq_eval import DEV, HOLDOUT, Case, answered, rates, read_cases, score

NEAR_MISSES = [c for path in (DEV, HOLDOUT) for c in read_cases(path) if c.expect[0] == "!"]


def test_the_tuning_half_is_mostly_right_and_rarely_wrong(matcher: Matcher) -> None:
    got = rates(score(matcher, read_cases(DEV)))
    assert got["right"] >= 0.80, got
    assert got["wrong"] <= 0.02, got


def test_the_held_out_half_is_rarely_wrong(matcher: Matcher) -> None:
    """Nothing was fitted to these lines: a wrong answer here is one a shopper would get."""
    got = rates(score(matcher, read_cases(HOLDOUT)))
    assert got["right"] >= 0.65, got
    assert got["wrong"] <= 0.03, got


@pytest.mark.parametrize("case", NEAR_MISSES, ids=lambda c: c.text)
def test_a_near_miss_never_gets_its_neighbours_answer(matcher: Matcher, case: Case) -> None:
    assert answered(matcher.match(case.text)) != case.expect[1:]


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("退货运费谁出", "ship.fee"),
        ("怎么办信用卡", "pay.installment"),
        ("运费怎么算", "return.shipping_fee"),
    ],
)
def test_an_answer_needs_its_key_word(matcher: Matcher, text: str, forbidden: str) -> None:
    """ship.fee needs 运费|包邮…, return.shipping_fee also 退|寄回, pay.installment 分期|花呗."""
    result = matcher.match(text)
    assert result.faq is None or result.faq.id != forbidden, result.faq


def test_a_specific_entry_outranks_a_general_one_almost_as_alike(matcher: Matcher) -> None:
    """开增票 names the word of the 专票 entry; the general invoice entry is a little more alike."""
    result = matcher.match("开增票可以吗")
    assert answered(result) == "invoice.special", result


@pytest.mark.parametrize(("text", "faq_id"), [("几天能到啊", "ship.eta"), ("几天到", "ship.eta")])
def test_a_clear_policy_answer_crosses_to_the_neighbouring_intent(
    matcher: Matcher, text: str, faq_id: str
) -> None:
    """几天能到 reads as order_status (or, with more delivery phrasings in the FAQ, as the FAQ's
    own product_info): either way the answer is the delivery-time policy."""
    result = matcher.match(text)
    assert result.intent in ("order_status", "product_info"), result
    assert answered(result) == faq_id, result


def test_two_strong_asks_are_still_asked_about(matcher: Matcher) -> None:
    """A clear FAQ does not make the matcher act when a second ask is as strong."""
    assert matcher.match("我要退货 还要开发票").band == "clarify"
