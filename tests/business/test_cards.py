"""Product cards open the product's page (Product.page_url) in group pushes, customer-service
news and the browsing card's passive reply; a product without a page links its picture."""

from __future__ import annotations

from dataclasses import replace

from bot.broadcast.content import Card, Content
from bot.dialogs.browse import card
from bot.kf.menus import render
from bot.outbound.payloads import oa_custom_message
from bot.protocol import Channel, Inbound, Kind
from bot.protocol.render import render_passive
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


def test_the_browsing_card_opens_the_product_page_on_every_road() -> None:
    """The card a shopper browses to (bot/dialogs/browse.py) carries the page: as the passive
    reply's Url, in a customer-service news message, and as the 微信客服 menu's link."""
    product = load_knowledge(None).products["AP-1001"]
    reply = card(product, 20)
    assert reply.articles[0].url == product.page_url
    assert reply.articles[0].image_url == product.image_url
    inbound = Inbound(Channel.OA, "oUser", "gh_shop", Kind.TEXT, 1_700_000_000)
    assert f"<Url><![CDATA[{product.page_url}]]></Url>" in render_passive(
        reply, inbound, 1_700_000_000
    )
    custom = oa_custom_message("oUser", reply)
    assert custom is not None and custom["news"]["articles"][0]["url"] == product.page_url
    [menu] = render(reply)
    assert {"type": "view", "view": {"url": product.page_url, "content": "查看商品详情"}} in menu[
        "msgmenu"
    ]["list"]
    pageless = card(replace(product, page_url=""), 20)
    assert pageless.articles[0].url == product.image_url
