"""Product cards open the product's page (Product.page_url) in group pushes and customer-service
news; a product without a page links its picture."""

from __future__ import annotations

from dataclasses import replace

from bot.broadcast.content import Card, Content
from knowledge import load_knowledge


def test_cards_carry_the_product_page() -> None:
    product = load_knowledge(None).products["AP-1001"]
    assert product.page_url.startswith("https://")
    card = Card.of(product)
    assert card.url == product.page_url
    content = Content("", card)
    assert content.group_task()["attachments"][0]["link"]["url"] == product.page_url
    news = content.oa_custom("oUser")["news"]["articles"][0]
    assert news["url"] == product.page_url and news["picurl"] == product.image_url


def test_a_product_without_a_page_links_its_picture() -> None:
    product = replace(load_knowledge(None).products["AP-1001"], page_url="")
    assert Card.of(product).url == product.image_url
