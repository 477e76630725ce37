"""The baseline of bench_pipeline: a bare decrypt → parse → encrypt echo server (WeRoBot), no
dedup, no state, no routing. `python bench/echo_server.py PORT TOKEN AES_KEY APP_ID`."""

from __future__ import annotations

import sys

from aiohttp import web
from werobot.crypto import MessageCrypt
from werobot.parser import parse_user_msg
from werobot.replies import TextReply

from bot.protocol.xmlsafe import parse_xml


def make_app(token: str, aes_key: str, app_id: str) -> web.Application:
    crypt = MessageCrypt(token, aes_key, app_id)

    async def echo(request: web.Request) -> web.Response:
        query = request.query
        envelope = parse_xml(await request.read())
        plain = crypt.decrypt_message(
            query["timestamp"], query["nonce"], query["msg_signature"], envelope["Encrypt"]
        )
        message = parse_user_msg(plain)
        reply = TextReply(message=message, content=message.content)
        body = crypt.encrypt_message(reply.render(), query["timestamp"], query["nonce"])
        return web.Response(text=body, content_type="application/xml")

    app = web.Application()
    app.router.add_post("/wechat/oa", echo)
    return app


if __name__ == "__main__":
    port, token, aes_key, app_id = sys.argv[1:5]
    web.run_app(
        make_app(token, aes_key, app_id),
        host="127.0.0.1",
        port=int(port),
        print=None,
        access_log=None,
    )
