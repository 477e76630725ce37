"""Replies to the JSON bodies of the send APIs (shapes as in Tencent's docs and wechatpy)."""

from __future__ import annotations

from typing import Any

from bot.protocol import ImageReply, NewsReply, Reply, TextReply


def _article(reply: NewsReply) -> dict[str, str]:
    first = reply.articles[0]
    return {
        "title": first.title,
        "description": first.description,
        "url": first.url,
        "picurl": first.image_url,
    }


def oa_custom_message(user: str, reply: Reply) -> dict[str, Any] | None:
    """`message/custom/send`: news may carry only one article (else 45008)."""
    if isinstance(reply, TextReply):
        return {"touser": user, "msgtype": "text", "text": {"content": reply.text}}
    if isinstance(reply, NewsReply) and reply.articles:
        return {"touser": user, "msgtype": "news", "news": {"articles": [_article(reply)]}}
    if isinstance(reply, ImageReply):
        return {"touser": user, "msgtype": "image", "image": {"media_id": reply.media_id}}
    return None


def wecom_app_message(user: str, agent_id: int, reply: Reply) -> dict[str, Any] | None:
    head: dict[str, Any] = {"touser": user, "agentid": agent_id}
    if isinstance(reply, TextReply):
        return head | {"msgtype": "text", "text": {"content": reply.text}}
    if isinstance(reply, NewsReply) and reply.articles:
        return head | {"msgtype": "news", "news": {"articles": [_article(reply)]}}
    if isinstance(reply, ImageReply):
        return head | {"msgtype": "image", "image": {"media_id": reply.media_id}}
    return None
