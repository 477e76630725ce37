"""The handler transcripts run against the same bot as the dialog suite: real callbacks in,
real replies out, one shared demo-shop index."""

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop

__all__ = ["knowledge", "make_shop", "pinned_today", "shop"]
