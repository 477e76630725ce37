"""A small linear intent classifier, trained at load time on the shop's own phrasings.

The intent examples and FAQ questions (through each FAQ's intent) are the training set; features
are the characters, character pairs and triples of the folded message (robust when jieba cuts a
paraphrase differently, and when a shopper mistypes one character) plus its jieba words. Where the
nearest-example similarity only rewards messages that look like one example, the weights
generalise over all of them: 发票 and 抬头 pull towards invoice in any sentence.

The model is multinomial naive Bayes with Lidstone smoothing, which is linear in the same
features as logistic regression but trains in one counting pass: a few milliseconds for the demo
shop, where the logistic regression this replaced took one to three seconds of every build (and
was no more accurate on the dev set, knowledge/README.md). The feature space is bounded
(`MAX_FEATURES`, the most frequent ones) and so is the share of FAQ questions, so a shop with
thousands of FAQ entries builds no slower and holds no more than a few megabytes. Naive Bayes is
overconfident on long texts, because it counts every n-gram as independent evidence; the scores
are therefore scaled by `TEMPERATURE / sqrt(features)` before the softmax.

The classifier is one source of evidence among the others (scoring.py), never the decider alone:
its probability counts only above a floor, so an unfamiliar message still falls back.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

SMOOTHING = 0.1
"""Lidstone's alpha: a feature never seen with an intent still has a little probability."""
TEMPERATURE = 0.8
MAX_FEATURES = 40_000
"""Features kept (the most frequent); the demo shop has about 12,000."""
MAX_FEATURES_PER_TEXT = 200
MAX_FAQ_SAMPLES = 300
"""FAQ questions used per intent: the examples speak for an intent, thousands of FAQ questions
would only drown them (and slow the build)."""


def features(folded: str, tokens: Sequence[str]) -> list[str]:
    """Character 1-3 grams of the folded text without spaces, and its words."""
    text = folded.replace(" ", "")
    found = [text[i : i + n] for n in (1, 2, 3) for i in range(len(text) - n + 1)]
    found += [f"w:{t}" for t in tokens]
    return list(dict.fromkeys(found))[:MAX_FEATURES_PER_TEXT]


def training_set(
    examples: Sequence[tuple[str, str]], faq_questions: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Every example, and at most `MAX_FAQ_SAMPLES` FAQ questions per intent (evenly spread)."""
    by_intent: dict[str, list[tuple[str, str]]] = {}
    for label, text in faq_questions:
        by_intent.setdefault(label, []).append((label, text))
    samples = list(examples)
    for found in by_intent.values():
        step = max(1, math.ceil(len(found) / MAX_FAQ_SAMPLES))
        samples += found[::step]
    return samples


class IntentClassifier:
    """Multinomial naive Bayes over sparse text features, tempered into probabilities."""

    def __init__(self, samples: Sequence[tuple[str, list[str]]]) -> None:
        """`samples` are (intent id, the features of one phrasing)."""
        self.labels: tuple[str, ...] = tuple(sorted({label for label, _ in samples}))
        self._weights: dict[str, tuple[tuple[int, float], ...]] = {}
        self._unseen: list[float] = []
        self._prior: list[float] = []
        if len(self.labels) > 1:
            self._fit([(self.labels.index(label), feats) for label, feats in samples])

    def _fit(self, data: list[tuple[int, list[str]]]) -> None:
        k = len(self.labels)
        frequency: Counter[str] = Counter(f for _, feats in data for f in feats)
        kept = {f for f, _ in frequency.most_common(MAX_FEATURES)}
        counts: dict[str, dict[int, float]] = {}
        totals = [0.0] * k
        docs = [0] * k
        for gold, feats in data:
            docs[gold] += 1
            for feat in feats:
                if feat in kept:
                    row = counts.setdefault(feat, {})
                    row[gold] = row.get(gold, 0.0) + 1.0
                    totals[gold] += 1.0
        denominators = [math.log(totals[c] + SMOOTHING * len(counts)) for c in range(k)]
        # A feature never seen with an intent weighs log(alpha) - denominator there, the same
        # for every such feature; so each feature keeps only what it adds on top of that for
        # the one to three intents it was seen with, and a message costs a few additions per
        # feature instead of one per intent.
        self._unseen = [math.log(SMOOTHING) - d for d in denominators]
        self._weights = {
            feat: tuple(
                (c, math.log(n + SMOOTHING) - math.log(SMOOTHING)) for c, n in sorted(row.items())
            )
            for feat, row in counts.items()
        }
        self._prior = [math.log(d / len(data)) if d else -30.0 for d in docs]

    def predict(self, feats: Sequence[str]) -> dict[str, float]:
        """Probability per intent for a message's features (all intents seen in training)."""
        if len(self.labels) < 2:
            return {label: 1.0 for label in self.labels}
        rows = [w for f in feats if (w := self._weights.get(f)) is not None]
        if not rows:
            return {}
        n = len(rows)
        scores = [p + n * u for p, u in zip(self._prior, self._unseen, strict=True)]
        for row in rows:
            for c, extra in row:
                scores[c] += extra
        scale = TEMPERATURE / math.sqrt(n)
        top = max(scores)
        exps = [math.exp((s - top) * scale) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}
