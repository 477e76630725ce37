"""Candidate generation: the inverted index bounds the work per message, whatever the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import MappingProxyType

from knowledge import Product
from knowledge.index import InvertedIndex
from knowledge.products import ProductIndex
from knowledge.trie import trie_regex


def test_candidates_come_from_postings_best_first() -> None:
    index = InvertedIndex([["红色", "卫衣"], ["蓝色", "卫衣"], ["红色", "袜子"], ["杯子"]])
    found = index.candidates(["红色", "卫衣"], limit=10)
    assert found.ids[0] == 0 and set(found.ids) == {0, 1, 2}
    assert 3 not in found.ids
    assert index.candidates(["不存在"], limit=10).ids == []


def test_common_terms_are_not_walked() -> None:
    docs = [["女", f"款{i}"] for i in range(5000)] + [["女", "旗袍"]]
    index = InvertedIndex(docs, enumerate_cap=100)
    found = index.candidates(["女", "旗袍"], limit=10)
    assert found.ids == [5000]
    assert found.touched == 1  # only the rare term's postings were walked
    vague = index.candidates(["女"], limit=10)
    assert len(vague.ids) == 10 and vague.touched == 10


class _Split:
    """A stand-in lexicon: words are separated by spaces (no jieba, so this test is instant)."""

    def split_many(
        self, texts: Iterable[str], keep: Callable[[str], bool] | None = None
    ) -> dict[str, tuple[list[str], list[str]]]:
        return {text: ([text] if keep is None or keep(text) else [], []) for text in texts}

    def canonical(self, token: str) -> str:
        return token

    def is_word(self, text: str) -> bool:
        return False


def _catalogue(size: int) -> list[Product]:
    kinds = [f"品类{k}" for k in range(500)]
    return [
        Product(
            sku=f"S{n}",
            name=f"牌子{n % 50} {kinds[n % len(kinds)]} 款{n}",
            category="杂货",
            brand=f"牌子{n % 50}",
            price_fen=100,
            stock=1,
            specs=MappingProxyType({}),
        )
        for n in range(size)
    ]


def test_product_search_scores_a_few_dozen_of_twenty_thousand() -> None:
    index = ProductIndex(_catalogue(20_000), str.lower, _Split())
    words = [("牌子7", ()), ("品类7", ())]
    found = index.search(words, {})
    assert found.hits[0].sku == "S7" and found.hits[0].score > 0.9
    assert found.scored <= 40  # re-ranked with rapidfuzz
    assert found.touched <= 2 * 400 + 40  # postings walked: the two terms, never the catalogue
    assert index.search([("没有这个", ())], {}).scored == 0


def test_trie_regex_prefers_the_longest_word() -> None:
    pattern = trie_regex(["退货", "退货地址", "退款", "发票", "发"])
    assert pattern is not None
    text = "我要退货地址和退款 发票 发"
    assert [m.group() for m in pattern.finditer(text)] == ["退货地址", "退款", "发票", "发"]
    assert trie_regex([]) is None
