"""The three answers a matcher can give, and the thresholds between them.

- act: confident enough to run the intent's dialog (or send the FAQ answer) unasked;
- clarify: two readings are close, or the best one is only probable: ask which one was meant;
- fallback: say plainly that the bot did not understand, and offer a human.

The numbers were chosen on the dev sets (knowledge/README.md, "Choosing the thresholds"):
`fallback_below` trades wrong answers against unanswered messages on the labelled customer
messages, and the margin keeps a message that mentions two asks from being acted on at random.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Band = Literal["act", "clarify", "fallback"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    act_at: float = 0.70
    """Top intent score needed to act."""
    margin: float = 0.12
    """Lead over the runner-up needed to act; closer than this, ask."""
    fallback_below: float = 0.40
    """Below this top score the matcher falls back."""
    faq_min: float = 0.55
    """FAQ similarity needed to offer an FAQ answer at all."""
    faq_strong: float = 0.80
    """FAQ similarity at which its answer is offered even if its intent is not the top one."""
    product_min: float = 0.50
    """Product score needed to list a product."""
    product_entity: float = 0.80
    """Product score needed to count the product as named (Entities.skus)."""
    product_margin: float = 0.03
    """Two products closer than this are ambiguous for an intent about one product."""


DEFAULT_THRESHOLDS = Thresholds()


def band_for(top: float, runner_up: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Band:
    """Band from the best and second-best intent scores."""
    if top < thresholds.fallback_below:
        return "fallback"
    if top >= thresholds.act_at and top - runner_up >= thresholds.margin:
        return "act"
    return "clarify"
