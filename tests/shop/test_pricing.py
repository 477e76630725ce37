"""Cart arithmetic in fen: the best promotion, a coupon on top, category limits, never negative."""

from __future__ import annotations

from datetime import date

import pytest

from bot.shop.pricing import CartLine, coupon_problem, quote
from bot.shop.texts import yuan
from knowledge import KnowledgeBase
from tests.factories import demo_knowledge

DAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return demo_knowledge().current.kb


def line(category: str, price_fen: int, qty: int = 1) -> CartLine:
    return CartLine("X", "商品", category, {}, qty, price_fen)


def test_the_best_promotion_applies_and_a_coupon_stacks(kb: KnowledgeBase) -> None:
    money = quote(kb, [line("服饰", 15900), line("家居日用", 9900, 2)], "xiaohe10", DAY)
    assert (money.subtotal_fen, money.promotion_fen, money.coupon_fen) == (35700, 2000, 1000)
    assert money.total_fen == 32700 and money.discount_fen == 3000


def test_category_limits_count_only_their_lines(kb: KnowledgeBase) -> None:
    snacks = quote(kb, [line("零食", 5000, 2), line("服饰", 5000)], None, DAY)
    assert snacks.promotion is not None and snacks.promotion.id == "snacks-99-10"
    fruit_only_elsewhere = [line("服饰", 20000)]
    problem = coupon_problem(kb.find_coupon("FRUIT20"), fruit_only_elsewhere, DAY)
    assert problem is not None and "只能用在水果生鲜商品上" in problem
    assert quote(kb, fruit_only_elsewhere, "FRUIT20", DAY).coupon is None


def test_unknown_expired_and_under_threshold_coupons(kb: KnowledgeBase) -> None:
    assert "没有找到" in (coupon_problem(kb.find_coupon("NOPE"), [line("服饰", 20000)], DAY) or "")
    expired = coupon_problem(kb.find_coupon("XIAOHE10"), [line("服饰", 20000)], date(2023, 12, 31))
    assert expired is not None and "有效期" in expired
    small = coupon_problem(kb.find_coupon("XIAOHE10"), [line("服饰", 5900)], DAY)
    assert small is not None and "¥99.00" in small


@pytest.mark.parametrize(
    ("fen", "text"), [(0, "¥0.00"), (5, "¥0.05"), (3990, "¥39.90"), (-2000, "-¥20.00")]
)
def test_yuan_is_exact(fen: int, text: str) -> None:
    assert yuan(fen) == text
