"""The last exchange kept in the session comes back whole: every field survives the slot."""

from __future__ import annotations

from bot.handlers.followups import LAST_TURN, LastTurn
from bot.session import Session


def test_every_field_of_the_last_turn_survives_the_session_slot() -> None:
    turn = LastTurn("多少钱", "said", "core", 2, "SB20261202000001", 1, True, ("EA-6017",), 2)
    assert LastTurn.of(Session(slots={LAST_TURN: turn.to_slot()})) == turn
