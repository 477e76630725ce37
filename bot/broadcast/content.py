"""What a broadcast says: text and/or one product card, shaped for each sending API.

The card is a snapshot taken when staff confirm, so what they previewed is what goes out even if
the catalogue is reloaded in between.

- WeCom 创建企业群发 (path 92135): `text.content` ≤ 4000 bytes, up to 9 attachments; the card
  is a `link` attachment (title, picurl, desc, url).
- OA 群发 (mass send): text only here (a news message needs an uploaded mpnews), so the card is
  written out as text.
- OA 客服消息: text, or news with exactly one article (45008 otherwise).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.model import Product

MAX_TEXT_BYTES = 4000
OPT_OUT_HINT = "回复“退订”不再接收促销消息"


@dataclass(frozen=True)
class Card:
    sku: str
    title: str
    description: str = ""
    image_url: str = ""
    url: str = ""
    price_fen: int = 0

    @classmethod
    def of(cls, product: Product) -> Card:
        # The product's page (H5, mini-program or 微信小店 link) opens on a tap; a product without
        # one (kb check warns) links its picture, so the card still opens something.
        return cls(
            sku=product.sku,
            title=f"{product.name} ¥{product.price_fen / 100:.2f}",
            description=product.description,
            image_url=product.image_url,
            url=product.page_url or product.image_url,
            price_fen=product.price_fen,
        )

    def as_text(self) -> str:
        lines = [f"【{self.title}】"]
        if self.description:
            lines.append(self.description)
        lines.append(f"商品编号 {self.sku}，回复编号即可了解或下单")
        return "\n".join(lines)


@dataclass(frozen=True)
class Content:
    text: str = ""
    card: Card | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "card": asdict(self.card) if self.card else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Content:
        card = data.get("card")
        return cls(str(data.get("text", "")), Card(**card) if isinstance(card, dict) else None)

    def checked_text(self) -> str:
        """Everything a customer reads, for the compliance check."""
        parts = [self.text]
        if self.card:
            parts += [self.card.title, self.card.description]
        return "\n".join(p for p in parts if p)

    def preview(self) -> str:
        parts = [self.text] if self.text else []
        if self.card:
            parts.append(f"[商品卡片] {self.card.title}")
        return "\n".join(parts)

    def group_task(self) -> dict[str, Any]:
        """The content fields of `add_msg_template` (chat_type and targets are added by the caller)."""
        body: dict[str, Any] = {}
        if self.text:
            body["text"] = {"content": _cut(self.text, MAX_TEXT_BYTES)}
        if self.card:
            link = {
                "title": self.card.title[:128],
                "picurl": self.card.image_url,
                "desc": self.card.description[:512],
                "url": self.card.url,
            }
            body["attachments"] = [{"msgtype": "link", "link": link}]
        return body

    def oa_text(self) -> str:
        parts = [self.text] if self.text else []
        if self.card:
            parts.append(self.card.as_text())
        parts.append(OPT_OUT_HINT)
        return "\n\n".join(parts)

    def oa_custom(self, openid: str) -> dict[str, Any]:
        if self.card and not self.text:
            article = {
                "title": self.card.title,
                "description": self.card.description,
                "url": self.card.url,
                "picurl": self.card.image_url,
            }
            return {"touser": openid, "msgtype": "news", "news": {"articles": [article]}}
        return {"touser": openid, "msgtype": "text", "text": {"content": self.oa_text()}}


def _cut(text: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, never splitting a character."""
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")
