"""Signatures and the replay window shared by both channels."""

from __future__ import annotations

import hashlib
import hmac

from bot.protocol.errors import Forbidden


def sha1_signature(*parts: str) -> str:
    """Tencent's signature: SHA-1 of the sorted parts joined with nothing."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def require_signature(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected, given.lower()):
        raise Forbidden("bad or missing signature")


def require_fresh(timestamp: str | None, max_skew_s: int, now: float) -> None:
    """Refuse a timestamp further than `max_skew_s` from `now`, epoch seconds (0 turns the
    check off)."""
    if not timestamp or len(timestamp) > 12 or not (timestamp.isascii() and timestamp.isdigit()):
        raise Forbidden("bad or missing timestamp")
    if max_skew_s and abs(now - int(timestamp)) > max_skew_s:
        raise Forbidden("timestamp outside the allowed clock skew")
