"""Shipping rules: the fee at the thresholds, per region and per product; provinces from
addresses; carriers' tracking links; every mistake in shipping.toml or carriers.toml named by
file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from knowledge.regions import canonical, province_of
from knowledge.shipping import (
    Override,
    Region,
    ShipLine,
    Shipping,
    ShippingRules,
    Undeliverable,
    shipping_fee,
)

Edit = Callable[[str, str, str], Path]
LineOf = Callable[[Path, str], int]
TEE = ShipLine("AP-1001", "服饰", "纯棉圆领短袖T恤")
CHERRY = ShipLine("FR-3001", "水果生鲜", "智利车厘子")
RULES = ShippingRules(
    base_fee_fen=600,
    free_over_fen=6900,
    regions=(
        Region("偏远地区", ("新疆", "西藏"), surcharge_fen=900, free_shipping=False),
        Region("海岛", ("海南",), surcharge_fen=300),
        Region("港澳台", ("香港",), excluded=True),
    ),
    overrides=(Override("生鲜冷链", categories=("水果生鲜",), excluded_provinces=("新疆",)),),
)


def fee(lines: list[ShipLine], goods_fen: int, province: str | None) -> int:
    result = shipping_fee(RULES, lines, goods_fen, province)
    assert isinstance(result, Shipping)
    return result.fee_fen


class TestFee:
    def test_at_the_free_shipping_threshold(self) -> None:
        assert fee([TEE], 6899, "浙江") == 600
        assert fee([TEE], 6900, "浙江") == 0
        assert fee([TEE], 0, "浙江") == 600

    def test_a_region_without_free_shipping_pays_fee_and_surcharge_at_any_amount(self) -> None:
        assert fee([TEE], 3900, "新疆") == 1500
        assert fee([TEE], 6900, "新疆") == 1500
        assert fee([TEE], 500_000, "西藏") == 1500

    def test_a_surcharge_is_added_even_when_the_order_ships_free(self) -> None:
        assert fee([TEE], 6900, "海南") == 300
        assert fee([TEE], 6899, "海南") == 900

    def test_an_excluded_region_gets_nothing(self) -> None:
        assert shipping_fee(RULES, [TEE], 10_000, "香港") == Undeliverable("香港")

    def test_a_product_override_ships_at_its_own_fee(self) -> None:
        assert fee([CHERRY], 100, "浙江") == 0
        assert fee([CHERRY, TEE], 3900, "浙江") == 600  # the T-shirt still pays below ¥69
        assert fee([CHERRY, TEE], 6900, "浙江") == 0  # the whole order counts for the threshold

    def test_a_product_excluded_from_a_province_is_named(self) -> None:
        found = shipping_fee(RULES, [TEE, CHERRY, CHERRY], 9000, "新疆")
        assert found == Undeliverable("新疆", ("智利车厘子",))

    def test_the_parts_say_what_the_fee_is_made_of(self) -> None:
        found = shipping_fee(RULES, [TEE, CHERRY], 3900, "西藏")
        assert isinstance(found, Shipping)
        assert found.parts == (("运费", 600), ("生鲜冷链", 0), ("偏远地区附加费", 900))
        assert not found.free and not found.provisional

    def test_before_the_address_the_fee_is_provisional(self) -> None:
        found = shipping_fee(RULES, [TEE], 7000, None)
        assert isinstance(found, Shipping) and found.provisional and found.free

    def test_no_rules_no_fee(self) -> None:
        found = shipping_fee(ShippingRules(), [TEE], 100, "新疆")
        assert isinstance(found, Shipping) and found.fee_fen == 0


class TestProvinces:
    @pytest.mark.parametrize(
        ("address", "province"),
        [
            ("浙江省杭州市西湖区文三路100号", "浙江"),
            ("中国 浙江 嘉兴市南湖区", "浙江"),
            ("新疆维吾尔自治区乌鲁木齐市天山区", "新疆"),
            ("新疆乌鲁木齐", "新疆"),
            ("内蒙古呼和浩特市", "内蒙古"),
            ("乌鲁木齐市沙依巴克区", "新疆"),
            ("北京市朝阳区建国路1号", "北京"),
            ("上海浦东新区世纪大道100号", "上海"),
            ("深圳市南山区科技园", "广东"),
            ("海南省海口市美兰区", "海南"),
            ("海南藏族自治州共和县", "青海"),
            ("香港特别行政区九龙", "香港"),
            ("ＸＸ路１号", None),
            ("嘉禾县某某村", None),
            ("", None),
        ],
    )
    def test_province_of(self, address: str, province: str | None) -> None:
        assert province_of(address) == province

    def test_canonical_names(self) -> None:
        assert canonical("浙江省") == canonical("浙江") == "浙江"
        assert canonical("广西壮族自治区") == "广西"
        assert canonical("杭州") is None


class TestDemoShop:
    def test_the_demo_rules(self, demo_kb: KnowledgeBase) -> None:
        rules = demo_kb.shipping
        assert (rules.base_fee_fen, rules.free_over_fen) == (600, 6900)
        remote = rules.region_of("新疆")
        assert remote is not None and remote.provinces == ("新疆", "西藏", "青海", "内蒙古")
        assert rules.returns is not None and "嘉兴" in rules.returns.address
        assert rules.sf_extra_fen == 1200  # the same ¥12 the FAQ's 顺丰 answer names

    def test_carriers_give_tracking_links(self, demo_kb: KnowledgeBase) -> None:
        carriers = demo_kb.carriers
        sf = carriers.find(" sf ")
        assert sf is not None and sf.name == "顺丰速运" and carriers.find("顺丰") is sf
        assert carriers.link("顺丰", "SF 123/4") == (
            "https://www.kuaidi100.com/chaxun?com=shunfeng&nu=SF%20123%2F4"
        )
        assert carriers.find("宇宙快递") is None and carriers.link("宇宙快递", "1") == ""


def problems(folder: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return [(Path(i.file).name, i.line, i.message) for i in caught.value.errors]


class TestShippingFile:
    def test_unknown_province_and_a_province_in_two_regions(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("shipping.toml", '"香港", "澳门", "台湾"', '"香港", "澳门", "新疆", "火星"')
        line = line_of(path, '"火星"')
        assert problems(shop_copy) == [
            ("shipping.toml", line, "unknown province '火星' (write it as 浙江 or 浙江省)"),
            ("shipping.toml", line, "新疆 is already in region '偏远地区'"),
        ]

    def test_override_of_unknown_products_and_bad_fees(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit(
            "shipping.toml", 'categories = ["水果生鲜"]', 'skus = ["NOPE-1"]\ncategories = ["宠物"]'
        )
        edit("shipping.toml", "base_fee_fen = 600", "base_fee_fen = 6.5")
        assert problems(shop_copy) == [
            (
                "shipping.toml",
                line_of(path, "base_fee_fen"),
                "'base_fee_fen' must be a whole number ≥ 0 (fen for money)",
            ),
            ("shipping.toml", line_of(path, "NOPE-1"), "unknown SKU 'NOPE-1'"),
            ("shipping.toml", line_of(path, "宠物"), "unknown category '宠物'"),
        ]

    def test_unknown_keys_and_an_excluded_region_with_fees(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit("shipping.toml", "excluded = true", "excluded = true\nsurcharge_fen = 100")
        edit("shipping.toml", "[returns]", "[returns]\nzip = 314000")
        found = problems(shop_copy)
        assert [(f, m) for f, _, m in found] == [
            ("shipping.toml", "an excluded region ships nothing: drop its fee settings"),
            (
                "shipping.toml",
                "unknown key 'zip' (expected one of address, phone, receiver)",
            ),
        ]
        assert found[0][1] == line_of(path, "excluded = true")
        assert found[1][1] == line_of(path, "zip = ")

    def test_a_missing_return_address_is_a_warning(self, shop_copy: Path) -> None:
        path = shop_copy / "shipping.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("[returns]")], encoding="utf-8")
        kb = load_knowledge(shop_copy)
        assert kb.shipping.returns is None
        assert any("no [returns] address" in w.message for w in kb.warnings)

    def test_shipping_and_carriers_files_are_optional(self, shop_copy: Path) -> None:
        (shop_copy / "shipping.toml").unlink()
        (shop_copy / "carriers.toml").unlink()
        kb = load_knowledge(shop_copy)
        assert kb.shipping == ShippingRules() and len(kb.carriers) == 0


class TestCarriersFile:
    def test_bad_template_and_an_alias_twice(
        self, shop_copy: Path, edit: Edit, line_of: LineOf
    ) -> None:
        path = edit(
            "carriers.toml",
            'aliases = ["中通", "ZTO"]',
            'aliases = ["中通", "sf"]',
        )
        edit("carriers.toml", "com=yunda&nu={tracking_no}", "com=yunda&nu={number}")
        edit("carriers.toml", "https://www.kuaidi100.com/chaxun?com=jd", "http://x.example/?com=jd")
        assert problems(shop_copy) == [
            ("carriers.toml", line_of(path, '"sf"'), "'sf' already names '顺丰速运'"),
            (
                "carriers.toml",
                line_of(path, "{number}"),
                "tracking_url needs {tracking_no} and no other braces",
            ),
            ("carriers.toml", line_of(path, "x.example"), "tracking_url must start with https://"),
        ]
