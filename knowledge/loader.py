"""Load a shop's knowledge directory into one validated `KnowledgeBase`, or fail with every problem.

Files (formats in knowledge/README.md): shop.toml, products.csv, faq.toml, intents.toml,
synonyms.txt and the optional promotions.toml, shipping.toml, carriers.toml and facts.toml.
Nothing is read at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from knowledge.carriers import load_carriers
from knowledge.errors import KnowledgeError
from knowledge.facts_file import SIZE_SPEC, load_facts
from knowledge.model import KnowledgeBase, Product
from knowledge.products_file import load_products
from knowledge.shipping_file import load_shipping
from knowledge.sources import Problems
from knowledge.tables import load_faqs, load_intents, load_promotions, load_shop, load_synonyms

DEMO_SHOP_DIR = Path(__file__).parent / "demo_shop"
"""The demo shop shipped as package data; `load_knowledge(None)` loads it."""

FILES = ("shop.toml", "products.csv", "faq.toml", "intents.toml", "synonyms.txt")
OPTIONAL_FILES = ("promotions.toml", "facts.toml")


def _with_facts(
    products: dict[str, Product], facts: Mapping[str, Mapping[str, str]]
) -> dict[str, Product]:
    return {sku: replace(p, facts=facts[sku]) if sku in facts else p for sku, p in products.items()}


def load_knowledge(path: Path | None = None) -> KnowledgeBase:
    """Read and validate a knowledge directory (None: the demo shop).

    Raises `KnowledgeError` listing every problem with its file and line; never returns a partly
    valid knowledge base, because a bot answering from half a catalogue is worse than one that
    refuses to start.
    """
    folder = Path(path) if path is not None else DEMO_SHOP_DIR
    problems = Problems()
    if not folder.is_dir():
        problems.add(str(folder), 1, "knowledge directory does not exist")
        raise KnowledgeError(problems.items)
    shop_name, categories = load_shop(folder / "shop.toml", problems)
    known = set(categories)
    catalogue = load_products(folder / "products.csv", known, problems)
    products = catalogue.products
    faqs = load_faqs(folder / "faq.toml", problems)
    intents, noise = load_intents(folder / "intents.toml", problems)
    synonyms = load_synonyms(folder / "synonyms.txt", problems)
    promotions, coupons = load_promotions(folder / "promotions.toml", known, problems)
    sizes = {p.sku: p.specs[SIZE_SPEC] for p in products.values() if SIZE_SPEC in p.specs}
    tags = {t for p in products.values() for t in p.tags} if products else None
    facts = load_facts(folder / "facts.toml", catalogue.skus, problems, sizes, tags)
    shipping = load_shipping(folder, products, known, problems)
    carriers = load_carriers(folder, problems)
    if problems.items:
        raise KnowledgeError(problems.items)
    return KnowledgeBase(
        shop_name=shop_name,
        categories=categories,
        products=MappingProxyType(_with_facts(products, facts.by_sku)),
        faqs=MappingProxyType(faqs),
        intents=MappingProxyType(intents),
        synonyms=synonyms,
        noise=noise,
        topics=facts.topics,
        attribute_words=facts.attribute_words,
        recipient_words=facts.recipient_words,
        promotions=promotions,
        coupons=MappingProxyType(coupons),
        source=folder,
        shipping=shipping,
        carriers=carriers,
        warnings=tuple(problems.warnings),
    )
