"""What the gateway needs of a channel's protocol."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from bot.protocol.inbound import Decoded


class CallbackProtocol(Protocol):
    def verify_url(self, query: Mapping[str, str]) -> str: ...

    def decode(self, query: Mapping[str, str], body: bytes) -> Decoded: ...

    def encode(self, request: Decoded, reply_xml: str, timestamp: str) -> str: ...
