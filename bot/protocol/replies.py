"""What a handler answers with; rendered to XML (passive) or JSON (API) at the edge."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextReply:
    text: str


@dataclass(frozen=True)
class Article:
    title: str
    description: str = ""
    image_url: str = ""
    url: str = ""


@dataclass(frozen=True)
class NewsReply:
    """A product card. OA allows one article in a passive reply to a user message (PLATFORM.md)."""

    articles: tuple[Article, ...]


@dataclass(frozen=True)
class ImageReply:
    media_id: str


@dataclass(frozen=True)
class TransferToHuman:
    """OA `transfer_customer_service`: the conversation goes to the human agents' console."""


Reply = TextReply | NewsReply | ImageReply | TransferToHuman
