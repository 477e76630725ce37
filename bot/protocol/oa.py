"""Official Account callbacks: URL check, plaintext / compatible / safe mode, WeRoBot parsing.

The mode is decided per request from `encrypt_type` in the query (PLATFORM.md): WeRoBot's own server
keeps `use_encryption` on after the first encrypted request, which answers a later plaintext request
in cipher text. Here nothing is sticky.

With an EncodingAESKey configured the account is in compatible or safe mode, and the plain
`signature` (over token, timestamp and nonce only) proves nothing about the body: one captured
query string would let anyone post any XML as any openid. So with a key, every POST must carry
`Encrypt` and a `msg_signature` over it, and only the decrypted message is read (a compatible-mode
body's plaintext copy is ignored). `allow_plaintext` lifts this while an account migrates from
plaintext mode; the replay guard in the gateway still refuses a second body under one query.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from typing import Any

from werobot.crypto import MessageCrypt, PrpCrypto
from werobot.parser import process_message

from bot.clock import Clock, SystemClock
from bot.protocol.errors import BadRequest, Forbidden
from bot.protocol.inbound import Channel, Decoded, Inbound, Kind, nested_fields
from bot.protocol.signing import require_fresh, require_signature, sha1_signature
from bot.protocol.xmlsafe import parse_tree

_KINDS = {k.value: k for k in Kind}
_VIDEO = {"video", "shortvideo"}


class OAProtocol:
    def __init__(
        self,
        token: str,
        app_id: str,
        encoding_aes_key: str,
        max_skew_s: int,
        *,
        allow_plaintext: bool = False,
        clock: Clock | None = None,
    ) -> None:
        self.clock = clock or SystemClock()  # what the timestamps are checked against
        self.token = token
        self.app_id = app_id
        self.max_skew_s = max_skew_s
        self.allow_plaintext = allow_plaintext
        self._crypt = _message_crypt(token, encoding_aes_key, app_id) if encoding_aes_key else None

    def verify_url(self, query: Mapping[str, str]) -> str:
        """GET: the plain signature, then echostr back unchanged (plaintext even in safe mode)."""
        self._check_signature(query)
        return query.get("echostr", "")

    def decode(self, query: Mapping[str, str], body: bytes) -> Decoded:
        self._check_signature(query)
        envelope = parse_tree(body)
        encrypted = query.get("encrypt_type", "raw").lower() == "aes"
        nonce = query.get("nonce", "")
        if encrypted or (self._crypt is not None and "Encrypt" in envelope):
            message = parse_tree(self._decrypt(query, envelope))
            return Decoded(to_inbound(message), encrypted, nonce)
        if self._crypt is not None and not self.allow_plaintext:
            raise Forbidden(
                "plaintext callback refused: oa.encoding_aes_key is set, so every message "
                "must be encrypted (oa.allow_plaintext accepts plaintext while migrating)"
            )
        return Decoded(to_inbound(envelope), False, nonce)

    def encode(self, request: Decoded, reply_xml: str, timestamp: str) -> str:
        """Wrap a passive reply the way the request came: encrypted when it was."""
        if not request.encrypted or self._crypt is None:
            return reply_xml
        return str(self._crypt.encrypt_message(reply_xml, timestamp, request.nonce))

    def _check_signature(self, query: Mapping[str, str]) -> None:
        timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
        require_fresh(timestamp, self.max_skew_s, self.clock.time())
        require_signature(sha1_signature(self.token, timestamp, nonce), query.get("signature"))

    def _decrypt(self, query: Mapping[str, str], envelope: Mapping[str, Any]) -> str:
        encrypt = envelope.get("Encrypt")
        if not isinstance(encrypt, str) or not encrypt:
            raise BadRequest("an encrypted message must carry Encrypt")
        if self._crypt is None:
            raise BadRequest("an encrypted message arrived but oa.encoding_aes_key is not set")
        timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
        expected = sha1_signature(self.token, timestamp, nonce, encrypt)
        require_signature(expected, query.get("msg_signature"))
        try:
            return bytes(self._crypt.prp_crypto.decrypt(encrypt, self.app_id)).decode("utf-8")
        except Exception as exc:  # cryptography, base64, struct and app id errors alike
            raise BadRequest("Encrypt does not decrypt with this key and app id") from exc


class _PrpCrypto(PrpCrypto):  # type: ignore[misc]
    """WeRoBot's cipher with a cheaper 16-character random prefix: its `generate_token` draws each
    character from SystemRandom, a profiled hot spot, where 8 bytes from `secrets` do as well."""

    def get_random_string(self) -> str:
        return secrets.token_hex(8)


def _message_crypt(token: str, encoding_aes_key: str, app_id: str) -> MessageCrypt:
    crypt = MessageCrypt(token, encoding_aes_key, app_id)
    crypt.prp_crypto = _PrpCrypto(base64.b64decode(encoding_aes_key + "="))
    return crypt


def to_inbound(tree: Mapping[str, Any]) -> Inbound:
    """WeRoBot's message object → Inbound. Unknown types become Kind.UNKNOWN, never an error."""
    nested = nested_fields(tree)  # first: WeRoBot's picture events pop their list as they read it
    try:
        message = process_message(dict(tree))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadRequest("not a WeChat message") from exc
    fields: dict[str, str] = {
        k: v for k, v in vars(message).items() if isinstance(v, str) and k not in ("raw", "type")
    }
    werobot_type = str(getattr(message, "type", ""))
    event = werobot_type[: -len("_event")] if werobot_type.endswith("_event") else ""
    raw_type = "event" if event else werobot_type
    kind = (
        Kind.EVENT
        if event
        else _KINDS.get(raw_type, Kind.VIDEO if raw_type in _VIDEO else Kind.UNKNOWN)
    )
    return Inbound(
        channel=Channel.OA,
        user=fields.get("FromUserName", ""),
        account=fields.get("ToUserName", ""),
        kind=kind,
        received_at=_int(fields.get("CreateTime")),
        msg_id=fields.get("MsgId", fields.get("MsgID", "")),
        text=fields.get("Content", "") or fields.get("Recognition", ""),
        event=event,
        event_key=fields.get("EventKey", ""),
        raw_type=raw_type,
        extra={k: v for k, v in fields.items() if k not in _BASE_FIELDS},
        nested=nested,
    )


_BASE_FIELDS = frozenset({"FromUserName", "ToUserName", "CreateTime", "MsgId", "MsgID", "Content"})


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
