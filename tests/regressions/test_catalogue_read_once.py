"""What a message's reading needs of the catalogue is worked out once per catalogue, not per
message, and reads the same: a card's spec question read every value of the whole catalogue
(its parts, its keys) again for every message, and the products of a category were a pass over
every product each time they were asked for."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from bot.dialogs.card_questions import specs_asked, values_by_spec
from bot.dialogs.order import specs
from bot.dialogs.order.specs import keys_of, spec_values_in
from knowledge import load_knowledge
from knowledge.model import Product


def _part_named_reference(text: str, values: tuple[str, ...]) -> str | None:
    """The reading before the part tables: every part of every value, checked each time."""
    chosen: set[str] = set()
    for value in values:
        if not specs._CJK_VALUE.fullmatch(value):
            continue
        parts = {value[:n] for n in range(2, len(value))} | {
            value[n:] for n in range(1, len(value) - 1)
        }
        for part in parts:
            if any(part in other for other in values if other != value):
                continue
            if specs._part_at(text, part):
                chosen.add(value)
                break
    return chosen.pop() if len(chosen) == 1 else None


def _texts(values: list[str]) -> Iterator[str]:
    for value in values:
        for key in keys_of(value):
            yield from (f"有{key}吗", f"要{key}的", f"不要{key}的", f"{key[1:]}的有吗")
            yield from (f"{key[:2]}的", f"{key[-2:]}味的", f"这个{key[:-1]}的呢")


def test_the_catalogue_wide_spec_reading_is_unchanged_and_its_tables_are_kept() -> None:
    kb = load_knowledge(None)
    wider = values_by_spec(kb)
    every = sorted({v for values in wider.values() for v in values})
    texts = [
        *list(dict.fromkeys(_texts(every)))[::4],
        "你好",
        "多少钱",
        "有没有别的",
        "粉色的",
        "灰色有吗",
    ]
    for item in list(kb.products.values())[::25]:
        wide = replace(item, specs={n: wider.get(n, vs) for n, vs in item.specs.items()})
        for text in texts:
            folded = text.casefold()
            for values in wide.specs.values():
                assert specs._part_named(folded, values) == _part_named_reference(folded, values)
            # what the card's question reads, own values and the catalogue's, is the same twice
            assert spec_values_in(text, wide) == spec_values_in(text, wide)
            spec_values_in(text, item)
    before = specs._own_parts.cache_info()
    item = next(iter(kb.products.values()))
    specs_asked("有麻辣的吗", item, kb)
    specs_asked("有番茄的吗", item, kb)
    after = specs._own_parts.cache_info()
    assert after.misses == before.misses  # the tables made above serve every later message
    assert after.hits > before.hits


def test_a_value_is_still_found_among_the_whole_catalogues() -> None:
    kb = load_knowledge(None)
    tee = kb.products["AP-1001"]
    wide = replace(tee, specs={n: values_by_spec(kb).get(n, vs) for n, vs in tee.specs.items()})
    assert spec_values_in("有雾霾蓝的吗", wide)["颜色"] == "雾霾蓝"
    assert spec_values_in("黑的有吗", tee) == {"颜色": "黑色"}
    assert spec_values_in("你好", wide) == {}
    own, missing = specs_asked("有雾霾蓝L码吗", tee, kb)
    assert own == {"尺码": "L"} and missing == ["雾霾蓝"]


class _Counted(Mapping[str, Product]):
    def __init__(self, products: Mapping[str, Product]) -> None:
        self._products = products
        self.passes = 0

    def __getitem__(self, sku: str) -> Product:
        return self._products[sku]

    def __iter__(self) -> Iterator[str]:
        self.passes += 1
        return iter(self._products)

    def __len__(self) -> int:
        return len(self._products)


def test_the_products_of_a_category_are_grouped_once_per_catalogue() -> None:
    kb = load_knowledge(None)
    counted = _Counted(kb.products)
    other = replace(kb, products=counted)
    for category in (*kb.categories, *kb.categories, "没有这类"):
        listed = other.products_in(category)
        assert listed == [p for p in kb.products.values() if p.category == category]
        listed.clear()  # a copy: the next question gets all of them again
    assert counted.passes == 1
    assert other.products_in(kb.categories[0])
    assert kb.products_in(kb.categories[0]) == other.products_in(kb.categories[0])
