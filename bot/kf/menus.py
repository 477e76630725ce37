"""The rendering edge of 微信客服: channel-neutral replies → kf message bodies, with msgmenu.

The dialogs speak plain text everywhere: a choice is a numbered list made by
`bot.dialogs.texts.numbered` ("1. 黑色\\n2. 白色") under a question that says 回复序号, and a
short answer the bot understands is quoted after a reply cue (回复“确认”提交订单…). On OA and WeCom
that text goes out as is. Here it becomes a msgmenu (Tencent 发送消息 → 菜单消息): each list
entry a `click` item whose id is its number, each quoted word the bot knows (`MENU_WORDS`) a
`click` item whose id is the word. A tap comes back as the customer's text with that id as
`menu_id`, which bot/protocol/kf.py turns into the text — exactly what the shopper would have
typed, so the dialogs get "2" or "确认" and stay channel-neutral.

Limits honoured (发送消息): text ≤ 2048 bytes (longer text is split at line ends);
msgmenu head/tail ≤ 1024 bytes each, ≤ 10 items, click id ≤ 64 and content ≤ 128 bytes.
Text that would not fit a menu goes out as plain text. A product card (NewsReply) needs a
thumb_media_id to be a kf `link`, which the catalogue does not have, so it becomes a menu:
title and description as head, the card's words as items, and a `view` item to its page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.protocol import ImageReply, NewsReply, Reply, TextReply

TEXT_MAX = 2048
MENU_TEXT_MAX = 1024
MENU_ITEMS = 10
ITEM_ID_MAX = 64
ITEM_LABEL_MAX = 128
# Short answers the dialogs and handlers prompt for in quotes, and understand when sent back.
MENU_WORDS = (
    "确认",
    "买",
    "结算",
    "更多",
    "上一页",
    "返回",
    "取消",
    "跳过",
    "没有",
    "好了",
    "逛逛",
    "我的订单",
    "查物流",
    "售后",
    "售后进度",
    "人工",
    "取消人工",
)
_MENU_WORDS = frozenset(MENU_WORDS)
_ENTRY = re.compile(r"(\d{1,2})\. (.+)")
_QUOTED = re.compile(r"“([^”]{1,8})”")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_REPLY_CUE = re.compile(r"回复|发送|输入|发$")
_CHOICE_CUE = "序号"

Body = dict[str, Any]


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _clip(text: str, most: int) -> str:
    """Cut to `most` UTF-8 bytes on a character boundary, marking the cut."""
    data = text.encode("utf-8")
    if len(data) <= most:
        return text
    return data[: most - len("…".encode())].decode("utf-8", "ignore") + "…"


def render(reply: Reply) -> list[Body]:
    """The kf/send_msg bodies (msgtype and its object) of one reply, in order."""
    if isinstance(reply, TextReply):
        menu = menu_of(reply.text)
        return [menu] if menu is not None else texts(reply.text)
    if isinstance(reply, NewsReply) and reply.articles:
        return [_card(reply)]
    if isinstance(reply, ImageReply):
        return [{"msgtype": "image", "image": {"media_id": reply.media_id}}]
    return []  # TransferToHuman: 微信客服 moves the session itself (bot/kf/handoff.py)


def render_one(replies: Sequence[Reply]) -> Body | None:
    """All replies as one text or msgmenu, for send_msg_on_event (one message per code)."""
    parts: list[str] = []
    for reply in replies:
        if isinstance(reply, TextReply):
            parts.append(reply.text)
        elif isinstance(reply, NewsReply) and reply.articles:
            first = reply.articles[0]
            parts.append("\n".join(x for x in (first.title, first.description) if x))
    if not parts:
        return None
    text = "\n\n".join(parts)
    return menu_of(text) or {"msgtype": "text", "text": {"content": _clip(text, TEXT_MAX)}}


def texts(text: str) -> list[Body]:
    """Plain text, split at line ends into messages of at most 2048 bytes."""
    chunks: list[str] = []
    for line in text.split("\n"):
        if chunks and _bytes(chunks[-1] + "\n" + line) <= TEXT_MAX:
            chunks[-1] += "\n" + line
        else:
            chunks.append(_clip(line, TEXT_MAX))
    return [{"msgtype": "text", "text": {"content": c}} for c in chunks if c.strip()]


def menu_of(text: str, extra: Iterable[Body] = ()) -> Body | None:
    """A msgmenu for a text that offers choices or known words; None when it offers none or
    would not fit."""
    lines = text.split("\n")
    start, end, entries = _numbered_block(lines)
    offered = entries and _CHOICE_CUE in "\n".join(lines[:start] + lines[end:])
    items: list[Body] = []
    if offered and len(entries) <= MENU_ITEMS:
        items = [_click(str(n), label) for n, label in entries]
        head, tail = "\n".join(lines[:start]), "\n".join(lines[end:])
    else:
        head, tail = text, ""
    items += [_click(w, w) for w in _quoted_words(text)][: MENU_ITEMS - len(items)]
    items += list(extra)[: MENU_ITEMS - len(items)]
    if not items or _bytes(head) > MENU_TEXT_MAX or _bytes(tail) > MENU_TEXT_MAX:
        return None
    menu: Body = {"head_content": head, "list": items, "tail_content": tail}
    return {"msgtype": "msgmenu", "msgmenu": menu}


def _numbered_block(lines: list[str]) -> tuple[int, int, list[tuple[int, str]]]:
    """The first run of lines "1. …", "2. …" (an entry may continue on indented lines):
    (first line, line after it, [(number, label)])."""
    starts = [i for i, line in enumerate(lines) if (m := _ENTRY.fullmatch(line)) and m[1] == "1"]
    if not starts:
        return 0, 0, []
    start = starts[0]
    entries: list[tuple[int, str]] = []
    end = start
    while end < len(lines):
        found = _ENTRY.fullmatch(lines[end])
        if found and int(found.group(1)) == len(entries) + 1:
            entries.append((len(entries) + 1, found.group(2).strip()))
        elif entries and lines[end].startswith(" ") and lines[end].strip():
            number, label = entries[-1]
            entries[-1] = (number, f"{label} {lines[end].strip()}")
        else:
            break
        end += 1
    return start, end, entries


def _quoted_words(text: str) -> list[str]:
    """Known words quoted as something to send ("回复“确认”", "回复序号，“更多”看下一页"), not
    ones quoted back ("这款没有“逛逛”这个颜色"): a reply cue earlier in the same sentence."""
    seen: list[str] = []
    for found in _QUOTED.finditer(text):
        word = found.group(1)
        sentence = _SENTENCE_END.split(text[: found.start()])[-1]
        if word in _MENU_WORDS and word not in seen and _REPLY_CUE.search(sentence):
            seen.append(word)
    return seen


def _click(item_id: str, label: str) -> Body:
    return {
        "type": "click",
        "click": {"id": _clip(item_id, ITEM_ID_MAX), "content": _clip(label, ITEM_LABEL_MAX)},
    }


def _card(reply: NewsReply) -> Body:
    first = reply.articles[0]
    text = "\n".join(x for x in (first.title, first.description) if x)
    page = (
        [{"type": "view", "view": {"url": first.url, "content": "查看商品详情"}}]
        if first.url.startswith(("http://", "https://"))
        else []
    )
    menu = menu_of(text, extra=page)
    return menu or {"msgtype": "text", "text": {"content": _clip(text, TEXT_MAX)}}
