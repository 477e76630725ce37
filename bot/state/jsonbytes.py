"""JSON to and from the bytes the state store keeps, as `json.dumps(..., ensure_ascii=False)
.encode()` and `json.loads(raw)` give them, without what those pay again on every call (a new
encoder for the non-default options, guessing the encoding of bytes that are always UTF-8):
a message encodes and decodes its session, dedup record and kept texts this way."""

from __future__ import annotations

import json
from typing import Any

_PLAIN = json.JSONEncoder(ensure_ascii=False)
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_DECODER = json.JSONDecoder()
_UTF8_STARTS = frozenset(b'{["')
"""What JSON written by `dumps` starts with: UTF-8 for certain (json.detect_encoding's answer)."""


def dumps(value: Any) -> bytes:
    """`json.dumps(value, ensure_ascii=False).encode()`."""
    return _PLAIN.encode(value).encode()


def dumps_compact(value: Any) -> bytes:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()`."""
    return _COMPACT.encode(value).encode()


def loads(raw: bytes) -> Any:
    """`json.loads(raw)`: the same value, and the same errors for what is no JSON."""
    if raw[:1] and raw[0] in _UTF8_STARTS:
        return _DECODER.decode(raw.decode("utf-8", "surrogatepass"))
    return json.loads(raw)
