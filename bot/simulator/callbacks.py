"""Build the callbacks WeChat and WeCom send, signed and encrypted like Tencent's servers do.

Used by `shopbot chat`, the tests and the benchmarks, so all three exercise the real protocol path.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import time
from dataclasses import dataclass

from werobot.crypto import PrpCrypto

from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.protocol.signing import sha1_signature
from bot.protocol.xmlsafe import cdata_safe, parse_xml

# Seeded from the real clock, not a moment of the bot: ids must differ from every earlier run's.
_msg_ids = itertools.count(int(time.time() * 1000) * 1000 + secrets.randbelow(1000))


def next_msg_id() -> int:
    """A MsgId no earlier run of this process or another one is likely to have used."""
    return next(_msg_ids)


@dataclass(frozen=True)
class Callback:
    path: str
    query: dict[str, str]
    body: bytes


class CallbackBuilder:
    """Callbacks for one channel ("oa", "wecom" or "kf") of one config."""

    def __init__(
        self,
        config: Config,
        channel: str,
        *,
        encrypt: bool | None = None,
        clock: Clock | None = None,
    ) -> None:
        # The platform's clock: the real one, or a test's that moves with the bot's.
        self.clock = clock or SystemClock()
        self.channel = channel
        self.agent_id = 0
        if channel == "oa":
            oa = config.oa
            self.token, self.receive_id, aes = oa.token, oa.app_id, oa.encoding_aes_key
            self.account = "gh_" + (oa.app_id[-12:] or "shopbot")
        elif channel == "kf":
            kf = config.kf
            self.token, self.receive_id, aes = kf.token, config.wecom.corp_id, kf.encoding_aes_key
            self.account = config.wecom.corp_id
        else:
            wecom = config.wecom
            self.token, self.receive_id, aes = wecom.token, wecom.corp_id, wecom.encoding_aes_key
            self.account = wecom.corp_id
            self.agent_id = wecom.agent_id
        self.encrypt = bool(aes) if encrypt is None else encrypt
        self._crypto = cipher_for(aes) if aes else None

    def text(self, user: str, content: str, msg_id: int | None = None) -> Callback:
        fields = {"MsgType": "text", "Content": content, "MsgId": str(msg_id or next_msg_id())}
        return self.message(user, fields)

    def kf_event(self, open_kfid: str, token: str, create_time: int | None = None) -> Callback:
        """微信客服's `kf_msg_or_event`: news for `open_kfid`, to pull with `token`."""
        fields = {
            "ToUserName": self.account,
            "CreateTime": str(create_time or int(self.clock.time())),
            "MsgType": "event",
            "Event": "kf_msg_or_event",
            "Token": token,
            "OpenKfId": open_kfid,
        }
        return self.wrap(_xml(fields))

    def event(self, user: str, event: str, **fields: str) -> Callback:
        return self.message(user, {"MsgType": "event", "Event": event, **fields})

    def message(
        self, user: str, fields: dict[str, str], create_time: int | None = None
    ) -> Callback:
        head = {
            "ToUserName": self.account,
            "FromUserName": user,
            "CreateTime": str(create_time or int(self.clock.time())),
        }
        if self.channel == "wecom":
            fields = {**fields, "AgentID": str(self.agent_id)}
        return self.wrap(_xml({**head, **fields}))

    def wrap(
        self, plain_xml: str, timestamp: str | None = None, nonce: str | None = None
    ) -> Callback:
        """Sign (and encrypt) a plaintext message XML as the platform would."""
        timestamp = timestamp or str(int(self.clock.time()))
        nonce = nonce or str(secrets.randbelow(10**9))
        query = {"timestamp": timestamp, "nonce": nonce}
        path = f"/wechat/{self.channel}"
        if not self.encrypt or self._crypto is None:
            query["signature"] = sha1_signature(self.token, timestamp, nonce)
            return Callback(path, query, plain_xml.encode())
        encrypted = self._crypto.encrypt(plain_xml, self.receive_id).decode()
        query["msg_signature"] = sha1_signature(self.token, timestamp, nonce, encrypted)
        if self.channel == "oa":
            query["signature"] = sha1_signature(self.token, timestamp, nonce)
            query["encrypt_type"] = "aes"
            envelope = {"ToUserName": self.account, "Encrypt": encrypted}
        elif self.channel == "kf":
            envelope = {"ToUserName": self.account, "Encrypt": encrypted}
        else:
            envelope = {
                "ToUserName": self.account,
                "Encrypt": encrypted,
                "AgentID": str(self.agent_id),
            }
        return Callback(path, query, _xml(envelope).encode())

    def read_reply(self, body: str) -> dict[str, str] | None:
        """The passive reply's fields, decrypted; None for `success` or an empty body."""
        if body.strip() in ("", "success"):
            return None
        fields = parse_xml(body)
        if "Encrypt" in fields and self._crypto is not None:
            plain = self._crypto.decrypt(fields["Encrypt"], self.receive_id)
            fields = parse_xml(bytes(plain))
        return fields


def cipher_for(encoding_aes_key: str) -> PrpCrypto:
    """The platforms' AES-CBC cipher for an EncodingAESKey (the same on OA and WeCom)."""
    return PrpCrypto(base64.b64decode(encoding_aes_key + "="))


def _xml(fields: dict[str, str]) -> str:
    inner = "".join(
        f"<{k}>{v}</{k}>" if v.isdigit() else f"<{k}><![CDATA[{cdata_safe(v)}]]></{k}>"
        for k, v in fields.items()
    )
    return f"<xml>{inner}</xml>"
