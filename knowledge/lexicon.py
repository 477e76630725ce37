"""The shop's vocabulary: a private jieba tokenizer and the synonym map.

Each `Lexicon` owns a `jieba.Tokenizer()` rather than the module-global one, so the words a reload
adds never leak into the index still serving messages, and two knowledge bases can live in one
process. Loading jieba's dictionary takes about half a second, so it happens in the build (in a
worker thread on reload), never at import.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence

from knowledge.model import SynonymGroup
from knowledge.trie import trie_regex

SHOP_WORD_FREQ = 20_000
"""jieba frequency for shop words: high enough that 车厘子 or 退货地址 stay one token."""

STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "吗",
        "呢",
        "啊",
        "吧",
        "呀",
        "哦",
        "嘛",
        "么",
        "哈",
        "啦",
        "喔",
        "噢",
        "诶",
        "哎",
        "嗯",
        "滴",
        "哒",
        "捏",
        "咯",
    ]
)
"""Particles that never decide what a message means; everything else is weighted by IDF."""

_JIEBA_SPLITS = re.compile(r"\s")


class Lexicon:
    """Tokenisation and synonym folding with one shop's words."""

    def __init__(self, words: Iterable[str], synonyms: Sequence[SynonymGroup]) -> None:
        import jieba  # here, not at import: importing jieba loads its HMM tables (~70 ms)

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._canonical: dict[str, str] = {}
        for group in synonyms:
            for term in group.terms:
                self._canonical[term.casefold()] = group.canonical.casefold()
        self._synonym_re = trie_regex(self._canonical)
        # Words repeat endlessly (brands, 连衣裙); a bounded cache keeps memory flat under any input.
        self._parts = functools.lru_cache(maxsize=50_000)(self._inner_words)
        for word in {w.casefold() for w in words} | set(self._canonical):
            if len(word) > 1 and not _JIEBA_SPLITS.search(word):
                self._tokenizer.add_word(word, SHOP_WORD_FREQ)

    def is_word(self, text: str) -> bool:
        """Is `text` a word of jieba's dictionary or the shop's?"""
        return bool(self._tokenizer.FREQ.get(text))

    def canonical(self, token: str) -> str:
        """The synonym group's first word for `token`, or `token` itself."""
        return self._canonical.get(token, token)

    def fold(self, normalized: str) -> str:
        """Replace every synonym in a normalised text by its canonical word (退掉 → 退货)."""
        if self._synonym_re is None:
            return normalized
        return self._synonym_re.sub(lambda m: self._canonical[m.group()], normalized)

    def synonyms_of(self, word: str) -> list[str]:
        """All words of `word`'s synonym group (just `word` when it has none)."""
        canonical = self._canonical.get(word.casefold())
        if canonical is None:
            return [word]
        return [term for term, canon in self._canonical.items() if canon == canonical]

    def cut(self, normalized: str) -> list[str]:
        """jieba's precise cut as is: no folding, particles kept, spaces dropped."""
        return [t for t in self._tokenizer.lcut(normalized, HMM=False) if t.strip()]

    def meaningful(self, cut: list[str]) -> list[str]:
        """Canonical forms of a cut, particles dropped."""
        return [self.canonical(t) for t in cut if t not in STOP_WORDS]

    def tokens(self, normalized: str) -> list[str]:
        """Canonical tokens of a normalised text, particles dropped (precise mode)."""
        return self.meaningful(self.cut(normalized))

    def split(self, normalized: str) -> tuple[list[str], list[str]]:
        """(precise tokens, the known shorter words inside them), from one jieba cut."""
        words = self.with_parts(self.tokens(normalized))
        return [word for word, _ in words], [p for _, parts in words for p in parts]

    def with_parts(self, tokens: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        """Each token with the known shorter words inside it (手机壳 → 手机, 机壳).

        This is what jieba's `cut_for_search` adds, but each part stays with its word, because
        the product index credits a part less than the whole word.
        """
        return [(word, self._parts(word)) for word in tokens]

    def _inner_words(self, word: str) -> tuple[str, ...]:
        if len(word) < 3:
            return ()
        known = self._tokenizer.FREQ
        parts: list[str] = []
        for size in (2, 3):
            grams = (word[i : i + size] for i in range(len(word) - size + 1))
            parts += [self.canonical(g) for g in grams if len(word) > size and known.get(g)]
        return tuple(parts)
