"""Entities: quantity, price range, order number, phone, spec values and named products."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase, Matcher
from knowledge.entities import find_order_no, find_phone, find_price_range, find_quantity
from knowledge.normalize import clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我要两件", (2, "件")),
        ("买三斤车厘子", (3, "斤")),
        ("来一箱 要2斤装的", (1, "箱")),  # 2斤装 is a pack size, not a count
        ("体重120斤 买2件", (2, "件")),
        ("160斤穿多大码", (None, None)),  # a body weight
        ("x3", (3, None)),
        ("×2", (2, None)),
        ("3个月前买的", (None, None)),
        ("什么时候到", (None, None)),
    ],
)
def test_quantity(text: str, expected: tuple[int | None, str | None]) -> None:
    assert find_quantity(clean(text)) == expected


def test_bare_number_is_a_quantity_only_when_expected() -> None:
    assert find_quantity(clean("3")) == (None, None)
    assert find_quantity(clean("3"), bare=True) == (3, None)
    assert find_quantity(clean("三"), bare=True) == (3, None)
    assert find_quantity(clean("两个"), bare=True) == (2, None)
    assert find_quantity(clean("0"), bare=True) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200以内的连衣裙", (None, 20000)),
        ("100-200元", (10000, 20000)),
        ("一百到两百块", (10000, 20000)),
        ("预算300", (None, 30000)),
        ("不超过99.9", (None, 9990)),
        ("50元以上", (5000, None)),
        ("200块左右", (16000, 24000)),
        ("两百以内", (None, 20000)),
        ("3天以内能到吗", (None, None)),
        ("36-37码的拖鞋", (None, None)),
    ],
)
def test_price_range(text: str, expected: tuple[int | None, int | None]) -> None:
    assert find_price_range(clean(text)) == expected


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("手机号13812345678", "13812345678"),
        ("电话 138-1234-5678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+8613912345678", "13912345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full width digits
        ("12345678901", None),  # not a mobile prefix
        ("138123456789", None),  # too long
    ],
)
def test_phone(text: str, phone: str | None) -> None:
    assert find_phone(clean(text)) == phone


@pytest.mark.parametrize(
    ("text", "order_no"),
    [
        ("订单号sb20240101000123 查一下", "SB20240101000123"),
        ("SB2024ABCD0001到哪了", "SB2024ABCD0001"),
        ("SB12345", None),  # too short
        ("XSB202401010001", None),  # part of a longer word
    ],
)
def test_order_no(text: str, order_no: str | None) -> None:
    assert find_order_no(clean(text)) == order_no


class TestMatcherExtract:
    def test_order_message(self, matcher: Matcher) -> None:
        found = matcher.extract("订单SB202401010001 改一下电话13812345678")
        assert (found.order_no, found.phone, found.quantity) == (
            "SB202401010001",
            "13812345678",
            None,
        )

    def test_specs_and_products(self, matcher: Matcher) -> None:
        found = matcher.extract("我要两件白色T恤 L码")
        assert found.skus == ("AP-1001",)
        assert dict(found.specs) == {"颜色": "白色", "尺码": "L"}
        assert (found.quantity, found.quantity_unit) == (2, "件")

    def test_ascii_sizes_need_a_word_boundary(self, matcher: Matcher) -> None:
        assert dict(matcher.extract("5000mah的充电宝").specs) == {}
        assert dict(matcher.extract("xl的有吗").specs) == {"尺码": "XL"}

    def test_within_a_product_bare_sizes_and_colour_stems_count(
        self, matcher: Matcher, demo_kb: KnowledgeBase
    ) -> None:
        shoes = demo_kb.products["AP-1019"]
        assert dict(matcher.extract("38").specs) == {}
        assert dict(matcher.extract("38", shoes).specs) == {"尺码": "38"}
        assert dict(matcher.extract("要黑的 41", shoes).specs) == {"颜色": "黑色", "尺码": "41"}

    def test_slot_filling_for_quantity(self, matcher: Matcher) -> None:
        assert matcher.extract("3", expect_quantity=True).quantity == 3
        assert matcher.extract("两箱").quantity == 2

    def test_a_vague_word_lists_products_but_names_none(self, matcher: Matcher) -> None:
        result = matcher.match("手机")
        assert result.products, "phone cases and stands should be listed"
        assert result.entities.skus == ()

    def test_json_shape(self, matcher: Matcher) -> None:
        data = matcher.extract("预算200 买2件").to_json()
        assert data == {
            "skus": [],
            "specs": {},
            "quantity": 2,
            "quantity_unit": "件",
            "price_min_fen": None,
            "price_max_fen": 20000,
            "order_no": None,
            "phone": None,
        }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100到200的", (10000, 20000)),
        ("一百到两百的", (10000, 20000)),
        ("两三百的", (20000, 30000)),
        ("三四十块的零食", (3000, 4000)),
        ("身高110到120的", (None, None)),
        ("3到5天", (None, None)),
        ("买两三件", (None, None)),
    ],
)
def test_price_range_in_words(text: str, expected: tuple[int | None, int | None]) -> None:
    assert find_price_range(clean(text)) == expected
