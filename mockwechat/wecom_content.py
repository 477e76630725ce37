"""Message bodies shared by WeCom's two sending paths, each with its own limits.

- 发送应用消息 (`message/send`, path 90236):
  text up to 2048 bytes (longer is truncated by Tencent, not refused: the mock notes it),
  markdown up to 2048 bytes, news 1–8 articles, textcard title ≤ 128 / description ≤ 512 bytes.
- 群机器人 (`webhook/send`, path 91770): text ≤ 2048 bytes and markdown ≤ 4096 bytes are
  refused beyond the limit (40058 "…content exceed max length…"), images come as base64 with
  their md5, at most 2 MB.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mockwechat import errors
from mockwechat.endpoints import need_list, need_obj, need_str, utf8_len
from mockwechat.errors import ApiError

BAD = errors.INVALID_PARAMETER
MAX_ARTICLES = 8
MAX_IMAGE_BYTES = 2 * 1024 * 1024
CARD_TYPES = frozenset(
    {"text_notice", "news_notice", "button_interaction", "vote_interaction", "multiple_interaction"}
)


@dataclass(frozen=True, slots=True)
class ContentRules:
    types: frozenset[str]
    text_max: int
    text_truncates: bool
    markdown_max: int
    image_base64: bool


APP = ContentRules(
    frozenset(
        {"text", "image", "voice", "video", "file", "textcard", "news", "mpnews", "markdown"}
        | {"miniprogram_notice", "template_card"}
    ),
    text_max=2048,
    text_truncates=True,
    markdown_max=2048,
    image_base64=False,
)
WEBHOOK = ContentRules(
    frozenset(
        {"text", "markdown", "markdown_v2", "image", "news", "file", "voice", "template_card"}
    ),
    text_max=2048,
    text_truncates=False,
    markdown_max=4096,
    image_base64=True,
)

Notes = dict[str, Any]


def _text(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    content = payload.get("content")
    if not isinstance(content, str) or not content:
        raise ApiError(errors.EMPTY_CONTENT)
    size = utf8_len(content)
    if size <= rules.text_max:
        return {}
    if rules.text_truncates:
        return {"truncated": f"text.content is {size} bytes; Tencent keeps {rules.text_max}"}
    raise ApiError(BAD, f"text.content exceed max length {rules.text_max}")


def _markdown(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    content = need_str(payload, "content", errors.EMPTY_CONTENT)
    if utf8_len(content) > rules.markdown_max:
        raise ApiError(BAD, f"markdown.content exceed max length {rules.markdown_max}")
    return {}


def _articles(payload: Mapping[str, Any], required: tuple[str, ...]) -> Notes:
    articles = need_list(payload, "articles", BAD)
    if len(articles) > MAX_ARTICLES:
        raise ApiError(BAD, f"articles exceed max size {MAX_ARTICLES}")
    for article in articles:
        if not isinstance(article, dict):
            raise ApiError(BAD, "articles items are objects")
        for key in required:
            need_str(article, key, BAD)
    return {}


def _textcard(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    for key, limit in (("title", 128), ("description", 512)):
        if utf8_len(need_str(payload, key, BAD)) > limit:
            raise ApiError(BAD, f"textcard.{key} exceed max length {limit}")
    need_str(payload, "url", BAD)
    return {}


def _image(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    if not rules.image_base64:
        need_str(payload, "media_id", BAD)
        return {}
    try:
        raw = base64.b64decode(need_str(payload, "base64", BAD), validate=True)
    except binascii.Error as exc:
        raise ApiError(BAD, "image.base64 is not base64") from exc
    if len(raw) > MAX_IMAGE_BYTES:
        raise ApiError(BAD, "image exceed max size 2M")
    if hashlib.md5(raw).hexdigest() != need_str(payload, "md5", BAD).lower():
        raise ApiError(BAD, "image.md5 does not match image.base64")
    return {}


def _template_card(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    if payload.get("card_type") not in CARD_TYPES:
        raise ApiError(BAD, "template_card.card_type")
    return {}


def _media(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    need_str(payload, "media_id", BAD)
    return {}


def _miniprogram_notice(payload: Mapping[str, Any], rules: ContentRules) -> Notes:
    need_str(payload, "appid", BAD)
    need_str(payload, "title", BAD)
    return {}


CHECKS: dict[str, Callable[[Mapping[str, Any], ContentRules], Notes]] = {
    "text": _text,
    "markdown": _markdown,
    "markdown_v2": _markdown,
    "news": lambda p, r: _articles(p, ("title",)),
    "mpnews": lambda p, r: _articles(p, ("title", "thumb_media_id", "content")),
    "textcard": _textcard,
    "image": _image,
    "voice": _media,
    "video": _media,
    "file": _media,
    "template_card": _template_card,
    "miniprogram_notice": _miniprogram_notice,
}


def check_content(body: Mapping[str, Any], rules: ContentRules) -> tuple[str, Notes]:
    """Validate `msgtype` and its object under `rules`; return the type and notes to record."""
    msgtype = body.get("msgtype")
    if not isinstance(msgtype, str) or msgtype not in rules.types:
        raise ApiError(errors.INVALID_MSGTYPE, f"msgtype {msgtype!r}")
    return msgtype, {"msgtype": msgtype, **CHECKS[msgtype](need_obj(body, msgtype, BAD), rules)}
