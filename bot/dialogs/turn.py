"""One shopper message as a dialog state sees it: the message, the context, the working slots."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.dialogs.words import canonical
from bot.protocol import Inbound
from bot.router import normalise_command_word
from bot.step import Context
from knowledge.normalize import coupon_word_fixed

if TYPE_CHECKING:
    from bot.services import Services


def fold(text: str) -> str:
    """Full-width forms folded (１２３ → 123, ＸＬ → XL) and trimmed; 卷 typed for 券 (新人卷)
    is 券, so the coupon readers and money questions see the word meant."""
    # `Turn.text` asks this a score of times per message of the same text: a message's length
    # of text is worked out once (a longer one is rare, and not kept).
    if len(text) <= _CACHED_CHARS:
        return _folded(text)
    return _fold(text)


_CACHED_CHARS = 256


def _fold(text: str) -> str:
    return coupon_word_fixed(unicodedata.normalize("NFKC", text).strip())


_folded = lru_cache(maxsize=4096)(_fold)


def word_of(text: str) -> str:
    """The text as global words and short answers are compared: no spaces or punctuation, and a
    phrase that asks for a global word as that word (我的购物车呢 → 购物车)."""
    return canonical(normalise_command_word(text))


@dataclass
class Turn:
    """`slots` is a working copy of the dialog's own slots: state functions change it, the
    machine saves it with the state."""

    msg: Inbound
    ctx: Context
    slots: dict[str, Any]

    @property
    def services(self) -> Services:
        return self.ctx.services

    @property
    def text(self) -> str:
        return fold(self.msg.text)

    @property
    def word(self) -> str:
        return word_of(self.msg.text)

    @property
    def channel(self) -> str:
        return str(self.msg.channel)

    @property
    def user(self) -> str:
        return self.msg.user
