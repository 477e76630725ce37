"""The demo shop's shipping FAQ says what shipping.toml charges: every figure and province in
these answers is derived here from the rules and the fee function, so changing a fee without its
answer (or the answer without the fee) fails."""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.shipping import ShipLine, Shipping, shipping_fee


def _yuan(fen: int) -> str:
    return f"{fen // 100}元" if fen % 100 == 0 else f"{fen / 100:.2f}元"


def _fee(kb: KnowledgeBase, goods_fen: int, province: str, category: str = "服饰") -> int:
    result = shipping_fee(kb.shipping, [ShipLine("X", category)], goods_fen, province)
    assert isinstance(result, Shipping), result
    return result.fee_fen


def test_fee_answer_states_threshold_base_fee_and_the_exceptions(demo_kb: KnowledgeBase) -> None:
    rules, answer = demo_kb.shipping, demo_kb.faqs["ship.fee"].answer
    assert rules.free_over_fen is not None
    assert f"满{_yuan(rules.free_over_fen)}包邮" in answer
    below = _fee(demo_kb, rules.free_over_fen - 1, "浙江")
    assert below == rules.base_fee_fen and f"收{_yuan(below)}运费" in answer
    assert _fee(demo_kb, rules.free_over_fen, "浙江") == 0
    assert "先减满减和优惠券" in answer  # the threshold counts the goods after discounts
    for region in rules.regions:
        if region.excluded or region.free_shipping:
            continue
        assert all(province in answer for province in region.provinces)
        assert f"每单{_yuan(_fee(demo_kb, rules.free_over_fen, region.provinces[0]))}" in answer
    for override in rules.overrides:
        if override.fee_fen == 0:
            assert all(f"{c}全部包邮" in answer for c in override.categories)


def test_remote_answer_states_their_fee_and_what_does_not_go_there(
    demo_kb: KnowledgeBase,
) -> None:
    rules, answer = demo_kb.shipping, demo_kb.faqs["ship.remote"].answer
    remote = [r for r in rules.regions if not r.excluded and not r.free_shipping]
    assert remote
    for region in remote:
        assert all(province in answer for province in region.provinces)
        assert "不参与包邮" in answer
        fees = {_fee(demo_kb, goods, region.provinces[0]) for goods in (100, 10_000_000)}
        assert len(fees) == 1 and f"每单{_yuan(fees.pop())}" in answer
    for override in rules.overrides:
        if set(override.excluded_provinces) & {p for r in remote for p in r.provinces}:
            assert all(f"{c}暂不发" in answer for c in override.categories)


def test_abroad_answer_names_the_excluded_region(demo_kb: KnowledgeBase) -> None:
    answer = demo_kb.faqs["ship.abroad"].answer
    excluded = [r for r in demo_kb.shipping.regions if r.excluded]
    assert excluded and all(r.name in answer for r in excluded)
    assert "只发中国大陆" in answer


def test_phone_and_rush_answers_state_the_configured_phone_and_sf_surcharge(
    demo_kb: KnowledgeBase,
) -> None:
    """The after-sales phone and the 顺丰 surcharge these answers quote are shipping.toml's."""
    returns = demo_kb.shipping.returns
    assert returns is not None and returns.phone in demo_kb.faqs["service.phone"].answer
    extra = demo_kb.shipping.sf_extra_fen
    assert extra is not None and f"补{_yuan(extra)}" in demo_kb.faqs["ship.rush"].answer
