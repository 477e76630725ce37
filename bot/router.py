"""Ordered routes, first match wins: event → staff command → anytime words → active dialog →
global words → prefixed words → intent → fallback.

Anytime words (退订) must work whatever the shopper is in the middle of; their handler leaves the
dialog state as it is. Other global words come after the dialog, which may give them a meaning of
its own (返回 is "previous question" inside a form).

Events (subscribe, menu clicks, group changes) carry no text, so they are routed by event name
before anything reads text. Handlers register with decorators on a `Router`; packages that add
handlers (handlers/, dialogs/) each get the router passed in, so nothing registers at import time.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from bot.protocol import Inbound, Kind
from bot.step import Context, Step

Handler = Callable[[Inbound, Context], Awaitable[Step]]
IntentResolver = Callable[[Inbound, Context], str | None]

log = logging.getLogger(__name__)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise_command_word(text: str) -> str:
    """ "取消！" / " 取 消 " / "ＲＥＳＥＴ" → "取消" / "reset": what a global word is compared on."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass
class Router:
    events: dict[str, Handler] = field(default_factory=dict)
    commands: dict[str, Handler] = field(default_factory=dict)
    dialogs: dict[str, Handler] = field(default_factory=dict)
    words: dict[str, Handler] = field(default_factory=dict)
    anytime_words: dict[str, Handler] = field(default_factory=dict)
    prefixes: dict[str, Handler] = field(default_factory=dict)
    intents: dict[str, Handler] = field(default_factory=dict)
    fallback_handler: Handler | None = None
    intent_resolver: IntentResolver | None = None
    unhandled_event: Handler | None = None

    def event(self, *names: str) -> Callable[[Handler], Handler]:
        return self._register(self.events, names)

    def command(self, *names: str) -> Callable[[Handler], Handler]:
        return self._register(self.commands, names)

    def dialog(self, name: str) -> Callable[[Handler], Handler]:
        return self._register(self.dialogs, [name])

    def word(self, *words: str, anytime: bool = False) -> Callable[[Handler], Handler]:
        table = self.anytime_words if anytime else self.words
        return self._register(table, [normalise_command_word(w) for w in words])

    def prefix(self, *words: str) -> Callable[[Handler], Handler]:
        """A message that starts with one of `words` (arguments follow in the same message)."""
        return self._register(self.prefixes, [normalise_command_word(w) for w in words])

    def intent(self, *ids: str) -> Callable[[Handler], Handler]:
        return self._register(self.intents, ids)

    def fallback(self, handler: Handler) -> Handler:
        self.fallback_handler = handler
        return handler

    def _register(
        self, table: dict[str, Handler], keys: Iterable[str]
    ) -> Callable[[Handler], Handler]:
        def decorate(handler: Handler) -> Handler:
            for key in keys:
                table[key] = handler
            return handler

        return decorate

    def resolve(self, msg: Inbound, ctx: Context) -> Handler | None:
        """The handler for `msg`, or None when nothing takes it (the caller answers `success`)."""
        if msg.kind is Kind.EVENT:
            return self.events.get(msg.event)
        if msg.kind is Kind.UNKNOWN:
            return None
        finders = (self._command, self._anytime, self._dialog, self._word, self._prefix)
        for finder in (*finders, self._intent):
            handler = finder(msg, ctx)
            if handler is not None:
                return handler
        return self.fallback_handler

    def resolve_without_words(self, msg: Inbound, ctx: Context) -> Handler | None:
        """Where a text goes past the word table: intent, then fallback (for a word handler
        that only takes some senders and hands the rest on)."""
        return self._intent(msg, ctx) or self.fallback_handler

    def _command(self, msg: Inbound, ctx: Context) -> Handler | None:
        text = msg.text.strip()
        if not text.startswith("/"):
            return None
        return self.commands.get(text[1:].split(maxsplit=1)[0].lower() if len(text) > 1 else "")

    def _dialog(self, msg: Inbound, ctx: Context) -> Handler | None:
        state = ctx.session.state
        return self.dialogs.get(state.split(":", 1)[0]) if state else None

    def _anytime(self, msg: Inbound, ctx: Context) -> Handler | None:
        return self.anytime_words.get(normalise_command_word(msg.text)) if msg.text else None

    def _word(self, msg: Inbound, ctx: Context) -> Handler | None:
        return self.words.get(normalise_command_word(msg.text)) if msg.text else None

    def _prefix(self, msg: Inbound, ctx: Context) -> Handler | None:
        if not msg.text or not self.prefixes:
            return None
        text = normalise_command_word(msg.text)
        found = [word for word in self.prefixes if text.startswith(word)]
        return self.prefixes[max(found, key=len)] if found else None

    def _intent(self, msg: Inbound, ctx: Context) -> Handler | None:
        if self.intent_resolver is None:
            return None
        intent = self.intent_resolver(msg, ctx)
        return self.intents.get(intent) if intent else None
