"""Reading the bot's passive replies in tests that expect one."""

from __future__ import annotations

from bot.simulator import CallbackBuilder


def passive_reply(builder: CallbackBuilder, body: str) -> dict[str, str]:
    """The passive reply's fields; the test fails when the body carried none (`success` or empty)."""
    fields = builder.read_reply(body)
    assert fields is not None, f"expected a passive reply, got {body!r}"
    return fields
