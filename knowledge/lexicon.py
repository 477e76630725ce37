"""The shop's vocabulary: a private jieba tokenizer and the synonym map.

Each `Lexicon` owns a `jieba.Tokenizer()` rather than the module-global one, so the words a reload
adds never leak into the index still serving messages, and two knowledge bases can live in one
process. Loading jieba's dictionary takes about a quarter of a second (jieba_dict.py), so it happens
in the build (in a worker thread on reload), never at import.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import sys
from collections.abc import Callable, Iterable, Sequence

from knowledge import jieba_dict
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
_JIEBA_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+")
"""One block of jieba's precise cut (its `re_han_default`): what jieba segments with its DAG."""
_JIEBA_ENG = re.compile("[a-zA-Z0-9]")
"""Single letters and digits that jieba's precise cut joins into one token (its `re_eng`)."""

Split = tuple[tuple[str, ...], tuple[str, ...]]
"""(precise tokens, the known shorter words inside them) of one text."""


class Lexicon:
    """Tokenisation and synonym folding with one shop's words."""

    def __init__(self, words: Iterable[str], synonyms: Sequence[SynonymGroup]) -> None:
        import jieba  # here, not at import: importing jieba loads its HMM tables (~70 ms)

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        jieba_dict.initialize(self._tokenizer)
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

    def split_many(
        self, texts: Iterable[str], keep: Callable[[str], bool] | None = None
    ) -> dict[str, Split]:
        """`split` of many space-free texts at once, with every token interned: what the
        product index needs for a catalogue's names. The same words as `split`, faster: each
        distinct token is folded and searched for inner words once, not once per text. With
        `keep`, the words (and inner words) it refuses are left out."""
        known: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        found: dict[str, Split] = {}
        for text, cut in self._precise_cuts(texts).items():
            whole: list[str] = []
            parts: list[str] = []
            for token in cut:
                read = known.get(token)
                if read is None:
                    read = known[token] = self._read_token(token, keep)
                word, inner = read
                if word is not None:
                    whole.append(word)
                if inner:
                    parts += inner
            found[text] = tuple(whole), tuple(parts)
        return found

    def _read_token(
        self, token: str, keep: Callable[[str], bool] | None
    ) -> tuple[str | None, tuple[str, ...]]:
        """(canonical word or None, inner words) of one token of a precise cut, interned, as
        `meaningful` and `with_parts` read it."""
        if token in STOP_WORDS:
            return None, ()
        word = sys.intern(self.canonical(token))
        inner = tuple(sys.intern(p) for p in self._parts(word) if keep is None or keep(p))
        return (word if keep is None or keep(word) else None), inner

    def _precise_cuts(self, texts: Iterable[str]) -> dict[str, list[str]]:
        """jieba's precise cut (HMM off) of each space-free text, computed the way jieba does
        but sharing work between texts that end alike.

        jieba picks, right to left, the most probable route from each position to the end, and
        that choice depends only on the text from that position on. Texts sorted by their
        reversal put 禾风加厚卫衣 next to 云朵加厚卫衣, so the routes through their common end
        (加厚卫衣) are computed once. A catalogue's names repeat their endings (kinds, models)
        endlessly; at 100,000 names this is about three times faster than cutting each one.
        Texts jieba would split into several blocks (rare characters, symbols) go to jieba.
        """
        tokenizer = self._tokenizer
        log_total = math.log(tokenizer.total)
        weights: dict[str, float] = {}
        cuts: dict[str, list[str]] = {}
        previous = ""
        # routes[d]: (log probability, length of the first word) of the best route from the
        # position d characters before the end of the current text.
        routes: list[tuple[float, int]] = [(0.0, 0)]
        for backwards in sorted({text[::-1] for text in texts}):
            text = backwards[::-1]
            if not _JIEBA_BLOCK.fullmatch(text):
                cuts[text] = self.cut(text)
                continue
            size = len(text)
            shared = 0
            limit = min(size, len(previous))
            while shared < limit and backwards[shared] == previous[shared]:
                shared += 1
            del routes[shared + 1 :]
            for distance in range(shared + 1, size + 1):
                routes.append(self._best_step(text, size - distance, routes, weights, log_total))
            previous = backwards
            cuts[text] = _words_of_route(text, routes)
        return cuts

    def _best_step(
        self,
        text: str,
        start: int,
        routes: list[tuple[float, int]],
        weights: dict[str, float],
        log_total: float,
    ) -> tuple[float, int]:
        """jieba's `calc` at one position: the best (log probability, word length) over the
        dictionary words starting there (its `get_DAG`), or the single character. The floats
        are added in jieba's order, so ties resolve exactly as jieba resolves them."""
        freq: dict[str, int] = self._tokenizer.FREQ
        size = len(text)
        distance = size - start
        best: tuple[float, int] | None = None
        end = start
        fragment = text[start]
        while end < size and fragment in freq:
            if freq[fragment]:
                weight = weights.get(fragment)
                if weight is None:
                    weight = weights[fragment] = math.log(freq[fragment]) - log_total
                length = end - start + 1
                step = (weight + routes[distance - length][0], length)
                if best is None or step > best:
                    best = step
            end += 1
            fragment = text[start : end + 1]
        if best is None:
            char = text[start]
            weight = weights.get(char)
            if weight is None:
                weight = weights[char] = math.log(freq.get(char) or 1) - log_total
            best = (weight + routes[distance - 1][0], 1)
        return best

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


def _words_of_route(text: str, routes: list[tuple[float, int]]) -> list[str]:
    """The words along the best route, single letters and digits run together as jieba does."""
    words: list[str] = []
    letters = ""
    at, size = 0, len(text)
    while at < size:
        length = routes[size - at][1]
        word = text[at : at + length]
        if length == 1 and _JIEBA_ENG.match(word):
            letters += word
        else:
            if letters:
                words.append(letters)
                letters = ""
            words.append(word)
        at += length
    if letters:
        words.append(letters)
    return words
