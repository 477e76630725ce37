"""Replies to passive-reply XML (WeRoBot's templates; OA and WeCom share the format)."""

from __future__ import annotations

from werobot import replies as wr

from bot.protocol.inbound import Inbound
from bot.protocol.replies import ImageReply, NewsReply, Reply, TextReply, TransferToHuman
from bot.protocol.xmlsafe import cdata_safe

_TEXT = str(wr.TextReply.TEMPLATE)
"""What `wr.TextReply(...).render()` fills in, without building the reply object and its
argument dict for every message."""


def render_passive(reply: Reply, to: Inbound, now: int) -> str:
    """The plaintext XML of a passive reply to `to` (before any encryption), sent at `now`
    (epoch seconds)."""
    if isinstance(reply, TextReply):  # the reply to most messages: WeRoBot's template, filled in
        return _TEXT.format(
            target=to.user, source=to.account, time=now, content=cdata_safe(reply.text)
        )
    head = {"target": to.user, "source": to.account, "time": now}
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
