"""Finding the products a message talks about, without scanning the catalogue.

Each product is indexed by the words of its name, aliases, brand and category. "Whole" words (the
precise jieba cut, the aliases, the brand) count fully; the shorter words inside them that jieba's
search mode adds (手机 inside 手机壳) count `PART_WEIGHT`, so 手机 finds phone cases without claiming
that the shopper named one. Candidates come from the inverted index; each is then scored by how
much of the message's product words it explains (IDF-weighted) and by rapidfuzz's partial ratio
between those words and the product's name and aliases.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple, Protocol

from rapidfuzz import fuzz

from knowledge.index import InvertedIndex
from knowledge.model import Product
from knowledge.numerals import MEASURE_WORDS

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"[\d.]+[a-z]*")
PART_WEIGHT = 0.6
COVERAGE_WEIGHT = 0.75
"""Share of IDF coverage in a product's score; the rest is rapidfuzz's partial ratio."""
SPEC_BONUS = 0.05
"""Added when the message names a spec value (红色, XL) the product has."""
CANDIDATES = 40
ENUMERATE_CAP = 2000
KIND_SUFFIX = "类"
"""The index term of a kind of thing by its last character (鞋类: 帆布鞋, 跑步鞋, 拖鞋), which
鞋子, 鞋鞋 and a lone 鞋 are searched by."""
NOT_A_KIND = frozenset(
    {"包子", "瓜子", "单子", "样子", "日子", "面子", "点子", "身子", "宝子", "宝宝", "奶奶", "包包"}
)
"""X子 and XX words that are no kind of X (a 包子 is a bun, not a bag; 宝宝 is a baby, not a
power bank; 包包 is a handbag, not a 零食大礼包): never searched as X类."""
LONE_NOT_A_KIND = frozenset(MEASURE_WORDS) | frozenset("被把给让带装干刷梳排卡身")
"""Characters that alone are a measure word (一杯, 两包), a particle (被退回了) or a verb (能带上
飞机吗) more often than a thing: a lone one is searched as itself only."""


class Splitter(Protocol):
    """What the index needs from the lexicon."""

    def split_many(
        self, texts: Iterable[str], keep: Callable[[str], bool] | None = None
    ) -> Mapping[str, tuple[Sequence[str], Sequence[str]]]: ...

    def canonical(self, token: str) -> str: ...

    def is_word(self, text: str) -> bool: ...


_Terms = tuple[tuple[str, ...], tuple[str, ...], str]
"""(whole words, inner words, normalised text) of one name, alias, brand, category or tag."""


def _indexable(term: str, full: str) -> bool:
    """Numbers (3, 500) and lone characters (装, 号) name no product, unless a name or alias is
    exactly that (梨, 虾)."""
    if not term or term.replace(".", "").isdigit():
        return False
    return len(term) > 1 or term == full


@dataclass(frozen=True, slots=True)
class ProductHit:
    sku: str
    name: str
    score: float


class _Entry(NamedTuple):
    """One product's index terms. A tuple, not an object with attributes: 100,000 of them are
    made in every build of a large catalogue, and a tuple is made several times faster."""

    product: Product
    whole: tuple[str, ...]
    parts: tuple[str, ...]
    label: str
    tagged: tuple[str, ...] = ()  # terms only its tags hold (坚果 on 夏威夷果): not its names


@dataclass(frozen=True, slots=True)
class ProductSearch:
    hits: list[ProductHit]
    touched: int
    scored: int


def _indexable_anywhere(term: str) -> bool:
    """Is `term` indexed whatever text it is in (more than one character, not a number)?"""
    return len(term) > 1 and _indexable(term, "")


def _kind_term(name: _Terms) -> str:
    """The kind the product's name ends in (鞋类 of 百搭帆布鞋), or "": the last character of
    its last word of two or more, when that closes the name (抽纸24包 is a count of packs, not
    a kind of 包; 清爽防晒霜SPF50 ends in a model)."""
    keep, _, text = name
    last = keep[-2] if len(keep) > 1 else keep[-1] if keep else ""
    if len(last) < 2 or not text.endswith(last) or not _CJK.match(last[-1]):
        return ""
    return last[-1] + KIND_SUFFIX


def _named_texts(product: Product) -> tuple[str, ...]:
    """What a product is called, in the order its terms are read: name, aliases, brand, category."""
    return (product.name, *product.aliases, product.brand, product.category)


def _in_any(token: str, values: set[str]) -> bool:
    """Is the token part of one of the values (豆沙 of the spec value 豆沙色)?"""
    return any(token in value for value in values)


def _compounds(
    words: Sequence[tuple[str, tuple[str, ...]]], index: InvertedIndex
) -> list[tuple[str, str]]:
    """(word, the word with the lone character said next to it) for each searched word beside a
    character that is no word of its own ("草莓脆": 草莓 and 脆): the longer piece of a name the
    shopper wrote, which tells 冻干草莓脆 from the 草莓 that is only a part of it."""
    said = [w for w, _ in words]
    out: list[tuple[str, str]] = []
    for at, word in enumerate(said):
        if word not in index:
            continue
        after = said[at + 1] if at + 1 < len(said) else ""
        before = said[at - 1] if at else ""
        if len(after) == 1 and _CJK.match(after):
            out.append((word, word + after))
        if len(before) == 1 and _CJK.match(before):
            out.append((word, before + word))
    return out


def _with_compound(
    entries: list[_Entry], scores: list[float], word: str, compound: str, shift: float
) -> list[float]:
    """When some candidates are called by `compound` ("冻干草莓脆" holds 草莓脆), the shopper named
    those: `word` counts whole for them and only as a part for the rest (丹东99草莓)."""
    holds = [any(compound in name for name in e.label.split()) for e in entries]
    if not any(holds) or all(holds):
        return scores
    out: list[float] = []
    for entry, score, has in zip(entries, scores, holds, strict=True):
        if has and word not in entry.whole:
            score += shift
        elif not has and word in entry.whole:
            score -= shift
        out.append(round(min(1.0, max(0.0, score)), 4))
    return out


class ProductIndex:
    """Products by SKU order, with their index terms; built once per knowledge load."""

    def __init__(
        self, products: Sequence[Product], normalize: Callable[[str], str], lexicon: Splitter
    ) -> None:
        self._lexicon = lexicon
        self._normalize = normalize
        self._heads: set[str] = set()
        self._kinds: set[str] = set()
        self._category_heads: dict[str, str] = {}
        # Catalogues repeat brands, categories, aliases and tags thousands of times, and the
        # words of names (加厚卫衣, K217): each distinct text and word is read once.
        texts = {t: "" for p in products for t in (*_named_texts(p), *p.tags) if t}
        for raw in texts:
            texts[raw] = normalize(raw)
        chunks = lexicon.split_many(
            {c for text in texts.values() for c in text.split()}, keep=_indexable_anywhere
        )
        terms = {raw: self._terms(text, chunks) for raw, text in texts.items()}
        self._entries: list[_Entry] = []
        self._by_sku: dict[str, _Entry] = {}
        # The postings are filled in the same pass as the entries: a document's terms are its
        # whole words and its parts, which never share a term, so no set is made per document.
        postings: defaultdict[str, list[int]] = defaultdict(list)
        named_texts: set[str] = set()
        for doc_id, product in enumerate(products):
            entry, named = self._entry(product, terms)
            self._entries.append(entry)
            self._by_sku[product.sku] = entry
            named_texts.update(named)
            for term in entry.whole:
                postings[term].append(doc_id)
            for term in entry.parts:
                postings[term].append(doc_id)
        self._index = InvertedIndex.from_postings(
            postings, len(products), enumerate_cap=ENUMERATE_CAP
        )
        # The words of what products are called: every word of their names, aliases, brands and
        # categories, none of their tags'.
        self._named: set[str] = set()
        for text in named_texts:
            keep, inner, _ = terms[text]
            self._named.update(keep)
            self._named.update(inner)
        self._head_ends = {h[i:] for h in self._heads for i in range(len(h) - 1)}

    def _terms(
        self, text: str, chunks: Mapping[str, tuple[Sequence[str], Sequence[str]]]
    ) -> _Terms:
        """(whole words, inner words, normalised text) of one name, alias, brand or category.

        jieba never joins words across a space, so each space-separated chunk is cut on its
        own: 云朵加厚卫衣 K217 and 云朵加厚卫衣 K218 share the work. `chunks` holds each chunk's
        words without numbers and lone characters, which is what `_indexable` keeps of them,
        except in a text that is one character, a number or nothing: those are cut again.
        """
        full = sys.intern(self._lexicon.canonical(text.replace(" ", "")))
        if len(full) > 1 and _indexable(full, full):
            pieces = [chunks[chunk] for chunk in text.split()]
            if len(pieces) == 1:
                return (*pieces[0][0], full), tuple(pieces[0][1]), text
            keep = [t for whole, _ in pieces for t in whole]
            keep.append(full)
            return tuple(keep), tuple(t for _, parts in pieces for t in parts), text
        whole: list[str] = []
        parts: list[str] = []
        splits = self._lexicon.split_many(set(text.split()))
        for chunk in text.split():
            chunk_whole, chunk_parts = splits[chunk]
            whole += chunk_whole
            parts += chunk_parts
        whole.append(full)
        keep = [t for t in whole if _indexable(t, full)]
        inner = [t for t in parts if _indexable(t, full)]
        return tuple(keep), tuple(inner), text

    def _entry(
        self, product: Product, text_terms: Mapping[str, _Terms]
    ) -> tuple[_Entry, list[str]]:
        """The product's entry, and its texts that say what it is called (all but its tags)."""
        texts = [t for t in (*_named_texts(product), *product.tags) if t]
        terms = [text_terms[t] for t in texts]
        whole = dict.fromkeys(chain.from_iterable([keep for keep, _, _ in terms]))
        kind = _kind_term(terms[0])
        if kind:
            whole[kind] = None
            self._kinds.add(kind)
        inner = [t for _, found, _ in terms for t in found if t not in whole]
        aliases = len(product.aliases)
        label = " ".join([text for *_, text in terms[: 1 + aliases]]) if aliases else terms[0][2]
        self._heads.update(self._head_terms(product, terms))
        said = texts[: len(texts) - len(product.tags)] if product.tags else texts
        parts = tuple(dict.fromkeys(inner)) if inner else ()
        tagged: tuple[str, ...] = ()
        if product.tags:
            named = {t for keep, found, _ in terms[: len(said)] for t in (*keep, *found)}
            tag_terms = (t for keep, found, _ in terms[len(said) :] for t in (*keep, *found))
            tagged = tuple(dict.fromkeys(t for t in tag_terms if t not in named))
        return _Entry(product, tuple(whole), parts, label, tagged), said

    def _head_terms(self, product: Product, terms: list[_Terms]) -> list[str]:
        """What the product *is* (手机壳, 卫衣, 零食): its aliases, the last word of its name and
        its category; iPhone15 in iPhone15手机壳 says what it fits, not what it is."""
        name_words = terms[0][0]
        heads = [name_words[-2] if len(name_words) > 1 else name_words[-1]]
        heads += [terms[1 + i][0][-1] for i in range(len(product.aliases)) if terms[1 + i][0]]
        category = self._category_heads.get(product.category)
        if category is None:
            category = self._lexicon.canonical(self._normalize(product.category).replace(" ", ""))
            self._category_heads[product.category] = category
        heads.append(category)
        return [h for h in heads if _CJK.search(h)]

    @property
    def heads(self) -> frozenset[str]:
        """What the products are (手机壳, 卫衣, 零食), for the typo index."""
        return frozenset(self._heads)

    def kind_of(self, word: str) -> str | None:
        """The kind term a word for things of one character names (鞋子, 包包, a lone 鞋: 鞋类),
        when some product's name ends in that character; else None."""
        if len(word) == 2 and (word[1] == "子" or word[0] == word[1]):
            if word in NOT_A_KIND:
                return None
        elif len(word) != 1 or word in LONE_NOT_A_KIND:
            return None
        elif not any(self._lexicon.is_word(word + tail) for tail in ("子", word)):
            return None  # 衣 is never said alone for clothes: no 衣子, no 衣衣
        kind = word[0] + KIND_SUFFIX
        return kind if kind in self._kinds else None

    def sells(self, word: str) -> bool:
        """Is `word` a kind of thing the shop sells (a head term, or a longer or shorter form
        of one: 耳机 for 蓝牙耳机, 降噪耳机 for 耳机; 鞋子 for 帆布鞋)?"""
        word = self._lexicon.canonical(word)
        if word in self._head_ends or self.kind_of(word) is not None:
            return True
        return any(word[i:] in self._heads for i in range(len(word) - 1))

    def is_product_word(self, word: str) -> bool:
        """Is this word part of what products are called (names, aliases, brands, categories;
        not tags: 辣 in 牛肉干辣不辣 is the question)?"""
        return word in self._named

    def share_named(self, sku: str, tokens: Sequence[str], specs: Sequence[str]) -> float:
        """Share (0..1) of what the message says that is this product: its words against the
        other words of two or more characters (spec values, numbers and one-character words
        such as 要 or 俩 say nothing else: 我要俩保温杯 白色500ml is all 保温杯)."""
        entry = self._by_sku.get(sku)
        if entry is None:
            return 0.0
        terms = {*entry.whole, *entry.parts}
        said = {s.casefold() for s in specs}
        mine = other = 0
        for token in tokens:
            if token in terms:
                mine += len(token)
            elif len(token) > 1 and not _NUMBER.fullmatch(token) and not _in_any(token, said):
                other += len(token)
        return mine / (mine + other) if mine + other else 0.0

    def only_tagged(self, sku: str, words: Sequence[tuple[str, tuple[str, ...]]]) -> bool:
        """Does the message reach this product through its tags alone (坚果 of a nut tagged so,
        whose name never says 坚果)? Then it fits the search but is not named."""
        entry = self._by_sku.get(sku)
        if entry is None or not entry.tagged:
            return False
        named = {*entry.whole, *entry.parts}.difference(entry.tagged)
        said = [t for w, parts in words for t in (w, *parts)]
        return any(t in entry.tagged for t in said) and not any(t in named for t in said)

    def named_in(self, word: str, sku_order: Sequence[str]) -> list[str]:
        """SKUs among `sku_order` whose name or aliases hold `word` as a whole word."""
        entries = (self._by_sku[sku] for sku in sku_order if sku in self._by_sku)
        return [e.product.sku for e in entries if word in e.whole or word in e.parts]

    def __len__(self) -> int:
        return len(self._entries)

    def search(
        self,
        words: Sequence[tuple[str, tuple[str, ...]]],
        specs: Mapping[str, str],
        limit: int = 5,
    ) -> ProductSearch:
        """Up to `limit` products for the message's words (each with its parts), best first.

        A word that is a spec value the message names ("燕麦色") is what the product comes in,
        not what it is called: its parts (燕麦, oats) are not searched for, as long as other
        words remain to search by ("燕麦色卫衣" is a hoodie)."""
        values = {v.casefold() for v in specs.values()}
        kinds = {w: k for w, _ in words if (k := self.kind_of(w)) is not None}
        if any(len(w) == 1 for w in kinds) and any(w in self._index for w, _ in words):
            # 连帽卫衣 cut 连 帽 卫衣, 有木有充电宝: a lone character beside a product's own
            # word is a piece of that name or of the phrase, not a kind of thing said alone
            kinds = {w: k for w, k in kinds.items() if len(w) > 1}
        named = [(w, parts) for w, parts in words if w.casefold() not in values]
        words = named if any(w in self._index or w in kinds for w, _ in named) else words
        query = [(w, tuple(p for p in parts if p in self._index)) for w, parts in words]
        query = [(w, parts) for w, parts in query if w in self._index or parts or w in kinds]
        if not query:
            return ProductSearch([], 0, 0)
        terms = [t for w, parts in query for t in (w, *parts)]
        terms += [kinds[w] for w, _ in query if w in kinds]
        found = self._index.candidates(terms, CANDIDATES)
        text = "".join(w for w, _ in query)
        weighted = [
            (w, parts, self._weight(w, parts, kinds.get(w)), kinds.get(w)) for w, parts in query
        ]
        total = sum(weight for _, _, weight, _ in weighted)
        entries = [self._entries[i] for i in found.ids]
        scores = [self._score(entry, weighted, total, text, values) for entry in entries]
        for word, compound in _compounds(words, self._index):
            weight = next((w for x, _, w, _ in weighted if x == word), 0.0)
            shift = COVERAGE_WEIGHT * weight * (1 - PART_WEIGHT) / total if total else 0.0
            scores = _with_compound(entries, scores, word, compound, shift)
        # Only the products kept become hits; the sort is stable, as sorting the hits was.
        best = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:limit]
        hits = [
            ProductHit(entries[i].product.sku, entries[i].product.name, scores[i]) for i in best
        ]
        return ProductSearch(hits, found.touched, len(found.ids))

    def _weight(self, word: str, parts: tuple[str, ...], kind: str | None) -> float:
        if word in self._index:
            return self._index.idf(word)
        if kind is not None:
            return self._index.idf(kind)
        return max(self._index.idf(p) for p in parts)

    @staticmethod
    def _score(
        entry: _Entry,
        weighted: list[tuple[str, tuple[str, ...], float, str | None]],
        total: float,
        text: str,
        values: set[str],
    ) -> float:
        covered = 0.0
        whole, parts = entry.whole, entry.parts
        for word, inner, weight, kind in weighted:
            if word in whole or (kind is not None and kind in whole):
                covered += weight
            elif word in parts or any(p in whole or p in parts for p in inner):
                covered += weight * PART_WEIGHT
        fuzzy = fuzz.partial_ratio(text, entry.label) / 100.0
        score = COVERAGE_WEIGHT * covered / total + (1 - COVERAGE_WEIGHT) * fuzzy
        product = entry.product
        if values and any(v.casefold() in values for vs in product.specs.values() for v in vs):
            score += SPEC_BONUS
        if not product.in_stock:
            score -= 0.01
        return round(min(1.0, max(0.0, score)), 4)
