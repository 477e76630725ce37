"""Every sentence of a reply said once.

A reply to one message is put together from several answers: each part of a message asking two
things, a FAQ beside a product's own text, a card after the answer that quoted it. Two of them
may say the same thing ("免费手写贺卡" from the gift answer and from the FAQ, "单只约230g" from
the measure and again in the card's description). Reading the same sentence twice looks like a
broken bot, so the pipeline passes every reply through `said_once` before it goes out: a sentence
already said earlier in the reply (compared normalised: width, case, punctuation, a leading
"可以：") is left out of the later place, and a clause that repeats a whole earlier sentence
("…，单只约230g" after "单只约230g。") is cut from its sentence.

Short sentences ("可以。", "有货。") are answers in their own right and may stand twice (two
questions both answered "可以"): only sentences of `MIN_SAID` characters or more are compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from bot.protocol import NewsReply, Reply, TextReply

MIN_SAID = 4
"""Fewer characters than this (normalised) and a sentence is an answer word, never dropped."""
_SENTENCE = re.compile(r"[^。！？!?；;～~\n]+[。！？!?；;～~]*|[。！？!?；;～~]+")
_CLAUSE = re.compile(r"[^，,]+[，,]*")
_LEAD_IN = re.compile(r"^(?:可以|是的|有的|好的|对的|对|有|是)[：:，,]")
"""A yes before what it is said about ("可以：下单时发“备注”…"): the same sentence after it."""
_LABEL = re.compile(r"^[^，,：:。；;]{1,16}[：:]")
"""What a sentence is about, before a colon ("轻薄白鸭绒羽绒服：充绒量约120g")."""
_FIELD = re.compile(r"^(?!(?:可以|是的|有的|好的|对的)[：:])[\u4e00-\u9fff]{2,4}[：:][^\n]*[；;]")
"""A record's field listing values ("备注：送礼；别放价格单"): one whole, never cut to a part."""
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[·•\-])\s*")
"""A list's number or bullet ("2. ", "· "): the same sentence whatever place it has."""
_NOT_WORDS = re.compile(r"[^\w]|_")


def said_once(replies: Sequence[Reply]) -> tuple[Reply, ...]:
    """`replies` without a sentence said earlier in them; a reply left with no text is dropped."""
    if all(isinstance(r, TextReply) for r in replies):  # most replies: text, and often the same
        texts = _texts_said_once(tuple(r.text for r in replies if isinstance(r, TextReply)))
        return tuple(TextReply(t) for t in texts)
    return _said_once(replies)


@lru_cache(maxsize=2048)
def _texts_said_once(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The text replies of one message said once (kept for the replies the shop says again and
    again: a card, a menu, an FAQ answer)."""
    said = _Said()
    return tuple(kept for text in texts if (kept := _new_text(text, said)))


def _said_once(replies: Sequence[Reply]) -> tuple[Reply, ...]:
    said = _Said()
    kept: list[Reply] = []
    for reply in replies:
        if isinstance(reply, TextReply):
            text = _new_text(reply.text, said)
            if text:
                kept.append(TextReply(text))
        elif isinstance(reply, NewsReply):
            articles = tuple(
                replace(a, description=_new_text(a.description, said)) for a in reply.articles
            )
            kept.append(replace(reply, articles=articles))
        else:
            kept.append(reply)
    return tuple(kept)


@lru_cache(maxsize=8192)
def key(sentence: str) -> str:
    """What a sentence says, for comparing: no lead-in yes, punctuation, spaces or case."""
    folded = _NUMBERED.sub("", unicodedata.normalize("NFKC", sentence).casefold().strip())
    return _NOT_WORDS.sub("", _LEAD_IN.sub("", folded))


class _Said:
    """What the reply said so far: whole sentences, and the clauses inside them."""

    def __init__(self) -> None:
        self.sentences: set[str] = set()
        self.clauses: set[str] = set()

    def has_sentence(self, sentence: str) -> bool:
        said = key(sentence)
        return len(said) >= MIN_SAID and (said in self.sentences or said in self.clauses)

    def has_clause(self, clause: str) -> bool:
        said = key(clause)
        return len(said) >= MIN_SAID and said in self.sentences

    def add(self, sentence: str) -> None:
        self.sentences.add(key(sentence))
        self.sentences.add(
            key(_LABEL.sub("", sentence))
        )  # "羽绒服：充绒量约120g。" says 充绒量约120g
        self.clauses.update(key(c) for c in _CLAUSE.findall(sentence))


def _new_text(text: str, said: _Said) -> str:
    """`text` without what was `said`, line by line (a line left empty goes); what it says is
    added to `said`."""
    lines: list[str] = []
    for line in text.split("\n"):
        if _FIELD.match(line.strip()):
            new = _new_field(line, said)
        else:
            new = _new_line(line, said) if line.strip() else line
        if new or not line.strip():
            lines.append(new)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _new_field(line: str, said: _Said) -> str:
    """A field line as it is, or nothing when all it says was said as one sentence: its values
    said in the answer before it ("已备注：送礼；别放价格单。") still belong in the record."""
    value = _LABEL.sub("", line.strip())
    if said.has_sentence(line) or said.has_sentence(value):
        return ""
    said.add(line)
    return line


def _new_line(line: str, said: _Said) -> str:
    out: list[str] = []
    for sentence in _SENTENCE.findall(line):
        if not key(sentence):  # punctuation or an emoji on its own: part of the line's tone
            out.append(sentence)
            continue
        if said.has_sentence(sentence):
            continue
        trimmed = _without_said_clauses(sentence, said)
        if trimmed:
            said.add(sentence)
            out.append(trimmed)
    new = "".join(out)
    return line if new == line else new.strip()


def _without_said_clauses(sentence: str, said: _Said) -> str:
    """ "飞织鞋面，缓震中底，单只约230g。" after "单只约230g。": the clause already said as a
    sentence goes, its sentence keeps the rest and its own ending ("" when nothing is left)."""
    clauses = _CLAUSE.findall(sentence)
    fresh = [c for c in clauses if not said.has_clause(c)]
    if len(fresh) == len(clauses):
        return sentence
    if not fresh:
        return ""
    ending = re.search(r"[。！？!?；;～~]*$", sentence)
    joined = "".join(fresh).rstrip("，,。！？!?；;～~ ")
    return joined + ((ending.group(0) if ending else "") or "。")
