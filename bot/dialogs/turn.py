"""One shopper message as a dialog state sees it: the message, the context, the working slots."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.protocol import Inbound
from bot.router import normalise_command_word
from bot.step import Context

if TYPE_CHECKING:
    from bot.services import Services


@dataclass
class Turn:
    """`slots` is a working copy: state functions change it, the machine saves it with the state."""

    msg: Inbound
    ctx: Context
    slots: dict[str, Any]

    @property
    def services(self) -> Services:
        return self.ctx.services

    @property
    def text(self) -> str:
        """The message text with full-width forms folded (１２３ → 123, ＸＬ → XL) and trimmed."""
        return unicodedata.normalize("NFKC", self.msg.text).strip()

    @property
    def word(self) -> str:
        """The text as global words are compared: no spaces or punctuation, lower case."""
        return normalise_command_word(self.msg.text)

    @property
    def channel(self) -> str:
        return str(self.msg.channel)

    @property
    def user(self) -> str:
        return self.msg.user
