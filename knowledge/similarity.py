"""How alike two short questions are: the score FAQ answers and intent examples are ranked by.

Three parts, each 0..1:
- rapidfuzz's `ratio` on the texts (edit-based: word order, near-misses, typos);
- a Dice overlap of characters weighted by their IDF in the shop's own questions (rare characters
  such as 票 or 退 count more than 我 or 的): robust when jieba cuts a question and its paraphrase
  differently;
- the same overlap over words, which lets the shop's own vocabulary (专票, 运费险) outweigh a
  near-identical generic question.
On the BQ re-ranking dev set the blend beats plain `fuzz.ratio` (figures in knowledge/README.md).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.lexicon import STOP_WORDS

RATIO_WEIGHT = 0.28
CHAR_WEIGHT = 0.52
WORD_WEIGHT = 0.20


def strip_text(text: str) -> str:
    """Characters that carry meaning: no spaces, no particles."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in STOP_WORDS)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A question prepared once for fast comparison."""

    text: str
    chars: dict[str, float]
    char_total: float
    words: dict[str, float]
    word_total: float


class _Idf:
    def __init__(self, docs: Iterable[Iterable[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for items in docs:
            df.update(set(items))
            n += 1
        self._n = n
        self._idf = {item: self._weight(count) for item, count in df.items()}
        self._unseen = self._weight(0)

    def _weight(self, count: int) -> float:
        return math.log((self._n + 1) / (count + 1)) + 1.0

    def weights(self, items: Iterable[str]) -> dict[str, float]:
        return {k: c * self._idf.get(k, self._unseen) for k, c in Counter(items).items()}


def _dice(a: dict[str, float], a_total: float, b: dict[str, float], b_total: float) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = 0.0
    for key, weight in small.items():
        other = large.get(key)
        if other is not None:
            shared += weight if weight < other else other
    return 2.0 * shared / (a_total + b_total)


class PhraseScorer:
    """Character and word IDF over one corpus of questions, and the similarity built on them."""

    def __init__(self, corpus: Sequence[tuple[str, Sequence[str]]]) -> None:
        """`corpus` holds (folded text, its tokens) for every question."""
        self._chars = _Idf(strip_text(text) for text, _ in corpus)
        self._words = _Idf(tokens for _, tokens in corpus)

    def phrase(self, folded: str, tokens: Sequence[str]) -> Phrase:
        text = strip_text(folded)
        chars = self._chars.weights(text)
        words = self._words.weights(tokens)
        return Phrase(text, chars, sum(chars.values()), words, sum(words.values()))

    def similarity(self, a: Phrase, b: Phrase) -> float:
        """0..1; 1 for the same characters in the same order."""
        if not a.text or not b.text:
            return 0.0
        chars = _dice(a.chars, a.char_total, b.chars, b.char_total)
        words = _dice(a.words, a.word_total, b.words, b.word_total)
        ratio = fuzz.ratio(a.text, b.text) / 100.0
        return RATIO_WEIGHT * ratio + CHAR_WEIGHT * chars + WORD_WEIGHT * words
