"""Inverted index: from a message's words to the few documents worth scoring.

Re-ranking with rapidfuzz costs about a microsecond a pair, so scoring all 100,000 products for
every message would take ~100 ms. Instead each word maps to the documents containing it, and only
documents sharing a reasonably rare word with the message become candidates. Words found in more
than `enumerate_cap` documents (女, 新款) are not walked: they still count when a candidate is
re-ranked, but they never make a document a candidate on their own, which bounds the work per
message whatever the catalogue size.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidates:
    """Document ids worth re-ranking, best first, and how many documents the lookup touched."""

    ids: list[int]
    touched: int


class InvertedIndex:
    """Postings (as compact `array('I')`) and IDF for one collection of tokenised documents."""

    def __init__(self, docs: Sequence[Iterable[str]], *, enumerate_cap: int = 2000) -> None:
        lists: dict[str, list[int]] = {}
        for doc_id, terms in enumerate(docs):
            for term in set(terms):
                lists.setdefault(term, []).append(doc_id)
        self._fill(lists, len(docs), enumerate_cap)

    @classmethod
    def from_postings(
        cls, lists: Mapping[str, list[int]], size: int, *, enumerate_cap: int = 2000
    ) -> InvertedIndex:
        """The index of `size` documents from postings made by the caller (each a list of
        distinct document ids in increasing order), which can fill them while it reads the
        documents for other reasons: one pass over a large catalogue instead of two."""
        index = cls.__new__(cls)
        index._fill(lists, size, enumerate_cap)
        return index

    def _fill(self, lists: Mapping[str, list[int]], size: int, enumerate_cap: int) -> None:
        self.size = size
        self.enumerate_cap = enumerate_cap
        self._postings = {term: array("I", ids) for term, ids in lists.items()}
        # Most terms of a catalogue are in one document or a few: their weight is computed once.
        weights: dict[int, float] = {}
        self._idf = {}
        for term, ids in lists.items():
            df = len(ids)
            weight = weights.get(df)
            if weight is None:
                weight = weights[df] = self._weight(df)
            self._idf[term] = weight

    def _weight(self, df: int) -> float:
        return math.log((self.size + 1) / (df + 0.5)) + 1.0

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def idf(self, term: str) -> float:
        """IDF of a known term; unknown terms weigh like a term seen once."""
        return self._idf.get(term) or self._weight(1)

    def df(self, term: str) -> int:
        postings = self._postings.get(term)
        return 0 if postings is None else len(postings)

    def candidates(self, terms: Iterable[str], limit: int) -> Candidates:
        """Up to `limit` documents sharing the most IDF weight of rare-enough `terms` with the query.

        When every known term is too common to walk, the first `limit` documents of the rarest
        one are returned, so a vague query still gets an answer in bounded time.
        """
        known = sorted({t for t in terms if t in self._postings}, key=self.df)
        if not known:
            return Candidates([], 0)
        walked = [t for t in known if len(self._postings[t]) <= self.enumerate_cap]
        if not walked:
            head = list(self._postings[known[0]][:limit])
            return Candidates(head, len(head))
        scores: dict[int, float] = {}
        for postings, weights in self._runs(walked):
            if not scores:
                # The first documents seen: every one gets the same score, so it is set at C speed.
                total = 0.0
                for weight in weights:
                    total += weight
                scores = dict.fromkeys(postings, total)
                continue
            get = scores.get
            if len(weights) == 1:
                weight = weights[0]
                for doc_id in postings:
                    scores[doc_id] = get(doc_id, 0.0) + weight
            else:
                for doc_id in postings:
                    score = get(doc_id, 0.0)
                    for weight in weights:
                        score += weight
                    scores[doc_id] = score
        # sorted() is stable, as nlargest is: equal scores keep the order documents were first
        # seen in; for the few thousand scores of a catalogue it is the faster of the two.
        # (Sorting the ids by their score, not (id, score) pairs: no pair is made per document.)
        best = sorted(scores, key=scores.__getitem__, reverse=True)[:limit]
        return Candidates(best, len(scores))

    def _runs(self, terms: list[str]) -> list[tuple[array[int], list[float]]]:
        """The terms' postings, consecutive terms with the same documents (保护套, 保护, 护套 of
        平板保护套) taken together with their weights in order: one walk adds them all, in the
        order one walk per term would, so every score is the same float."""
        runs: list[tuple[array[int], list[float]]] = []
        for term in terms:
            postings = self._postings[term]
            if runs and runs[-1][0] == postings:
                runs[-1][1].append(self._idf[term])
            else:
                runs.append((postings, [self._idf[term]]))
        return runs
