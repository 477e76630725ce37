"""A campaign's payload as stored in the database: audience, content, and whom to report to.

    {"target": "groups:老客", "content": {"text": "...", "card": {...} | null}, "sku": "",
     "notify": "zhangsan"}

Staff campaigns snapshot the product card when confirmed; config campaigns name only the SKU and
take the card from the catalogue at each run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.broadcast.audience import Audience
from bot.broadcast.content import Card, Content
from bot.config import CampaignConfig
from bot.services import Services

KIND_BROADCAST = "broadcast"
KIND_CONFIG = "config"
CONFIG_ACTOR = "config"


class ProductMissing(Exception):
    def __init__(self, sku: str) -> None:
        super().__init__(f"商品 {sku} 不在当前商品库中")
        self.sku = sku


@dataclass(frozen=True)
class CampaignSpec:
    audience: Audience
    content: Content
    sku: str = ""
    notify: str = ""  # the staff member who asked for it; "" for config campaigns

    def to_payload(self) -> dict[str, Any]:
        return {
            "target": str(self.audience),
            "content": self.content.to_json(),
            "sku": self.sku,
            "notify": self.notify,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CampaignSpec:
        content = payload.get("content")
        return cls(
            Audience.parse(str(payload.get("target", "groups"))),
            Content.from_json(content if isinstance(content, dict) else {}),
            str(payload.get("sku", "")),
            str(payload.get("notify", "")),
        )

    @classmethod
    def from_config(cls, campaign: CampaignConfig) -> CampaignSpec:
        return cls(Audience.parse(campaign.target), Content(campaign.text), campaign.sku)

    def resolved(self, services: Services) -> CampaignSpec:
        """With the product card filled in from the catalogue when only the SKU is known."""
        if not self.sku or self.content.card is not None:
            return self
        card = card_for(services, self.sku)
        return CampaignSpec(self.audience, Content(self.content.text, card), self.sku, self.notify)


def card_for(services: Services, sku: str) -> Card:
    products = services.knowledge.current.kb.products
    product = products.get(sku) or products.get(sku.strip().upper())
    if product is None:
        raise ProductMissing(sku)
    return Card.of(product)
