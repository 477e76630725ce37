"""A small linear intent classifier, trained at load time on the shop's own phrasings.

The intent examples and FAQ questions (through each FAQ's intent) are the training set; features
are the characters, character pairs and triples of the folded message (robust when jieba cuts a
paraphrase differently, and when a shopper mistypes one character) plus its jieba words. The model
is multinomial logistic regression fitted with a few passes of AdaGrad SGD: about half a second
for a couple of thousand phrasings, in pure Python, so a reload stays quick and no numeric
library is needed. Where the nearest-example similarity only rewards messages that look like one
example, the weights generalise over all of them: 发票 and 抬头 pull towards invoice in any
sentence.

The classifier is one source of evidence among the others (scoring.py), never the decider alone:
its probability counts only above `EVIDENCE_FLOOR`, so an unfamiliar message still falls back.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

EPOCHS = 5
LEARNING_RATE = 0.8
L2 = 1e-5
ACTIVE = 0.01
"""Gradients smaller than this are skipped (they would barely move a weight)."""
SEED = 7
MAX_FEATURES_PER_TEXT = 200


def features(folded: str, tokens: Sequence[str]) -> list[str]:
    """Character 1-3 grams of the folded text without spaces, and its words."""
    text = folded.replace(" ", "")
    found = [text[i : i + n] for n in (1, 2, 3) for i in range(len(text) - n + 1)]
    found += [f"w:{t}" for t in tokens]
    return list(dict.fromkeys(found))[:MAX_FEATURES_PER_TEXT]


class IntentClassifier:
    """Multinomial logistic regression over sparse text features."""

    def __init__(
        self,
        samples: Sequence[tuple[str, str]],
        featurize: Callable[[str], list[str]],
    ) -> None:
        """`samples` are (intent id, raw text); `featurize` turns a raw text into features."""
        self._featurize = featurize
        self.labels: tuple[str, ...] = tuple(sorted({label for label, _ in samples}))
        self._weights: dict[str, list[float]] = {}
        self._bias = [0.0] * len(self.labels)
        if len(self.labels) > 1:
            self._fit([(self.labels.index(label), featurize(text)) for label, text in samples])

    def _fit(self, data: list[tuple[int, list[str]]]) -> None:
        k = len(self.labels)
        weights = self._weights
        order = random.Random(SEED)
        for epoch in range(EPOCHS):
            rate = LEARNING_RATE / math.sqrt(1 + epoch)
            order.shuffle(data)
            for gold, feats in data:
                probs = self._probabilities(feats)
                probs[gold] -= 1.0
                # Only classes with a real gradient are touched: after the first pass most
                # probabilities are tiny, which keeps the fit well under a second.
                active = [(c, rate * g) for c, g in enumerate(probs) if g > ACTIVE or g < -ACTIVE]
                scale = 1.0 / math.sqrt(len(feats) or 1)
                for c, step in active:
                    self._bias[c] -= step
                for feat in feats:
                    w = weights.get(feat)
                    if w is None:
                        w = weights[feat] = [0.0] * k
                    for c, step in active:
                        w[c] -= step * scale + L2 * w[c]

    def _probabilities(self, feats: Sequence[str]) -> list[float]:
        scores = list(self._bias)
        k = len(scores)
        weights = self._weights
        scale = 1.0 / math.sqrt(len(feats) or 1)
        for feat in feats:
            w = weights.get(feat)
            if w is not None:
                for c in range(k):
                    scores[c] += w[c] * scale
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, text: str) -> dict[str, float]:
        """Probability per intent for a raw text (all intents seen in training)."""
        if len(self.labels) < 2:
            return {label: 1.0 for label in self.labels}
        feats = [f for f in self._featurize(text) if f in self._weights]
        if not feats:
            return {}
        return dict(zip(self.labels, self._probabilities(feats), strict=True))
