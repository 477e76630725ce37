"""The state store's JSON (sessions, dedup records, kept texts) reads and writes exactly what
`json.dumps(..., ensure_ascii=False).encode()` and `json.loads` did, errors included."""

from __future__ import annotations

import json

import pytest

from bot.session import Session
from bot.state import jsonbytes

VALUES = [
    {"state": "browse:card", "slots": {"sku": "AP-1001", "wish": {"颜色": "白色"}}, "n": 1.5},
    {"s": "passive", "xml": "<xml><Content><![CDATA[您好～]]></Content></xml>"},
    ["你好", "在吗", 'a "quoted" \\ text', "\u2028"],
    "just a string",
    {"nested": [[], {}, None, True, False, 0, -3, 1e100]},
]


@pytest.mark.parametrize("value", VALUES)
def test_written_and_read_as_json_does(value: object) -> None:
    assert jsonbytes.dumps(value) == json.dumps(value, ensure_ascii=False).encode()
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    assert jsonbytes.dumps_compact(value) == compact
    assert jsonbytes.loads(jsonbytes.dumps(value)) == json.loads(jsonbytes.dumps(value))


@pytest.mark.parametrize("raw", [b"{", b"[1,", b"{\xff}", b"", b"x", b"12", b"\xef\xbb\xbf{}"])
def test_what_is_no_json_fails_as_json_loads_fails(raw: bytes) -> None:
    try:
        expected: object = json.loads(raw)
    except ValueError as exc:
        with pytest.raises(type(exc)):
            jsonbytes.loads(raw)
    else:
        assert jsonbytes.loads(raw) == expected


def test_a_session_round_trips() -> None:
    session = Session("order:qty", {"sku": "AP-1001", "qty": 2, "名字": "张三"}, 1700000000.25)
    raw = session.to_json()
    assert (
        raw
        == json.dumps(
            {"state": session.state, "slots": dict(session.slots), "updated_at": 1700000000.25},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
    )
    assert Session.from_json(raw) == session
