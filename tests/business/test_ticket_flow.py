"""The tickets' diagram is drawn from the store's table; every kind can reach an end from open."""

from __future__ import annotations

import pytest

from bot.business.ticket_flow import FILE, mermaid
from bot.storage import TicketKind, TicketStatus
from bot.storage.tickets import MOVES, can_move

ENDS = {TicketStatus.REFUNDED, TicketStatus.RESOLVED, TicketStatus.REJECTED, TicketStatus.WITHDRAWN}


def test_the_diagram_matches_the_table() -> None:
    assert FILE.read_text(encoding="utf-8") == mermaid(), (
        "run `python -m bot.business.ticket_flow` and commit the result"
    )


@pytest.mark.parametrize("kind", list(TicketKind))
def test_each_kind_can_finish_and_ends_are_final(kind: TicketKind) -> None:
    reached, todo = {TicketStatus.OPEN}, [TicketStatus.OPEN]
    while todo:
        state = todo.pop()
        for target in MOVES:
            if can_move(kind, state, target) and target not in reached:
                reached.add(target)
                todo.append(target)
    assert reached & (ENDS - {TicketStatus.REJECTED, TicketStatus.WITHDRAWN})
    for end in ENDS:
        assert not any(can_move(kind, end, target) for target in MOVES)
