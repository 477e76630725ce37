"""The protocol layer: bytes from WeChat in, a frozen `Inbound` out; a `Reply` in, XML out.

No business logic lives here, so the rest of shopbot never speaks XML.
"""

from bot.protocol.errors import BadRequest, Forbidden, ProtocolError
from bot.protocol.inbound import Channel, Inbound, Kind
from bot.protocol.replies import Article, ImageReply, NewsReply, Reply, TextReply, TransferToHuman

__all__ = [
    "Article",
    "BadRequest",
    "Channel",
    "Forbidden",
    "ImageReply",
    "Inbound",
    "Kind",
    "NewsReply",
    "ProtocolError",
    "Reply",
    "TextReply",
    "TransferToHuman",
]
