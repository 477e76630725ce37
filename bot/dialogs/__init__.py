"""Shopper dialogs as state machines: browse, order, after-sales.

Each is a `Dialog` (machine.py) built from a StrEnum of states, one function per state and one
transition table, with a Mermaid diagram beside it. `build_dialogs()` makes the three and links
them, so browse's 买 can hand the shopper to the order form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.dialogs import aftersales, browse, order
from bot.dialogs.aftersales import AfterSalesState
from bot.dialogs.browse import BrowseState
from bot.dialogs.machine import Dialog
from bot.dialogs.order import OrderState


@dataclass(frozen=True)
class Dialogs:
    browse: Dialog[BrowseState]
    order: Dialog[OrderState]
    aftersales: Dialog[AfterSalesState]

    def all(self) -> tuple[Dialog[Any], ...]:
        return (self.browse, self.order, self.aftersales)


def build_dialogs() -> Dialogs:
    dialogs = Dialogs(browse.build(), order.build(), aftersales.build())
    peers = {d.name: d for d in dialogs.all()}
    for dialog in dialogs.all():
        dialog.peers = peers
    return dialogs


__all__ = ["Dialog", "Dialogs", "build_dialogs"]
