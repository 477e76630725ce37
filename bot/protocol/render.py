"""Replies to passive-reply XML (WeRoBot's templates; OA and WeCom share the format)."""

from __future__ import annotations

from werobot import replies as wr

from bot.protocol.inbound import Inbound
from bot.protocol.replies import ImageReply, NewsReply, Reply, TextReply, TransferToHuman
from bot.protocol.xmlsafe import cdata_safe


def render_passive(reply: Reply, to: Inbound, now: int) -> str:
    """The plaintext XML of a passive reply to `to` (before any encryption), sent at `now`
    (epoch seconds)."""
    head = {"target": to.user, "source": to.account, "time": now}
    if isinstance(reply, TextReply):
        return str(wr.TextReply(content=cdata_safe(reply.text), **head).render())
    if isinstance(reply, ImageReply):
        return str(wr.ImageReply(media_id=reply.media_id, **head).render())
    if isinstance(reply, NewsReply):
        return _render_news(reply, head)
    if isinstance(reply, TransferToHuman):
        return str(wr.TransferCustomerServiceReply(**head).render())
    raise TypeError(f"cannot render {reply!r}")


def _render_news(reply: NewsReply, head: dict[str, object]) -> str:
    news = wr.ArticlesReply(**head)
    for article in reply.articles:
        news.add_article(
            wr.Article(
                title=cdata_safe(article.title),
                description=cdata_safe(article.description),
                img=article.image_url,
                url=article.url,
            )
        )
    return str(news.render())
