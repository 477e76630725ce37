"""Regression transcripts run against the same bot as the dialog suite (real callbacks, the
shared demo-shop index)."""

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop

__all__ = ["knowledge", "make_shop", "pinned_today", "shop"]
