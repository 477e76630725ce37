"""The shop's knowledge (catalogue, FAQ, intents, synonyms, promotions) and the matcher on it.

Nothing here does I/O at import: `load_knowledge()` reads files, `Matcher(kb)` builds the index.
"""

from knowledge.entities import Entities
from knowledge.errors import KbIssue, KnowledgeError
from knowledge.holder import KnowledgeHolder, KnowledgeSnapshot
from knowledge.loader import DEMO_SHOP_DIR, load_knowledge
from knowledge.matcher import FaqHit, Matcher, MatchResult
from knowledge.model import (
    INTENT_IDS,
    INTENT_NAMES,
    Coupon,
    Faq,
    Intent,
    IntentId,
    KnowledgeBase,
    Product,
    Promotion,
    SynonymGroup,
)
from knowledge.products import ProductHit

__all__ = [
    "DEMO_SHOP_DIR",
    "INTENT_IDS",
    "INTENT_NAMES",
    "Coupon",
    "Entities",
    "Faq",
    "FaqHit",
    "Intent",
    "IntentId",
    "KbIssue",
    "KnowledgeBase",
    "KnowledgeError",
    "KnowledgeHolder",
    "KnowledgeSnapshot",
    "MatchResult",
    "Matcher",
    "Product",
    "ProductHit",
    "Promotion",
    "SynonymGroup",
    "load_knowledge",
]
