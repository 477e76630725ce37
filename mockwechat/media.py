"""Temporary media: OA `GET /cgi-bin/media/get` (a picture a follower sent, by its MediaId) and
WeCom `POST /cgi-bin/media/upload?type=image` (multipart field `media`), so that a shopper's
after-sales photos can be forwarded to staff in the WeCom app.

Tencent docs: OA 获取临时素材 (valid 3 days); WeCom 上传临时素材 (image ≤ 10 MB, jpg/png).
The mock returns the same small PNG for any media id, except ids starting with `expired`,
which get 40007 (invalid media_id) like a MediaId past its three days; an upload without a
`media` file is 41005, a larger one than 10 MB 40058 (as the docs' limits), and answers a new
`media_id` each time.
"""

from __future__ import annotations

import base64
import itertools

from mockwechat.endpoints import Answer, ApiRequest, Endpoint
from mockwechat.errors import ApiError
from mockwechat.state import MockState

INVALID_MEDIA_ID = 40007
MEDIA_MISSING = 41005
TOO_LARGE = 40058
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# A 1x1 transparent PNG.
PICTURE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
_numbers = itertools.count(1)


def media_get(req: ApiRequest, state: MockState) -> Answer:
    media_id = str(req.query.get("media_id", ""))
    if not media_id or media_id.startswith("expired"):
        raise ApiError(INVALID_MEDIA_ID, "invalid media_id")
    return Answer({}, {"media_id": media_id}, binary=PICTURE)


def media_upload(req: ApiRequest, state: MockState) -> Answer:
    media = req.body.get("media")
    if not isinstance(media, dict):
        raise ApiError(
            MEDIA_MISSING, "media data missing: send the file as the multipart field media"
        )
    if int(media.get("size", 0)) > MAX_IMAGE_BYTES:
        raise ApiError(TOO_LARGE, "image larger than 10 MB")
    media_id = f"wecomMedia{next(_numbers):08d}"
    body = {"errcode": 0, "errmsg": "ok", "type": str(req.query.get("type", "image")),
            "media_id": media_id, "created_at": str(int(req.now))}  # fmt: skip
    return Answer(body, {"size": media.get("size"), "filename": media.get("filename")})


ENDPOINTS = (
    Endpoint("GET", "/cgi-bin/media/get", "oa", media_get),
    Endpoint("POST", "/cgi-bin/media/upload", "wecom", media_upload),
)
