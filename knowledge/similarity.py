"""How alike two short questions are: the score FAQ answers and intent examples are ranked by.

Three parts, each 0..1:
- rapidfuzz's `ratio` on the texts (edit-based: word order, near-misses, typos);
- a Dice overlap of characters weighted by their IDF in the shop's own questions (rare characters
  such as 票 or 退 count more than 我 or 的): robust when jieba cuts a question and its paraphrase
  differently;
- the same overlap over words, which lets the shop's own vocabulary (专票, 运费险) outweigh a
  near-identical generic question.
The blend is then lowered when the two questions differ in what decides the answer although
most characters are shared (`contrast_marks`): one says 不/没 and the other does not, or they ask
different things (为什么 against 什么时候). Penalties for different actions (退/换/取消) and
different numbers were measured too and left out: they moved neither BQ nor the shop's FAQ set,
or cost a held-out shop answer (figures in knowledge/README.md).
On the BQ re-ranking dev set the blend beats plain `fuzz.ratio` (figures in knowledge/README.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.lexicon import STOP_WORDS

RATIO_WEIGHT = 0.28
CHAR_WEIGHT = 0.52
WORD_WEIGHT = 0.20

NEGATION_PENALTY = 0.35
"""不/没/未/别 on one side only: 为什么不能开通 / 为什么能开通 ask opposite things."""
ASK_PENALTY = 0.25
"""Both ask something, but different things: why against when against how much."""
_ASKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Longest and most specific first: a found word is blanked, so 怎么会 is "why", not "how".
    ("why", ("为什么", "为何", "为啥", "怎么会", "咋会", "凭什么", "干嘛")),
    ("when", ("什么时候", "多长时间", "多久", "几天", "几号", "哪天")),
    ("much", ("多少", "几个", "几件")),
    ("can", ("能不能", "可不可以", "可以", "能否", "是否", "行不行", "可否")),
    ("where", ("哪里", "在哪", "哪儿")),
    ("how", ("怎么", "如何", "怎样", "咋")),
)
_NEGATION = re.compile(r"[不没未别]")
_NOT_NEGATIONS = re.compile(r"(.)[不没]\1|[不没]$|了没有$")
"""能不能, 有没有, 是不是, and 包邮不 / 发货了没(有) at the end: questions, not negations
(为什么没有 at the end is one)."""


@dataclass(frozen=True, slots=True)
class Marks:
    """What in a question decides its answer beyond the words it shares with another."""

    negated: bool
    asks: frozenset[str]


def contrast_marks(text: str) -> Marks:
    """Negation and question kinds of a stripped, synonym-folded question."""
    negated = bool(_NEGATION.search(_NOT_NEGATIONS.sub("", text)))
    asks: set[str] = set()
    rest = text
    for kind, words in _ASKS:
        for word in words:
            if word in rest:
                asks.add(kind)
                rest = rest.replace(word, " ")
    return Marks(negated, frozenset(asks))


def contrast(a: Marks, b: Marks) -> float:
    """The share (0..1] of the similarity left after the differences that change the answer."""
    kept = 1.0
    if a.negated != b.negated:
        kept *= 1.0 - NEGATION_PENALTY
    if a.asks and b.asks and not a.asks & b.asks:
        kept *= 1.0 - ASK_PENALTY
    return kept


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
    marks: Marks


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
        marks = contrast_marks(text)
        return Phrase(text, chars, sum(chars.values()), words, sum(words.values()), marks)

    def similarity(self, a: Phrase, b: Phrase) -> float:
        """0..1; 1 for the same characters in the same order."""
        if not a.text or not b.text:
            return 0.0
        chars = _dice(a.chars, a.char_total, b.chars, b.char_total)
        words = _dice(a.words, a.word_total, b.words, b.word_total)
        ratio = fuzz.ratio(a.text, b.text) / 100.0
        blend = RATIO_WEIGHT * ratio + CHAR_WEIGHT * chars + WORD_WEIGHT * words
        return blend * contrast(a.marks, b.marks)
