"""What a message's reading needs of the catalogue is worked out once per catalogue, not per
message, and reads the same: a card's spec question read every value of the whole catalogue
(its parts, its keys) again for every message, and the products of a category were a pass over
every product each time they were asked for."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from types import SimpleNamespace

import pytest

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


def test_a_messages_readings_of_its_own_text_are_worked_out_once() -> None:
    from bot.dialogs import compare, parse, size_advice, turn, words

    text = "身高175 体重140斤 这两个哪个更保暖？"
    readers = [
        (parse.is_question, parse.is_question.__wrapped__),
        (size_advice.body_in, size_advice.body_in.__wrapped__),
        (compare.comparison_asked, compare.comparison_asked.__wrapped__),
        (words._canonical, words._canonical.__wrapped__),
        (turn._folded, turn._fold),
    ]
    for cached, plain in readers:
        assert cached(text) == plain(text)
        before = cached.cache_info().hits
        assert cached(text) == plain(text)
        assert cached.cache_info().hits == before + 1
    assert words.canonical("好的确认") == "确认" and turn.fold("ＸＬ码 新人卷") == "XL码 新人券"


def test_the_product_a_question_means_is_worked_out_once_per_text_and_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.handlers import answers
    from bot.protocol import Channel, Inbound, Kind
    from bot.session import Session
    from bot.step import Context
    from tests.factories import demo_knowledge

    worked: list[str] = []
    meant = answers._product_meant

    def counted(msg: Inbound, ctx: Context) -> Product | None:
        worked.append(msg.text)
        return meant(msg, ctx)

    monkeypatch.setattr(answers, "_product_meant", counted)
    msg = Inbound(Channel.OA, "u1", "gh", Kind.TEXT, 0, msg_id="1", text="保温杯能防水吗")
    ctx = Context(Session(), SimpleNamespace(), demo_knowledge().current)  # type: ignore[arg-type]
    first = answers.product_meant(msg, ctx)
    assert first is not None and "保温杯" in first.name
    assert answers.product_meant(msg, ctx) is first
    assert worked == ["保温杯能防水吗"]
    on_card = Session("browse:card", {"browse": {"sku": first.sku}})
    answers.product_meant(msg, ctx.with_session(on_card))  # another session: read again
    answers.product_meant(replace(msg, text="这个能防水吗"), ctx)  # another text: read again
    assert worked == ["保温杯能防水吗", "保温杯能防水吗", "这个能防水吗"]
