"""Moving a picture from the Official Account to the WeCom app: download a follower's image by
its MediaId (OA 获取临时素材, `GET /cgi-bin/media/get`, valid 3 days), upload it as WeCom
temporary media (上传临时素材, `POST /cgi-bin/media/upload?type=image`, multipart field `media`,
≤ 10 MB), and send that media_id in an app message. This is how staff see a shopper's
after-sales photos.

Both calls are reads or create nothing a shopper sees, so a token error refreshes the token and
tries once more; any other failure answers None (and a log line), never an exception: the alert
text has gone out already and says how many photos there were.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import aiohttp

from bot.outbound.tokens import TOKEN_ERRORS

if TYPE_CHECKING:
    from bot.outbound.client import Outbound

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024


def _errcode(body: bytes) -> int | None:
    """The errcode of a JSON error answer; None when the body is the file itself."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return int(data.get("errcode", -1)) if isinstance(data, dict) else -1


async def fetch_oa_image(outbound: Outbound, media_id: str) -> bytes | None:
    """The picture behind an OA MediaId, or None (expired, unknown, or the API failed)."""
    url = outbound.config.api.oa_base_url + "/cgi-bin/media/get"
    for _ in range(2):
        token = await outbound.tokens.oa.get()
        try:
            params = {"access_token": token, "media_id": media_id}
            async with outbound.transport.http.get(url, params=params) as response:
                body = await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("media/get failed: %s", type(exc).__name__)
            return None
        code = _errcode(body) if status == 200 else -1
        if code is None:
            return body if len(body) <= MAX_IMAGE_BYTES else None
        if code in TOKEN_ERRORS:
            await outbound.tokens.oa.invalidate(token)
            continue
        log.warning("media/get answered %s (HTTP %d)", code, status)
        return None
    return None


async def upload_wecom_image(outbound: Outbound, data: bytes, filename: str) -> str | None:
    """Upload a picture as WeCom temporary media; its media_id, or None."""
    url = outbound.config.api.wecom_base_url + "/cgi-bin/media/upload"
    for _ in range(2):
        token = await outbound.tokens.wecom.get()
        form = aiohttp.FormData()
        form.add_field("media", data, filename=filename, content_type="image/jpeg")
        try:
            params = {"access_token": token, "type": "image"}
            async with outbound.transport.http.post(url, params=params, data=form) as response:
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("media/upload failed: %s", type(exc).__name__)
            return None
        code = int(answer.get("errcode", 0) or 0) if isinstance(answer, dict) else -1
        if code in TOKEN_ERRORS:
            await outbound.tokens.wecom.invalidate(token)
            continue
        if code or not isinstance(answer, dict) or not answer.get("media_id"):
            log.warning("media/upload answered %s", code)
            return None
        return str(answer["media_id"])
    return None
