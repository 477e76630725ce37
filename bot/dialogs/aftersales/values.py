"""The after-sales form's typed values and steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class AfterSalesStep(StrEnum):
    ORDER = "order"
    KIND = "kind"
    REASON = "reason"
    PHOTOS = "photos"
    CONFIRM = "confirm"


@dataclass
class TicketValues:
    order_no: str | None = None
    choices: list[str] = field(default_factory=list)  # the order numbers listed to pick from
    kind: str | None = None  # a TicketKind value
    reason: str | None = None
    details: list[str] = field(default_factory=list)  # more the shopper said about the problem
    wanted: list[str] = field(default_factory=list)  # an exchange's new spec: "尺码:L", "颜色:黑色"
    photos: list[str] = field(default_factory=list)  # media ids, in the order sent
    photos_done: bool = False
