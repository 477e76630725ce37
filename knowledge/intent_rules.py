"""Keyword, hint and pattern evidence for each intent, from intents.toml.

All keywords of all intents (and their synonyms) go into one trie-shaped regex, so a message is
scanned once; at each position the longest keyword wins (退货地址 over 退货, 退差价 over 差价).
Evidence from several matches combines as a noisy OR: two hints are stronger than one, but
nothing reaches 1. A match late in a long message weighs a little less, because shoppers put the
ask first and context after it (the labelling guide's rule R14).

Keywords must start and end on jieba word boundaries: 什么时候到 does not fire inside 什么时候到账
(到账 is one word), and one-character words (退, 改) count only as whole tokens, not inside 需要.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from knowledge.model import Intent
from knowledge.trie import trie_regex

KEYWORD_WEIGHT = 0.8
WEAK_KEYWORD_WEIGHT = 0.7
HINT_WEIGHT = 0.35
PATTERN_WEIGHT = 0.85
WEAK_PATTERN_WEIGHT = 0.75
POSITION_DECAY = 0.15
"""A match at the very end of a message weighs (1 - POSITION_DECAY) of one at the start."""


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    intent: str
    weight: float

    def inside(self, other: _Span) -> bool:
        """Strictly inside: the same stretch of text matched for two intents counts for both."""
        contained = other.start <= self.start and self.end <= other.end
        return contained and other.end - other.start > self.end - self.start


def _outermost(spans: list[_Span]) -> list[_Span]:
    """Drop evidence lying inside a longer match for another intent: in 还没发货就不要了 the
    cancel pattern covers 发货, which then says nothing about delivery status."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: s.end - s.start, reverse=True):
        if not any(span.inside(k) and k.intent != span.intent for k in kept):
            kept.append(span)
    return kept


_QUESTION_ENDS = ("吗", "么", "嘛")


def _asked_alike(word: str) -> tuple[str, ...]:
    """`word` and, when it ends as a yes/no question, the same question with the other final
    particles shoppers type for 吗 (有货么, 能退嘛): the keyword 有货吗 is the same ask."""
    if len(word) < 2 or not word.endswith(_QUESTION_ENDS):
        return (word,)
    stem = word[:-1]
    return (word, *(stem + end for end in _QUESTION_ENDS if stem + end != word))


class IntentRules:
    """Spots keywords, hints and patterns; returns evidence per intent in 0..1."""

    def __init__(self, intents: Mapping[str, Intent], synonyms_of: Callable[[str], list[str]]):
        self._words: dict[str, list[tuple[str, float]]] = {}
        self._patterns: list[tuple[str, re.Pattern[str], float]] = []
        for intent in intents.values():
            strong = WEAK_KEYWORD_WEIGHT if intent.weak else KEYWORD_WEIGHT
            self._add(intent.id, intent.keywords, strong, synonyms_of)
            self._add(intent.id, intent.hints, HINT_WEIGHT, synonyms_of)
            if intent.patterns:
                joined = "|".join(f"(?:{p})" for p in intent.patterns)
                weight = WEAK_PATTERN_WEIGHT if intent.weak else PATTERN_WEIGHT
                self._patterns.append((intent.id, re.compile(joined), weight))
        longer = trie_regex(w for w in self._words if len(w) > 1)
        # A lookahead finds the longest keyword at every position, overlapping ones included.
        self._regex = re.compile(f"(?=({longer.pattern}))") if longer else None

    def _add(
        self,
        intent: str,
        words: Iterable[str],
        weight: float,
        synonyms_of: Callable[[str], list[str]],
    ) -> None:
        for word in words:
            for variant in (v for said in synonyms_of(word) for v in _asked_alike(said)):
                entries = self._words.setdefault(variant.casefold(), [])
                if all(existing != intent for existing, _ in entries):
                    entries.append((intent, weight))

    def keywords(self) -> dict[str, frozenset[str]]:
        """Every strong keyword (and synonym of one), with the intents it is a keyword of."""
        return {
            word: frozenset(intent for intent, weight in entries if weight > HINT_WEIGHT)
            for word, entries in self._words.items()
            if any(weight > HINT_WEIGHT for _, weight in entries)
        }

    def evidence(self, normalized: str, tokens: Iterable[str] = ()) -> dict[str, float]:
        """Noisy-OR evidence per intent from every keyword, hint and pattern in the message;
        `tokens` (the raw jieba cut) is where one-character words are looked up."""
        missing: dict[str, float] = {}
        length = max(len(normalized), 1)
        for span in _outermost(self._spans(normalized, tokens)):
            decay = 1.0 - POSITION_DECAY * span.start / length
            missing[span.intent] = missing.get(span.intent, 1.0) * (1.0 - span.weight * decay)
        return {intent: 1.0 - rest for intent, rest in missing.items()}

    def inside_a_name(
        self, normalized: str, tokens: Iterable[str], name: tuple[int, int]
    ) -> frozenset[str]:
        """Intents with a word strictly inside the stretch `name` (机器人 in 扫地机器人): there the
        word is part of a longer name, and says nothing of its own."""
        start, end = name
        return frozenset(
            span.intent
            for span in self._spans(normalized, tokens)
            if start <= span.start and span.end <= end and end - start > span.end - span.start
        )

    def covered(self, normalized: str, tokens: Iterable[str], intents: frozenset[str]) -> int:
        """Characters of the message that words, hints or patterns of `intents` account for."""
        chars: set[int] = set()
        for span in self._spans(normalized, tokens):
            if span.intent in intents:
                chars.update(range(span.start, span.end))
        return len(chars)

    def _spans(self, normalized: str, tokens: Iterable[str]) -> list[_Span]:
        spans: list[_Span] = []
        bounds = {0, len(normalized)}
        cursor = 0
        for token in tokens:
            at = normalized.find(token, cursor)
            if at < 0:
                continue
            cursor = at + len(token)
            bounds.update((at, cursor))
            if len(token) == 1:
                for intent, weight in self._words.get(token, ()):
                    spans.append(_Span(at, at + 1, intent, weight))
        if self._regex is not None:
            for match in self._regex.finditer(normalized):
                start, end = match.start(1), match.end(1)
                if start in bounds and end in bounds:
                    for intent, weight in self._words[match.group(1)]:
                        spans.append(_Span(start, end, intent, weight))
        for intent, pattern, weight in self._patterns:
            found = pattern.search(normalized)
            if found and found.end() > found.start():
                spans.append(_Span(found.start(), found.end(), intent, weight))
        return spans
