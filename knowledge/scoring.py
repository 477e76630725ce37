"""Turning evidence into one score per intent.

Evidence comes from four places: keywords/hints/patterns (intent_rules.py), the most similar intent
example, the most similar FAQ question (through the FAQ's intent) and a clearly named product
(product_search). They combine as a noisy OR, so agreeing evidence adds up without passing 1.
Then the weak intents (greeting, thanks, human) are damped when a concrete ask is present, and a
greeting is damped by thanks or a request for a human: "你好 人工" asks for a human.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SIMILARITY_FLOOR = 0.35
"""Phrase similarity that counts as no evidence at all."""
SIMILARITY_FULL = 0.90
"""Phrase similarity that counts as certain evidence."""
FAQ_WEIGHT = 0.9
PRODUCT_WEIGHT = 0.75
"""A message that only names a product (车厘子) is most likely a product search."""
STRONG_EVIDENCE = 0.8
"""Example evidence this strong counts as explicit, like a keyword."""
CONCRETE_OVERRIDE = 0.5
"""A concrete intent at or above this damps the weak ones..."""
WEAK_DAMPING = 0.45
"""...by this factor."""


def from_similarity(score: float) -> float:
    """Evidence (0..1) from a phrase similarity: linear between the floor and full."""
    span = SIMILARITY_FULL - SIMILARITY_FLOOR
    return min(1.0, max(0.0, (score - SIMILARITY_FLOOR) / span))


CLASSIFIER_FLOOR = 0.20
"""A classifier probability at or below this is no evidence..."""
CLASSIFIER_WEIGHT = 0.60
"""...and a certain one counts this much (it generalises, but it never saw this shop's shoppers)."""


def from_classifier(probabilities: Mapping[str, float]) -> dict[str, float]:
    """Evidence per intent from the classifier's probabilities: linear above the floor."""
    span = 1.0 - CLASSIFIER_FLOOR
    return {
        intent: CLASSIFIER_WEIGHT * (p - CLASSIFIER_FLOOR) / span
        for intent, p in probabilities.items()
        if p > CLASSIFIER_FLOOR
    }


def combine(sources: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Noisy OR of evidence per intent over all sources."""
    missing: dict[str, float] = {}
    for source in sources:
        for intent, evidence in source.items():
            missing[intent] = missing.get(intent, 1.0) * (1.0 - min(1.0, max(0.0, evidence)))
    return {intent: 1.0 - rest for intent, rest in missing.items()}


def damp_weak(
    scores: dict[str, float], weak: frozenset[str], explicit: Mapping[str, float]
) -> dict[str, float]:
    """Concrete asks beat greetings, thanks and 人工 (labelling guide R4 and R14).

    Only `explicit` evidence (keywords, patterns, a near-identical example) counts as a concrete
    ask here: a short 没有了呢 resembles many questions a little, and that must not silence it.
    """
    concrete = max((s for i, s in explicit.items() if i not in weak and i != "other"), default=0.0)
    damped = dict(scores)
    if concrete >= CONCRETE_OVERRIDE:
        for intent in weak & damped.keys():
            damped[intent] *= WEAK_DAMPING
    others = max((damped.get(i, 0.0) for i in weak if i != "greeting"), default=0.0)
    if "greeting" in damped and others >= CONCRETE_OVERRIDE:
        damped["greeting"] *= WEAK_DAMPING
    return damped


def ranked(scores: Mapping[str, float]) -> list[tuple[str, float]]:
    """Intents by score, best first; ties keep the order of the intents file."""
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)
