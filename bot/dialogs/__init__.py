"""Shopper dialogs: browsing (a state machine) and the order and after-sales forms.

`build_dialogs(moves)` makes the three with the app's global moves (取消, 返回, 人工, answers in
passing …; bot/handlers/interrupts.py builds them) and links them as peers, so browse's 买 hands
the shopper to the order form and the cart waits while the shopper browses for more.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogs import aftersales, browse, order
from bot.dialogs.aftersales import TicketValues
from bot.dialogs.browse import BrowseState
from bot.dialogs.conversation import Conversation, GlobalMoves
from bot.dialogs.form import Form
from bot.dialogs.machine import Dialog
from bot.dialogs.order import OrderValues


@dataclass(frozen=True)
class Dialogs:
    browse: Dialog[BrowseState]
    order: Form[OrderValues]
    aftersales: Form[TicketValues]

    def all(self) -> tuple[Conversation, ...]:
        return (self.browse, self.order, self.aftersales)

    def by_name(self, name: str) -> Conversation | None:
        return next((d for d in self.all() if d.name == name), None)

    def active(self, state: str | None) -> Conversation | None:
        """The dialog a session state ("order:phone") belongs to."""
        return self.by_name((state or "").partition(":")[0]) if state else None


def build_dialogs(moves: GlobalMoves | None = None) -> Dialogs:
    moves = moves or GlobalMoves()
    dialogs = Dialogs(browse.build(moves), order.build(moves), aftersales.build(moves))
    peers = {d.name: d for d in dialogs.all()}
    for dialog in dialogs.all():
        dialog.peers = peers
    return dialogs


__all__ = ["Conversation", "Dialog", "Dialogs", "Form", "GlobalMoves", "build_dialogs"]
