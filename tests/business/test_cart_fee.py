"""The order form's shipping line, from the demo shop's rules: provisional before the address,
then the address's province decides."""

from __future__ import annotations

from bot.business.shipping import cart_fee
from knowledge import load_knowledge
from knowledge.shipping import ShipLine, Shipping, Undeliverable

KB = load_knowledge(None)
TEE = ShipLine("AP-1001", "服饰", "纯棉圆领短袖T恤")
CHERRY = ShipLine("FR-4001", "水果生鲜", "智利车厘子JJ级")


def test_before_and_after_the_address() -> None:
    early = cart_fee(KB, [TEE], 5900, None)
    assert isinstance(early, Shipping) and early.provisional and early.fee_fen == 600
    home = cart_fee(KB, [TEE], 5900, "浙江省杭州市西湖区文三路100号")
    assert isinstance(home, Shipping) and not home.provisional and home.fee_fen == 600
    far = cart_fee(KB, [TEE], 19900, "新疆乌鲁木齐市天山区1号")
    assert isinstance(far, Shipping) and far.fee_fen == 1500
    assert cart_fee(KB, [TEE, CHERRY], 22000, "西藏拉萨市") == Undeliverable(
        "西藏", ("智利车厘子JJ级",)
    )
    assert cart_fee(KB, [TEE], 5900, "文三路100号") is None
