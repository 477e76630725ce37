"""Short texts with a label (FAQ questions → FAQ id, intent examples → intent id), and the search
that finds the most similar ones: words pick candidates from an inverted index, then the
character-level similarity of similarity.py re-ranks them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge.index import InvertedIndex
from knowledge.similarity import PhraseScorer, strip_text

CANDIDATES = 16
"""Phrases re-ranked per message; more than enough for a shop's FAQ and examples."""


def bigrams(folded: str) -> list[str]:
    """Character pairs: they find a paraphrase even when jieba cuts it into different words."""
    text = strip_text(folded)
    return [text[i : i + 2] for i in range(len(text) - 1)] or ([text] if text else [])


@dataclass(frozen=True, slots=True)
class PhraseHit:
    label: str
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class PhraseQuery:
    """A message prepared once and used against several phrase indexes: its folded text, and its
    words plus character pairs as index terms."""

    folded: str
    words: tuple[str, ...]
    terms: tuple[str, ...]


class PhraseIndex:
    """Labelled phrases, searchable by similarity; built once per knowledge load."""

    def __init__(
        self,
        items: Sequence[tuple[str, str]],
        prepare: Callable[[str], str],
        tokens: Callable[[str], list[str]],
    ) -> None:
        """`items` are (label, raw text); `prepare` folds a raw text the same way as messages."""
        folded = [prepare(text) for _, text in items]
        words = [tokens(text) for text in folded]
        self._labels = [label for label, _ in items]
        self._texts = [text for _, text in items]
        self._scorer = PhraseScorer(list(zip(folded, words, strict=True)))
        self._phrases = [self._scorer.phrase(t, w) for t, w in zip(folded, words, strict=True)]
        self._index = InvertedIndex(
            [w + bigrams(t) for t, w in zip(folded, words, strict=True)], enumerate_cap=400
        )

    def __len__(self) -> int:
        return len(self._labels)

    def search(self, query: PhraseQuery, limit: int = CANDIDATES) -> tuple[list[PhraseHit], int]:
        """Best hit per label, best first, and the number of phrases scored."""
        found = self._index.candidates(query.terms, limit)
        if not found.ids:
            return [], 0
        phrase = self._scorer.phrase(query.folded, query.words)
        # (score, phrase) of the best phrase per label; hits are made for those only.
        best: dict[str, tuple[float, int]] = {}
        for doc_id in found.ids:
            score = self._scorer.similarity(phrase, self._phrases[doc_id])
            label = self._labels[doc_id]
            kept = best.get(label)
            if kept is None or score > kept[0]:
                best[label] = (score, doc_id)
        ranked = sorted(best.items(), key=lambda item: item[1][0], reverse=True)
        hits = [PhraseHit(label, self._texts[doc_id], score) for label, (score, doc_id) in ranked]
        return hits, len(found.ids)
