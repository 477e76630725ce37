"""Failures injected by tests: answer an errcode, an HTTP error, or answer late.

A fault applies to one path (or "*" for every emulated path) and to its next `count` calls;
`count: -1` keeps it until `DELETE /_mock/faults`. Faults are taken first come, first served,
one per call, before the token is checked — like a Tencent-side failure, which does not care
whether the caller's token was good.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mockwechat.errors import ERRMSG

FOREVER = -1
MAX_DELAY_S = 60.0


class FaultSpecError(ValueError):
    """The JSON given to POST /_mock/faults does not describe a fault."""


@dataclass(slots=True)
class Fault:
    id: int
    path: str
    errcode: int | None = None
    errmsg: str | None = None
    http_status: int | None = None
    delay_s: float = 0.0
    remaining: int = 1

    def matches(self, path: str) -> bool:
        return self.remaining != 0 and self.path in ("*", path)

    def answer(self) -> dict[str, Any] | None:
        """The errcode answer replacing the real one, or None when only a delay or status."""
        if self.errcode is None:
            return None
        return {"errcode": self.errcode, "errmsg": self.errmsg or ERRMSG.get(self.errcode, "")}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "errcode": self.errcode,
            "errmsg": self.errmsg,
            "http_status": self.http_status,
            "delay_s": self.delay_s,
            "count": self.remaining,
        }


def _int_or_none(spec: Mapping[str, Any], key: str) -> int | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FaultSpecError(f"{key} must be an integer")
    return value


def _delay(spec: Mapping[str, Any]) -> float:
    value = spec.get("delay_s", 0.0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultSpecError("delay_s must be a number")
    if not 0 <= value <= MAX_DELAY_S:
        raise FaultSpecError(f"delay_s must be between 0 and {MAX_DELAY_S}")
    return float(value)


def parse_fault(spec: Mapping[str, Any], fault_id: int) -> Fault:
    """Build a fault from its JSON; raise FaultSpecError naming the bad key."""
    path = spec.get("path")
    if not isinstance(path, str) or not (path == "*" or path.startswith("/")):
        raise FaultSpecError('path must be an API path like "/cgi-bin/message/send", or "*"')
    count = _int_or_none(spec, "count")
    count = 1 if count is None else count
    if count == 0 or count < FOREVER:
        raise FaultSpecError("count must be a positive integer, or -1 for every call")
    fault = Fault(
        id=fault_id,
        path=path,
        errcode=_int_or_none(spec, "errcode"),
        errmsg=spec.get("errmsg") if isinstance(spec.get("errmsg"), str) else None,
        http_status=_int_or_none(spec, "http_status"),
        delay_s=_delay(spec),
        remaining=count,
    )
    if fault.http_status is not None and not 400 <= fault.http_status <= 599:
        raise FaultSpecError("http_status must be between 400 and 599")
    if fault.errcode is None and fault.http_status is None and fault.delay_s == 0:
        raise FaultSpecError("a fault needs errcode, http_status or delay_s")
    return fault


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._next_id = 1

    def add(self, spec: Mapping[str, Any]) -> Fault:
        fault = parse_fault(spec, self._next_id)
        self._next_id += 1
        self._faults.append(fault)
        return fault

    def take(self, path: str) -> Fault | None:
        """The fault for this call, if any, with one use of it spent."""
        for fault in self._faults:
            if fault.matches(path):
                if fault.remaining > 0:
                    fault.remaining -= 1
                return fault
        return None

    def active(self) -> list[Fault]:
        return [f for f in self._faults if f.remaining != 0]

    def clear(self) -> int:
        cleared = len(self.active())
        self._faults.clear()
        return cleared
