"""Ordered routes, first match wins: event → staff command → anytime words → active dialog →
global words → prefixed words → intent → fallback.

Anytime words (退订) must work whatever the shopper is in the middle of; their handler leaves the
dialog state as it is. Other global words come after the dialog, which may give them a meaning of
its own (返回 is "previous question" inside a form).

Events (subscribe, menu clicks, group changes) carry no text, so they are routed by event name
before anything reads text. Handlers register with decorators on a `Router`; packages that add
handlers (handlers/, dialogs/) each get the router passed in, so nothing registers at import time.

Every route has a `RouteKind` (whose message it is: a shopper's text, a shopper's dialog, a
shopper's event, a platform event, staff, consent words). What runs around handlers is declared
once per kind as middlewares, aiogram style, not wrapped around each handler where it registers:

- an **inner** middleware (`Router.use`) runs around the handler each time the route is called,
  also when a handler routes a message again (leaving browse on another request);
- an **outer** middleware (`Router.outer`) runs once per inbound message, around the route the
  router found for it (`Router.dispatch`); it reads what routing found (`Route`), such as the
  intent the matcher recognised.

The first middleware declared is the outermost; the order routes register in does not matter, and
a key registered twice for different handlers is an error rather than a silent overwrite.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from bot.protocol import Inbound, Kind
from bot.step import Context, Step
from knowledge.model import IntentId

Handler = Callable[[Inbound, Context], Awaitable[Step]]
Guard = Callable[[Inbound, Context], bool]

log = logging.getLogger(__name__)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


_CACHED_WORD_CHARS = 64


def normalise_command_word(text: str) -> str:
    """ "取消！" / " 取 消 " / "ＲＥＳＥＴ" → "取消" / "reset": what a global word is compared on."""
    # Routing and the middlewares ask this of one message's text several times; a short text is
    # worked out once (a long one is no command word, and is not kept).
    if len(text) <= _CACHED_WORD_CHARS:
        return _normalised(text)
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=4096)
def _normalised(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).lower()


class RouteKind(StrEnum):
    """Whose message a route answers; middlewares are declared per kind."""

    SHOPPER = "shopper"  # a shopper's text outside a dialog: words, prefixes, intents, fallback
    DIALOG = "dialog"  # a message to the shopper's dialog under way
    MENU = "menu"  # a shopper's events: following, scanning a QR code, a menu click
    PLATFORM = "platform"  # events nobody is talking in: views, unfollows, WeCom changes
    STAFF = "staff"  # staff commands and their confirmation
    CONSENT = "consent"  # 退订 / 订阅, answered whatever else is going on


class Table(StrEnum):
    """Where in the routing order a route was found."""

    EVENT = "event"
    COMMAND = "command"
    ANYTIME = "anytime"
    DIALOG = "dialog"
    WORD = "word"
    PREFIX = "prefix"
    INTENT = "intent"
    FALLBACK = "fallback"


IntentResolver = Callable[[Inbound, Context], IntentId | str | None]
"""The intent table's key for a text: a knowledge intent the matcher acted on (an `IntentId`,
which /stats counts as recognised), or a reading of the resolver's own (a plain `str`, such as
the clarify band's), or None for the fallback."""


@dataclass(frozen=True)
class Entry:
    """One registration: its handler, its kind, and a guard that may pass the message on."""

    handler: Handler
    kind: RouteKind
    when: Guard | None = None

    def takes(self, msg: Inbound, ctx: Context) -> bool:
        return self.when is None or self.when(msg, ctx)


Middleware = Callable[[Handler, Inbound, Context, "Route"], Awaitable[Step]]
"""`(call_next, msg, ctx, route)`: run `call_next(msg, ctx)` or answer instead of it."""


@dataclass(frozen=True)
class Layer:
    middleware: Middleware
    kinds: frozenset[RouteKind]


@dataclass(frozen=True)
class Route:
    """What routing found for one message. Calling it runs the inner middlewares of its kind and
    the handler."""

    table: Table
    key: str
    entry: Entry
    inner: tuple[Middleware, ...] = ()
    recognised: str | None = None
    """The knowledge intent the matcher acted on while routing (for /stats), if it was asked."""

    @property
    def kind(self) -> RouteKind:
        return self.entry.kind

    @property
    def handler(self) -> Handler:
        return self.entry.handler

    @property
    def is_fallback(self) -> bool:
        return self.table is Table.FALLBACK

    async def __call__(self, msg: Inbound, ctx: Context) -> Step:
        return await _chain(self.inner, self.handler, self)(msg, ctx)


def _chain(middlewares: Iterable[Middleware], handler: Handler, route: Route) -> Handler:
    """`handler` inside `middlewares`, the first the outermost."""
    call = handler
    for middleware in reversed(tuple(middlewares)):
        call = _bound(middleware, call, route)
    return call


def _bound(middleware: Middleware, call_next: Handler, route: Route) -> Handler:
    async def call(msg: Inbound, ctx: Context) -> Step:
        return await middleware(call_next, msg, ctx, route)

    return call


@dataclass
class Router:
    events: dict[str, Entry] = field(default_factory=dict)
    commands: dict[str, Entry] = field(default_factory=dict)
    dialogs: dict[str, Entry] = field(default_factory=dict)
    words: dict[str, Entry] = field(default_factory=dict)
    anytime_words: dict[str, Entry] = field(default_factory=dict)
    prefixes: dict[str, Entry] = field(default_factory=dict)
    intents: dict[str, Entry] = field(default_factory=dict)
    fallback_entry: Entry | None = None
    intent_resolver: IntentResolver | None = None
    word_form: Callable[[str], str] = lambda word: word
    """A phrase that means a routed word, as that word ("购物车里有啥" → 购物车): the words
    table is looked up with it, after `normalise_command_word`."""
    inner_layers: list[Layer] = field(default_factory=list)
    outer_layers: list[Layer] = field(default_factory=list)

    # --- routes ---------------------------------------------------------------------------

    def event(self, *names: str, kind: RouteKind = RouteKind.MENU) -> Callable[[Handler], Handler]:
        return self._register(self.events, names, kind)

    def command(
        self, *names: str, kind: RouteKind = RouteKind.STAFF
    ) -> Callable[[Handler], Handler]:
        return self._register(self.commands, names, kind)

    def dialog(self, name: str, kind: RouteKind = RouteKind.DIALOG) -> Callable[[Handler], Handler]:
        return self._register(self.dialogs, [name], kind)

    def word(
        self,
        *words: str,
        anytime: bool = False,
        kind: RouteKind = RouteKind.SHOPPER,
        when: Guard | None = None,
    ) -> Callable[[Handler], Handler]:
        """Exact words; with `when`, only messages it accepts (the others go on to the prefixes,
        the intent and the fallback as if the word were not routed)."""
        table = self.anytime_words if anytime else self.words
        return self._register(table, [normalise_command_word(w) for w in words], kind, when)

    def prefix(
        self, *words: str, kind: RouteKind = RouteKind.SHOPPER
    ) -> Callable[[Handler], Handler]:
        """A message that starts with one of `words` (arguments follow in the same message)."""
        return self._register(self.prefixes, [normalise_command_word(w) for w in words], kind)

    def intent(
        self, *ids: str, kind: RouteKind = RouteKind.SHOPPER
    ) -> Callable[[Handler], Handler]:
        return self._register(self.intents, ids, kind)

    def fallback(self, handler: Handler) -> Handler:
        self.fallback_entry = Entry(handler, RouteKind.SHOPPER)
        return handler

    def _register(
        self,
        table: dict[str, Entry],
        keys: Iterable[str],
        kind: RouteKind,
        when: Guard | None = None,
    ) -> Callable[[Handler], Handler]:
        def decorate(handler: Handler) -> Handler:
            entry = Entry(handler, kind, when)
            for key in keys:
                known = table.get(key)
                if known is not None and known != entry:
                    raise ValueError(f"{key!r} is routed twice, to two different handlers")
                table[key] = entry
            return handler

        return decorate

    # --- middlewares ----------------------------------------------------------------------

    def use(self, middleware: Middleware, *kinds: RouteKind) -> Middleware:
        """An inner middleware for routes of `kinds` (all kinds when none is named)."""
        self.inner_layers.append(Layer(middleware, frozenset(kinds or RouteKind)))
        return middleware

    def outer(self, middleware: Middleware, *kinds: RouteKind) -> Middleware:
        """A middleware run once per inbound message of `kinds`, around its route."""
        self.outer_layers.append(Layer(middleware, frozenset(kinds or RouteKind)))
        return middleware

    async def dispatch(self, route: Route, msg: Inbound, ctx: Context) -> Step:
        """The message's route, inside the outer middlewares of its kind."""
        outer = [layer.middleware for layer in self.outer_layers if route.kind in layer.kinds]
        return await _chain(outer, route, route)(msg, ctx)

    # --- routing --------------------------------------------------------------------------

    def resolve(self, msg: Inbound, ctx: Context) -> Route | None:
        """The route for `msg`, or None when nothing takes it (the caller answers `success`)."""
        if msg.kind is Kind.EVENT:
            entry = self.events.get(msg.event)
            return self._route(Table.EVENT, msg.event, entry) if entry else None
        if msg.kind is Kind.UNKNOWN:
            return None
        finders = (self._command, self._anytime, self._dialog, self._word, self._prefix)
        for finder in finders:
            found = finder(msg, ctx)
            if found is not None:
                return found
        return self._intent(msg, ctx)

    def _route(self, table: Table, key: str, entry: Entry, recognised: str | None = None) -> Route:
        inner = tuple(layer.middleware for layer in self.inner_layers if entry.kind in layer.kinds)
        return Route(table, key, entry, inner, recognised)

    def _lookup(self, table: Table, entries: dict[str, Entry], key: str | None) -> Route | None:
        entry = entries.get(key) if key is not None else None
        return self._route(table, key, entry) if entry is not None and key is not None else None

    def _taken(self, route: Route | None, msg: Inbound, ctx: Context) -> Route | None:
        return route if route is not None and route.entry.takes(msg, ctx) else None

    def _command(self, msg: Inbound, ctx: Context) -> Route | None:
        text = msg.text.strip()
        if not text.startswith("/"):
            return None
        name = text[1:].split(maxsplit=1)[0].lower() if len(text) > 1 else ""
        return self._lookup(Table.COMMAND, self.commands, name)

    def _dialog(self, msg: Inbound, ctx: Context) -> Route | None:
        state = ctx.session.state
        return self._lookup(Table.DIALOG, self.dialogs, state.split(":", 1)[0] if state else None)

    def _anytime(self, msg: Inbound, ctx: Context) -> Route | None:
        word = normalise_command_word(msg.text) if msg.text else None
        return self._taken(self._lookup(Table.ANYTIME, self.anytime_words, word), msg, ctx)

    def _word(self, msg: Inbound, ctx: Context) -> Route | None:
        word = self.word_form(normalise_command_word(msg.text)) if msg.text else None
        return self._taken(self._lookup(Table.WORD, self.words, word), msg, ctx)

    def _prefix(self, msg: Inbound, ctx: Context) -> Route | None:
        if not msg.text or not self.prefixes:
            return None
        text = normalise_command_word(msg.text)
        found = [word for word in self.prefixes if text.startswith(word)]
        return self._lookup(Table.PREFIX, self.prefixes, max(found, key=len)) if found else None

    def _intent(self, msg: Inbound, ctx: Context) -> Route | None:
        """The intent's route, or the fallback (with the intent the matcher recognised, if any)."""
        key = self.intent_resolver(msg, ctx) if self.intent_resolver else None
        recognised = key.value if isinstance(key, IntentId) else None
        entry = self.intents.get(key) if key else None
        if entry is not None and key:
            return self._route(Table.INTENT, key, entry, recognised)
        if self.fallback_entry is None:
            return None
        return self._route(Table.FALLBACK, "", self.fallback_entry, recognised)

    # --- checks ---------------------------------------------------------------------------

    def routed_intents(self) -> frozenset[str]:
        return frozenset(self.intents)
